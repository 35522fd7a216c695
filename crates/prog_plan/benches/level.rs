//! Resource leveling of generated plans of 1,000 and 10,000 tasks over 50
//! resources, with the default budget for their size; and the cost of one
//! schedule on the 3,000-task, 60-person plan of the comparison with
//! TaskJuggler: the difference between 1 and 1,001 schedules, divided by
//! 1,000.

use divan::{Bencher, black_box};
use prog_plan::{LevelOptions, Plan, WorkCalendar, generate, level, schedule_with};

const SIZES: [usize; 2] = [1_000, 10_000];
const RESOURCES: usize = 50;

fn main() {
    divan::main();
}

/// A generated plan less the second assignment of a resource to one task
/// (a person at 200% would be leveled as taking all of that person, with a
/// warning).
fn levelable(tasks: usize, resources: usize) -> Plan {
    let mut plan = generate::plan(tasks, resources, 7);
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
    let plan = levelable(tasks, RESOURCES);
    let cal = WorkCalendar::new(&plan);
    let unleveled = schedule_with(&plan, &cal);
    let options = LevelOptions::for_plan(&plan);
    bencher.bench(|| level(black_box(&plan), &cal, &unleveled, &options, |_| {}).expect("levelable"));
}

/// 3,000 tasks, 60 resources, with a budget of `schedules`.
#[divan::bench(args = [1, 1_001], sample_count = 5)]
fn schedules_on_3000_tasks(bencher: Bencher, schedules: usize) {
    let plan = levelable(3_000, 60);
    let cal = WorkCalendar::new(&plan);
    let unleveled = schedule_with(&plan, &cal);
    let options = LevelOptions {
        seed: 1,
        schedules,
        time_limit: None,
    };
    bencher.bench(|| {
        let leveled = level(black_box(&plan), &cal, &unleveled, &options, |_| {}).expect("levelable");
        // The search stops short of its budget by the passes of one
        // justification that would not fit.
        assert!(
            leveled.schedules.abs_diff(schedules) <= 2,
            "{} schedules",
            leveled.schedules
        );
    });
}
