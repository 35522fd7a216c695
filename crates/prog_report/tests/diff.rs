//! The diff writers on plans too different for a pull-request comment.

use prog_diff::Side;
use prog_plan::{Plan, WorkCalendar, generate, load, schedule};

/// The Markdown of the diff between two unrelated generated plans.
fn markdown_of(old: &Plan, new: &Plan) -> (prog_diff::Diff, String) {
    let (old_cal, new_cal) = (WorkCalendar::new(old), WorkCalendar::new(new));
    let (old_s, new_s) = (schedule(old), schedule(new));
    let (old_l, new_l) = (load(old, &old_s, &old_cal), load(new, &new_s, &new_cal));
    let side = |plan, schedule, load, calendar| Side {
        plan,
        schedule,
        load,
        calendar,
    };
    let diff = prog_diff::diff(
        &side(old, &old_s, &old_l, &old_cal),
        &side(new, &new_s, &new_l, &new_cal),
    );
    let md = prog_report::diff::markdown(&diff);
    (diff, md)
}

#[test]
fn long_tables_stop_after_a_hundred_rows_and_say_how_many_are_left() {
    let (diff, md) = markdown_of(&generate::plan(2_000, 20, 1), &generate::plan(2_000, 20, 2));
    let edited = diff.tasks.changed.iter().filter(|c| c.is_edited()).count();
    let task_rows = diff.tasks.added.len() + edited + diff.tasks.removed.len();
    assert!(
        task_rows > 100,
        "the plans should differ in many tasks: {task_rows}"
    );
    let tasks = md
        .split("#### Tasks")
        .nth(1)
        .unwrap()
        .split("\n\n")
        .nth(1)
        .unwrap();
    // Header, separator and 100 rows.
    assert_eq!(tasks.lines().count(), 102, "{tasks}");
    assert!(
        md.contains(&format!(
            "… and {} more (`prog diff --format json` lists them all).",
            task_rows - 100
        )),
        "{md}"
    );
    assert!(md.len() < 65_536, "{} characters", md.len());
}

#[test]
fn terminal_text_is_coloured_only_on_request() {
    let old = generate::plan(200, 10, 1);
    let mut longer = old.clone();
    // The finish moves later: red, after the bold headline.
    for task in &mut longer.tasks {
        if let Some(prog_plan::WorkSpec::Duration(d)) = task.work {
            task.work = Some(prog_plan::WorkSpec::Duration(d + prog_plan::Work::days(1)));
        }
    }
    let (diff, _) = markdown_of(&old, &longer);
    assert!(diff.finish.is_later());
    let plain = prog_report::diff::text(&diff, false);
    let coloured = prog_report::diff::text(&diff, true);
    assert!(!plain.contains('\x1b'));
    assert!(
        coloured.starts_with(&format!("\x1b[1m{}\x1b[0m\n", diff.headline)),
        "{coloured}"
    );
    assert!(coloured.contains("\x1b[31m+"), "{coloured}");
}
