//! The budget at completion and the currency in the diff, and both
//! versions against a baseline. Figures are worked out by hand.

mod common;

use common::{diff, project, side};
use prog_db::{Database, Project};
use prog_diff::against_baseline;
use prog_plan::baseline::{Baseline, Capture};

/// alice at 800 a day on `a` for 5 days (4,000), `b` a fixed 1,000: a
/// budget of 5,000 EUR.
const PRICED: &str = "program p { start 2027-01-04  currency \"EUR\" }
person alice { capacity 100%  rate 800/d }
task a { duration 5d  owner alice }
task b { duration 1d  owner alice  after a  cost 1000 }
milestone done_it { after b }
";

#[test]
fn a_longer_task_raises_the_budget_by_its_days_at_its_rate() {
    let d = diff(PRICED, &PRICED.replace("duration 5d", "duration 6d"));
    let b = d.budget.expect("the budget changed");
    // b also runs a day at 800: 4,000 + 800 + 1,000 = 5,800 before, 6,600 after.
    assert_eq!((b.bac.old, b.bac.new), (5800.0, 6600.0));
    assert_eq!((b.unit.old, b.unit.new), ("money", "money"));
    assert!(b.currency.is_none());
}

#[test]
fn a_new_currency_and_a_change_of_unit_are_reported() {
    let d = diff(PRICED, &PRICED.replace("\"EUR\"", "\"USD\""));
    let b = d.budget.expect("the currency changed");
    let c = b.currency.unwrap();
    assert_eq!((c.old.as_deref(), c.new.as_deref()), (Some("EUR"), Some("USD")));
    assert_eq!(b.bac.old, b.bac.new);

    // Without rates and costs, budgets are person-days: 5 + 1 = 6.
    let unpriced = PRICED.replace("  rate 800/d", "").replace("  cost 1000", "");
    let b = diff(PRICED, &unpriced).budget.unwrap();
    assert_eq!((b.unit.old, b.unit.new), ("money", "person_days"));
    assert_eq!(b.bac.new, 6.0);
}

#[test]
fn an_unchanged_budget_is_not_a_change() {
    let d = diff(PRICED, &PRICED.replace("task a {", "task a \"Alpha\" {"));
    assert!(d.budget.is_none());
}

fn analysed(db: &Database, text: &str) -> Project {
    project(db, &[("plan.prog", text)])
}

#[test]
fn both_versions_against_a_baseline() {
    let db = Database::default();
    // Baseline: a [0, 4], b [4, 5], done_it at 5 (Fri 2027-01-08).
    let base = analysed(&db, &PRICED.replace("duration 5d", "duration 4d"));
    let baseline = Baseline::capture(
        &prog_db::resolved(&db, base).plan,
        prog_db::schedule(&db, base),
        prog_db::work_calendar(&db, base),
        Capture {
            name: Some("kickoff"),
            created: "2026-12-01".parse().unwrap(),
            plan_hash: String::new(),
            approval: None,
        },
    );
    // Old: a 5d, a day late; new: a 7d, three days late.
    let old = analysed(&db, PRICED);
    let new = analysed(&db, &PRICED.replace("duration 5d", "duration 7d"));
    let shift = against_baseline(&side(&db, old), &side(&db, new), &baseline);
    assert_eq!(shift.finish.to_string(), "2027-01-08");
    assert_eq!((shift.finish_variance.old, shift.finish_variance.new), (1.0, 3.0));
    assert_eq!((shift.milestones_late.old, shift.milestones_late.new), (1, 1));
    assert_eq!(shift.name.as_deref(), Some("kickoff"));
}
