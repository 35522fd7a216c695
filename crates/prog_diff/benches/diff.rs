//! The comparison alone (the plans already scheduled and loaded) on
//! generated plans of 10,000 tasks: one task's duration changed, and two
//! unrelated plans (every task differs).

use divan::{Bencher, black_box};
use prog_diff::Side;
use prog_plan::{Load, Plan, Schedule, Work, WorkCalendar, WorkSpec, generate, load, schedule};

const TASKS: usize = 10_000;

fn main() {
    divan::main();
}

/// A plan with everything the diff reads computed.
struct Version {
    plan: Plan,
    schedule: Schedule,
    load: Load,
    calendar: WorkCalendar,
}

impl Version {
    fn new(plan: Plan) -> Version {
        let calendar = WorkCalendar::new(&plan);
        let schedule = schedule(&plan);
        let load = load(&plan, &schedule, &calendar);
        Version {
            plan,
            schedule,
            load,
            calendar,
        }
    }

    fn side(&self) -> Side<'_> {
        Side {
            plan: &self.plan,
            schedule: &self.schedule,
            load: &self.load,
            calendar: &self.calendar,
        }
    }
}

#[divan::bench(sample_count = 10)]
fn one_task_longer(bencher: Bencher) {
    let plan = generate::plan(TASKS, 50, 1);
    let mut longer = plan.clone();
    let task = longer
        .tasks
        .iter_mut()
        .find(|t| matches!(t.work, Some(WorkSpec::Duration(_))))
        .expect("a task with a duration");
    task.work = Some(WorkSpec::Duration(task.duration() + Work::days(5)));
    let (old, new) = (Version::new(plan), Version::new(longer));
    bencher.bench(|| prog_diff::diff(black_box(&old.side()), black_box(&new.side())));
}

#[divan::bench(sample_count = 10)]
fn every_task_different(bencher: Bencher) {
    let (old, new) = (
        Version::new(generate::plan(TASKS, 50, 1)),
        Version::new(generate::plan(TASKS, 50, 2)),
    );
    bencher.bench(|| prog_diff::diff(black_box(&old.side()), black_box(&new.side())));
}
