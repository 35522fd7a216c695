//! What changed in each item: task fields, risks, approvals, resources and
//! over-allocations, and ids that moved between files. Figures are worked
//! out by hand from the base plan in `common`.

mod common;

use chrono::NaiveDate;
use common::{BASE, diff, diff_files, edit};
use prog_plan::{Days, Work};

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn days(n: i64) -> Days {
    Days(Work::days(n))
}

#[test]
fn a_renamed_title_and_a_new_estimate_change_no_date() {
    let new = edit("task docs \"Docs\"", "task docs \"User docs\"").replace(
        "duration 10d  owner bob",
        "duration 10d  estimate 8d 10d 15d  owner bob",
    );
    let d = diff(BASE, &new);
    assert_eq!(d.tasks.changed.len(), 2);
    let build = d.tasks.changed.iter().find(|c| c.id == "build").unwrap();
    let estimate = build.estimate.as_ref().unwrap();
    assert_eq!(estimate.old, None);
    let e = estimate.new.unwrap();
    assert_eq!(
        (e.optimistic, e.likely, e.pessimistic),
        (days(8), days(10), days(15))
    );
    let docs = d.tasks.changed.iter().find(|c| c.id == "docs").unwrap();
    let title = docs.title.as_ref().unwrap();
    assert_eq!(
        (title.old.as_deref(), title.new.as_deref()),
        (Some("Docs"), Some("User docs"))
    );
    assert!(build.start.is_none() && build.finish.is_none() && docs.finish.is_none());
    assert!(d.drivers.is_empty());
}

#[test]
fn effort_over_a_team_is_compared_as_effort_and_duration() {
    // 20d of effort over 2 people is 10d, as in the base plan; 30d is 15d.
    let old = edit("duration 10d  owner bob", "effort 20d  assign backend 2");
    let new = edit("duration 10d  owner bob", "effort 30d  assign backend 2");
    let d = diff(&old, &new);
    let build = &d.tasks.changed[0];
    let effort = build.effort_days.as_ref().unwrap();
    assert_eq!((effort.old, effort.new), (Some(days(20)), Some(days(30))));
    let duration = build.duration_days.as_ref().unwrap();
    assert_eq!((duration.old, duration.new), (days(10), days(15)));
    // build 5-20: last day 19 = Fri Jan 29.
    assert_eq!(
        d.headline,
        "This moves the finish by 5 working days, from 2027-01-22 to 2027-01-29, \
         because `build` grew from 10d to 15d (effort 20d to 30d)."
    );
}

#[test]
fn more_people_on_the_same_effort_shorten_the_task() {
    let old = edit("duration 10d  owner bob", "effort 20d  assign backend 2");
    let new = edit("duration 10d  owner bob", "effort 20d  assign backend 4");
    let d = diff(&old, &new);
    let build = &d.tasks.changed[0];
    assert!(build.effort_days.is_none());
    let assignments = build.assignments.as_ref().unwrap();
    assert_eq!((assignments.old[0].units, assignments.new[0].units), (200, 400));
    // build 5-10: the milestone at 10, last day 9 = Fri Jan 15.
    assert_eq!(
        d.headline,
        "This brings the finish forward by 5 working days, from 2027-01-22 to 2027-01-15, \
         because `build` shrank from 10d to 5d with its new assignments."
    );
}

#[test]
fn a_new_owner_brings_an_over_allocation_and_the_old_one_loses_it() {
    // alice has docs on days 5-7 (Jan 11-13) and now build too: 200% of 100%.
    let new = edit("duration 10d  owner bob", "duration 10d  owner alice");
    let d = diff(BASE, &new);
    let build = &d.tasks.changed[0];
    let owner = build.owner.as_ref().unwrap();
    assert_eq!(
        (owner.old.as_deref(), owner.new.as_deref()),
        (Some("bob"), Some("alice"))
    );
    let assigned = build.assignments.as_ref().unwrap();
    assert_eq!(
        (
            assigned.old[0].resource.as_str(),
            assigned.new[0].resource.as_str()
        ),
        ("bob", "alice")
    );
    assert_eq!(
        serde_json::to_value(&d.over_allocations.appeared).unwrap(),
        serde_json::json!([{"resource": "alice", "first": "2027-01-11", "last": "2027-01-13",
            "load": 200, "capacity": 100, "tasks": ["build", "docs"]}])
    );
    assert!(d.over_allocations.vanished.is_empty());
    assert_eq!(d.headline, "This does not move the finish (2027-01-22).");

    let back = diff(&new, BASE);
    assert_eq!(back.over_allocations.vanished.len(), 1);
    assert!(back.over_allocations.appeared.is_empty());
}

#[test]
fn an_over_allocation_that_moves_with_its_tasks_is_not_new() {
    let both = edit("duration 10d  owner bob", "duration 10d  owner alice");
    // design grows by 2 days: the overlap of build and docs moves to Jan 13-15.
    let later = both.replace("duration 5d  owner alice", "duration 7d");
    let d = diff(&both, &later);
    assert!(
        d.over_allocations.appeared.is_empty() && d.over_allocations.vanished.is_empty(),
        "{:?}",
        d.over_allocations
    );
}

#[test]
fn capacity_and_leave_changes_and_what_they_overbook() {
    let half = edit(
        "person bob \"Bob\" { capacity 100% }",
        "person bob \"Bob\" { capacity 50% }",
    );
    let d = diff(BASE, &half);
    let bob = &d.resources.changed[0];
    let capacity = bob.capacity.as_ref().unwrap();
    assert_eq!((bob.id.as_str(), capacity.old, capacity.new), ("bob", 100, 50));
    let o = &d.over_allocations.appeared[0];
    assert_eq!(
        (o.resource.as_str(), o.first, o.last, o.load, o.capacity),
        ("bob", date("2027-01-11"), date("2027-01-22"), 100, 50)
    );

    let away = edit(
        "capacity 100% }\nteam",
        "capacity 100%  off 2027-01-11..2027-01-12 }\nteam",
    );
    let d = diff(BASE, &away);
    let bob = &d.resources.changed[0];
    assert_eq!(
        serde_json::to_value(&bob.leave_added).unwrap(),
        serde_json::json!([{"first": "2027-01-11", "last": "2027-01-12"}])
    );
    let o = &d.over_allocations.appeared[0];
    assert_eq!(
        (o.first, o.last, o.load, o.capacity),
        (date("2027-01-11"), date("2027-01-12"), 100, 0)
    );
    assert_eq!(diff(&away, BASE).resources.changed[0].leave_removed.len(), 1);
}

#[test]
fn resources_added_and_removed() {
    let new = edit(
        "team backend \"Backend\" { capacity 4 }",
        "team qa \"QA\" { capacity 2 }",
    );
    let d = diff(BASE, &new);
    assert_eq!(
        serde_json::to_value(&d.resources).unwrap(),
        serde_json::json!({
            "added": [{"id": "qa", "title": "QA", "kind": "team", "capacity": 200}],
            "removed": [{"id": "backend", "title": "Backend", "kind": "team", "capacity": 400}],
            "changed": []
        })
    );
}

#[test]
fn risk_changes_carry_the_exposure_delta() {
    // 40% of 5d is 2d; 60% of 5d is 3d; 40% of 10d is 4d.
    let d = diff(BASE, &edit("probability 40%", "probability 60%"));
    let e = d.risks.changed[0].exposure.unwrap();
    assert_eq!(
        (e.old_days, e.new_days, e.delta_days),
        (Some(2.0), Some(3.0), 1.0)
    );
    let d = diff(BASE, &edit("impact 5d", "impact 10d"));
    let vendor = &d.risks.changed[0];
    let impact = vendor.impact_days.as_ref().unwrap();
    assert_eq!((impact.old, impact.new), (Some(days(5)), Some(days(10))));
    assert_eq!(vendor.exposure.unwrap().delta_days, 2.0);
    assert!(vendor.probability.is_none());

    let added = format!("{BASE}risk hiring \"Hiring\" {{ probability 25%  impact 2d  affects docs }}\n");
    let d = diff(BASE, &added);
    assert_eq!(
        serde_json::to_value(&d.risks.added).unwrap(),
        serde_json::json!([{"id": "hiring", "title": "Hiring", "probability": 25, "impact_days": 2,
            "exposure_days": 0.5, "affects": ["docs"]}])
    );
    assert_eq!(diff(&added, BASE).risks.removed[0].id, "hiring");
}

#[test]
fn approvals_added_and_their_status_changed() {
    let d = diff(BASE, &edit("status pending", "status approved"));
    let status = d.approvals.changed[0].status.as_ref().unwrap();
    assert_eq!((status.old, status.new), ("pending", "approved"));
    let added =
        format!("{BASE}approval budget \"Budget\" {{ gates ready  approvers bob  status rejected }}\n");
    let d = diff(BASE, &added);
    assert_eq!(
        serde_json::to_value(&d.approvals.added).unwrap(),
        serde_json::json!([{"id": "budget", "title": "Budget", "status": "rejected", "gates": ["ready"]}])
    );
    assert!(d.approvals.changed.is_empty());
}

#[test]
fn ids_that_moved_to_another_file_are_neither_removed_nor_added() {
    let (root, moved): (Vec<&str>, Vec<&str>) = BASE
        .lines()
        .partition(|l| !l.starts_with("task docs") && !l.starts_with("person"));
    let root = format!("import \"more.prog\"\n{}\n", root.join("\n"));
    let more = moved.join("\n") + "\n";
    let d = diff_files(
        &[("plan.prog", BASE)],
        &[("plan.prog", &root), ("more.prog", &more)],
    );
    assert!(d.is_empty(), "{d:#?}");
}

#[test]
fn the_json_names_its_schema_and_leaves_out_what_did_not_change() {
    let d = diff(
        BASE,
        &edit("duration 3d  owner alice", "duration 4d  owner alice"),
    );
    let json = serde_json::to_value(&d).unwrap();
    assert_eq!(json["schema"], "prog-diff/1");
    assert_eq!(
        json["tasks"]["changed"],
        serde_json::json!([{"id": "docs", "kind": "task", "title_now": "Docs",
            "duration_days": {"old": 3, "new": 4},
            "finish": {"old": "2027-01-13", "new": "2027-01-14", "working_days": 1, "calendar_days": 1}}])
    );
}

#[test]
fn costs_and_rates_are_compared_in_currency_units() {
    let old = edit(
        "person bob \"Bob\" { capacity 100% }",
        "person bob \"Bob\" { capacity 100%  rate 800/d }",
    );
    let new = edit(
        "person bob \"Bob\" { capacity 100% }",
        "person bob \"Bob\" { capacity 100%  rate 950/d }",
    )
    .replace("task docs \"Docs\" {", "task docs \"Docs\" { cost 1200.50");
    let d = diff(&old, &new);
    let rate = d.resources.changed[0].rate.as_ref().unwrap();
    assert_eq!((rate.old, rate.new), (Some(800.0), Some(950.0)));
    let docs = &d.tasks.changed[0];
    assert_eq!(docs.id, "docs");
    let cost = docs.cost.as_ref().unwrap();
    assert_eq!((cost.old, cost.new), (None, Some(1200.5)));
}
