//! Monte-Carlo forecasts: 10,000 runs on a generated 1,000-task plan whose
//! tasks all carry a three-point estimate and which has risks.

use divan::{Bencher, black_box};
use prog_plan::forecast::{Distribution, Options};
use prog_plan::{Estimate, Plan, Risk, TaskId, TaskKind, Work, WorkCalendar, forecast, generate};

fn main() {
    divan::main();
}

/// `generate::plan(1000, 50, 7)` with an estimate on every task around its
/// duration (80%, 100%, 160%) and a risk on every 25th leaf: 40 risks at
/// 10% to 40% with impacts of 2 to 5 days.
fn uncertain_plan() -> Plan {
    let mut plan = generate::plan(1000, 50, 7);
    for task in &mut plan.tasks {
        if task.kind == TaskKind::Task {
            let d = task.duration().0;
            *task.estimate = Some(Estimate {
                optimistic: Work(d * 4 / 5),
                likely: Work(d),
                pessimistic: Work(d * 8 / 5),
            });
        }
    }
    let leaves: Vec<TaskId> = plan.task_ids().filter(|&t| plan.task(t).is_leaf()).collect();
    plan.risks = leaves
        .iter()
        .step_by(25)
        .enumerate()
        .map(|(i, &t)| Risk {
            id: format!("risk{i}"),
            title: None,
            probability: Some(10 + 10 * (i % 4) as u8),
            impact: Some(Work::days(2 + (i % 4) as i64)),
            affects: vec![t],
            owner: None,
            mitigation: None,
        })
        .collect();
    plan
}

#[divan::bench(args = [Distribution::Triangular, Distribution::Pert], sample_count = 10)]
fn ten_thousand_runs(bencher: Bencher, distribution: Distribution) {
    let plan = uncertain_plan();
    let cal = WorkCalendar::new(&plan);
    let options = Options {
        distribution,
        ..Options::default()
    };
    bencher.bench(|| forecast(black_box(&plan), &cal, &options, |_, _| {}));
}

#[divan::bench(args = [1, 2], sample_count = 10)]
fn ten_thousand_runs_on_threads(bencher: Bencher, threads: usize) {
    let plan = uncertain_plan();
    let cal = WorkCalendar::new(&plan);
    let options = Options {
        threads,
        ..Options::default()
    };
    bencher.bench(|| forecast(black_box(&plan), &cal, &options, |_, _| {}));
}
