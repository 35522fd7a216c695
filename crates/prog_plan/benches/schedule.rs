//! Scheduling (cycle detection included) and resource load on generated
//! plans of 10k, 100k and 1M tasks over 50 resources.

use divan::{Bencher, black_box};
use prog_plan::{WorkCalendar, generate, load, schedule};

const SIZES: [usize; 3] = [10_000, 100_000, 1_000_000];
const RESOURCES: usize = 50;

fn main() {
    divan::main();
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn schedule_plan(bencher: Bencher, tasks: usize) {
    let plan = generate::plan(tasks, RESOURCES, 7);
    bencher.bench(|| schedule(black_box(&plan)));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn resource_load(bencher: Bencher, tasks: usize) {
    let plan = generate::plan(tasks, RESOURCES, 7);
    let cal = WorkCalendar::new(&plan);
    let schedule = schedule(&plan);
    bencher.bench(|| load(black_box(&plan), black_box(&schedule), &cal));
}
