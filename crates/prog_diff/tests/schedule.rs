//! What a change does to the dates: the finish, its drivers and the
//! headline, the critical path, milestones and deadlines. Every figure is
//! worked out by hand from the base plan in `common` (Monday 2027-01-04 is
//! working day 0, weekends are off).

mod common;

use chrono::NaiveDate;
use common::{BASE, diff, edit};
use prog_plan::{Days, Work};

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn days(n: i64) -> Days {
    Days(Work::days(n))
}

fn ids<T>(list: &[T], id: impl Fn(&T) -> &str) -> Vec<String> {
    list.iter().map(|x| id(x).to_string()).collect()
}

#[test]
fn identical_plans_have_no_difference() {
    let d = diff(BASE, BASE);
    assert!(d.is_empty(), "{d:#?}");
    assert_eq!(d.headline, "This does not move the finish (2027-01-22).");
    assert_eq!(d.worst_slip(), Work::ZERO);
}

#[test]
fn a_critical_task_that_grows_moves_the_finish_and_is_named() {
    // build 5-19 instead of 5-15: its last day is working day 18, Thu Jan 28.
    let d = diff(BASE, &edit("duration 10d  owner bob", "duration 14d  owner bob"));
    assert_eq!(
        (d.finish.old, d.finish.new),
        (date("2027-01-22"), date("2027-01-28"))
    );
    assert_eq!((d.finish.working_days, d.finish.calendar_days), (days(4), 6));
    assert_eq!(
        d.headline,
        "This moves the finish by 4 working days, from 2027-01-22 to 2027-01-28, \
         because `build` grew from 10d to 14d."
    );
    assert_eq!(ids(&d.drivers, |x| &x.id), ["build"]);
    // design and docs do not move; build and the milestone after it do.
    assert_eq!(ids(&d.tasks.changed, |x| &x.id), ["build", "ready"]);
    let build = &d.tasks.changed[0];
    let duration = build.duration_days.as_ref().unwrap();
    assert_eq!((duration.old, duration.new), (days(10), days(14)));
    assert_eq!(build.start, None);
    let finish = build.finish.unwrap();
    assert_eq!(
        (finish.old, finish.new, finish.working_days),
        (date("2027-01-22"), date("2027-01-28"), days(4))
    );
    assert!(!d.tasks.changed[1].is_edited());
    assert_eq!(d.milestones.len(), 1);
    let ready = &d.milestones[0];
    assert_eq!(
        (ready.id.as_str(), ready.moved.new, ready.moved.working_days),
        ("ready", date("2027-01-28"), days(4))
    );
    // The deadline is Feb 1 (end of working day 21): still met at 19.
    assert!(!ready.newly_missed);
    assert!(d.critical_path.entered.is_empty() && d.critical_path.left.is_empty());
    assert_eq!(d.worst_slip(), Work::days(4));
}

#[test]
fn a_task_that_becomes_critical_enters_the_path_and_pushes_another_out() {
    // docs 5-17 (last day 16, Tue Jan 26); build now ends at 15 with 2 days of float.
    let d = diff(
        BASE,
        &edit("duration 3d  owner alice", "duration 12d  owner alice"),
    );
    assert_eq!(
        (d.finish.new, d.finish.working_days, d.finish.calendar_days),
        (date("2027-01-26"), days(2), 4)
    );
    assert_eq!(
        d.headline,
        "This moves the finish by 2 working days, from 2027-01-22 to 2027-01-26, \
         because `docs` grew from 3d to 12d and is now critical."
    );
    assert_eq!(d.critical_path.entered, ["docs"]);
    assert_eq!(d.critical_path.left, ["build"]);
}

#[test]
fn a_shorter_critical_task_brings_the_finish_forward() {
    // build 5-11: the milestone is reached at 11, last day 10 = Mon Jan 18.
    let d = diff(BASE, &edit("duration 10d  owner bob", "duration 6d  owner bob"));
    assert_eq!(
        (d.finish.new, d.finish.working_days, d.finish.calendar_days),
        (date("2027-01-18"), days(-4), -4)
    );
    assert_eq!(
        d.headline,
        "This brings the finish forward by 4 working days, from 2027-01-22 to 2027-01-18, \
         because `build` shrank from 10d to 6d."
    );
    assert_eq!(d.worst_slip(), Work::ZERO, "nothing moved later");
}

#[test]
fn a_new_dependency_is_named_with_the_one_it_replaced() {
    // docs after build: 15-18, last day 17 = Wed Jan 27.
    let d = diff(
        BASE,
        &edit("owner alice  after design", "owner alice  after build"),
    );
    assert_eq!(
        (d.finish.new, d.finish.working_days),
        (date("2027-01-27"), days(3))
    );
    assert_eq!(
        d.headline,
        "This moves the finish by 3 working days, from 2027-01-22 to 2027-01-27, \
         because `docs` now waits for `build`, no longer waits for `design` and is now critical."
    );
    let docs = d.tasks.changed.iter().find(|c| c.id == "docs").unwrap();
    assert_eq!(ids(&docs.deps_added, |x| &x.on), ["build"]);
    assert_eq!(ids(&docs.deps_removed, |x| &x.on), ["design"]);
    let (start, finish) = (docs.start.unwrap(), docs.finish.unwrap());
    assert_eq!(
        (start.old, start.new, start.working_days),
        (date("2027-01-11"), date("2027-01-25"), days(10))
    );
    assert_eq!(
        (finish.old, finish.new, finish.calendar_days),
        (date("2027-01-13"), date("2027-01-27"), 14)
    );
}

#[test]
fn a_changed_lag_is_one_dependency_removed_and_one_added() {
    // docs 7-10 still has float: nothing but docs moves, by 2 days.
    let d = diff(
        BASE,
        &edit("owner alice  after design", "owner alice  after design +2d"),
    );
    let docs = &d.tasks.changed[0];
    assert_eq!(d.tasks.changed.len(), 1);
    assert_eq!(
        serde_json::to_value(&docs.deps_added).unwrap(),
        serde_json::json!([{"on": "design", "kind": "after", "lag_days": 2}])
    );
    assert_eq!(
        serde_json::to_value(&docs.deps_removed).unwrap(),
        serde_json::json!([{"on": "design", "kind": "after", "lag_days": 0}])
    );
    assert_eq!(docs.start.unwrap().working_days, days(2));
    assert_eq!(d.headline, "This does not move the finish (2027-01-22).");
}

#[test]
fn a_later_not_before_is_a_driver() {
    // Thu Jan 21 is working day 13: docs 13-16, the milestone at 16 (Mon Jan 25).
    let d = diff(
        BASE,
        &edit(
            "owner alice  after design",
            "owner alice  after design  not_before 2027-01-21",
        ),
    );
    assert_eq!(
        (d.finish.new, d.finish.working_days, d.finish.calendar_days),
        (date("2027-01-25"), days(1), 3)
    );
    assert_eq!(
        d.headline,
        "This moves the finish by 1 working day, from 2027-01-22 to 2027-01-25, \
         because `docs` may not start before 2027-01-21 and is now critical."
    );
}

#[test]
fn added_tasks_on_the_path_are_drivers_and_removed_ones_are_listed() {
    let new = edit(
        "milestone ready \"Ready\" { after build, docs",
        "task qa \"QA\" { duration 2d  owner bob  after build }\nmilestone ready \"Ready\" { after build, docs, qa",
    );
    // qa 15-17: the milestone at 17, last day 16 = Tue Jan 26.
    let d = diff(BASE, &new);
    assert_eq!(
        d.headline,
        "This moves the finish by 2 working days, from 2027-01-22 to 2027-01-26, \
         because `qa` was added (2d); `ready` now waits for `qa`."
    );
    assert_eq!(ids(&d.tasks.added, |x| &x.id), ["qa"]);
    let qa = &d.tasks.added[0];
    assert_eq!(
        (qa.kind, qa.start, qa.finish, qa.duration_days, qa.critical),
        ("task", date("2027-01-25"), date("2027-01-26"), days(2), true)
    );
    assert_eq!(d.critical_path.entered, ["qa"]);

    // The other way round qa is removed, and nothing is added.
    let back = diff(&new, BASE);
    assert_eq!(ids(&back.tasks.removed, |x| &x.id), ["qa"]);
    assert!(back.tasks.added.is_empty());
    assert_eq!(back.finish.working_days, days(-2));
    assert!(
        back.critical_path.left.is_empty(),
        "a removed task is listed as removed only"
    );
}

#[test]
fn a_missed_deadline_is_newly_missed_and_then_met_again() {
    // build 5-19: ready at 19; Wed Jan 27 ends working day 17, at 18: one day late.
    let late = edit("duration 10d  owner bob", "duration 14d  owner bob")
        .replace("deadline 2027-02-01", "deadline 2027-01-27");
    let d = diff(BASE, &late);
    let ready = &d.milestones[0];
    assert!(ready.newly_missed);
    assert_eq!(ready.deadline, Some(date("2027-01-27")));
    assert_eq!(d.deadlines.newly_missed.len(), 1);
    let miss = &d.deadlines.newly_missed[0];
    assert_eq!(
        (miss.id.as_str(), miss.deadline, miss.overrun_days),
        ("ready", date("2027-01-27"), days(1))
    );
    let change = d.tasks.changed.iter().find(|c| c.id == "ready").unwrap();
    let deadline = change.deadline.as_ref().unwrap();
    assert_eq!(
        (deadline.old, deadline.new),
        (Some(date("2027-02-01")), Some(date("2027-01-27")))
    );

    let back = diff(&late, BASE);
    assert!(back.deadlines.newly_missed.is_empty());
    assert_eq!(ids(&back.deadlines.no_longer_missed, |x| &x.id), ["ready"]);
    assert!(!back.milestones[0].newly_missed);
}

#[test]
fn a_later_program_start_moves_everything_on_the_new_calendar() {
    let d = diff(BASE, &edit("start 2027-01-04", "start 2027-01-11"));
    assert_eq!(
        (d.finish.new, d.finish.working_days, d.finish.calendar_days),
        (date("2027-01-29"), days(5), 7)
    );
    assert_eq!(
        d.headline,
        "This moves the finish by 5 working days, from 2027-01-22 to 2027-01-29, \
         because the program start moved from 2027-01-04 to 2027-01-11."
    );
    // Offsets are the same (design still starts at 0), yet every date moved a week.
    let design = d.tasks.changed.iter().find(|c| c.id == "design").unwrap();
    assert!(!design.is_edited());
    assert_eq!(design.start.unwrap().working_days, days(5));
    assert_eq!(d.tasks.changed.len(), 4);
}

#[test]
fn a_holiday_on_the_path_is_named_as_a_calendar_change() {
    let new = format!(
        "{}calendar office {{ workdays mon, tue, wed, thu, fri  holiday 2027-01-13 }}\n",
        edit("start 2027-01-04 }", "start 2027-01-04  calendar office }")
    );
    // One working day less before the finish: build's last day is Mon Jan 25.
    let d = diff(BASE, &new);
    assert_eq!(
        (d.finish.new, d.finish.working_days, d.finish.calendar_days),
        (date("2027-01-25"), days(1), 3)
    );
    assert_eq!(
        d.headline,
        "This moves the finish by 1 working day, from 2027-01-22 to 2027-01-25, \
         because the working calendar changed."
    );
}

#[test]
fn a_headline_names_at_most_three_reasons_per_task() {
    // docs after build, 4d: 15-19, the milestone at 19 (Thu Jan 28).
    let d = diff(
        BASE,
        &edit(
            "duration 3d  owner alice  after design",
            "duration 4d  owner alice  after build  not_before 2027-01-05",
        ),
    );
    assert_eq!(d.drivers[0].reasons.len(), 5);
    assert_eq!(
        d.headline,
        "This moves the finish by 4 working days, from 2027-01-22 to 2027-01-28, \
         because `docs` grew from 3d to 4d, now waits for `build` and 3 other changes."
    );
}
