//! Scheduling (cycle detection included) and resource load on generated
//! plans of 10k, 100k and 1M tasks over 50 resources, and the load of a flat
//! plan over a long span. With the allocator `prog` ships with, as the
//! other benches.

use divan::{Bencher, black_box};
use prog_plan::{WorkCalendar, generate, load, schedule};

const SIZES: [usize; 3] = [10_000, 100_000, 1_000_000];
const RESOURCES: usize = 50;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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

/// Load of a flat plan of 100,000 tasks and 400 people whose chains span
/// 119 years (`proggen --shape flat --tasks 100000 --resources 400 --years 119`).
#[divan::bench(sample_count = 10)]
fn resource_load_long_span(bencher: Bencher) {
    let plan = generate::flat(generate::Flat {
        tasks: 100_000,
        people: 400,
        years: Some(119),
        seed: 1,
    });
    let cal = WorkCalendar::new(&plan);
    let schedule = schedule(&plan);
    bencher.bench(|| load(black_box(&plan), black_box(&schedule), &cal));
}
