//! Resource leveling of generated plans of 1,000 and 10,000 tasks over 50
//! resources, with the default budget for their size.

use divan::{Bencher, black_box};
use prog_plan::{LevelOptions, Plan, WorkCalendar, generate, level, schedule_with};

const SIZES: [usize; 2] = [1_000, 10_000];
const RESOURCES: usize = 50;

fn main() {
    divan::main();
}

/// A generated plan less the second assignment of a resource to one task
/// (a person at 200% could never be leveled).
fn levelable(tasks: usize) -> Plan {
    let mut plan = generate::plan(tasks, RESOURCES, 7);
    for task in &mut plan.tasks {
        let mut seen = Vec::new();
        task.assignments.retain(|a| {
            let fresh = !seen.contains(&a.resource);
            seen.push(a.resource);
            fresh
        });
    }
    plan
}

#[divan::bench(args = SIZES, sample_count = 5)]
fn level_plan(bencher: Bencher, tasks: usize) {
    let plan = levelable(tasks);
    let cal = WorkCalendar::new(&plan);
    let unleveled = schedule_with(&plan, &cal);
    let options = LevelOptions::for_plan(&plan);
    bencher.bench(|| level(black_box(&plan), &cal, &unleveled, &options).expect("levelable"));
}
