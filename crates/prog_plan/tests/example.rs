//! The contract example (tests/fixtures/contract.prog), lowered by hand,
//! against the JSON of the contract (docs/language.md, section 7).

mod common;

use common::*;
use prog_plan::*;
use serde_json::json;

fn checkout_v2() -> (Plan, [TaskId; 4]) {
    let mut b = Builder::new("2027-01-04");
    let alice = b.resource("alice", ResourceKind::Person, 100);
    b.resource("bob", ResourceKind::Person, 50);
    let backend = b.resource("backend", ResourceKind::Team, 400);
    let kickoff = b.task("kickoff", 1);
    b.assign(kickoff, alice, 100);
    b.task_mut(kickoff).owner = Some(alice);
    let api = b.task("api", 5);
    b.assign(api, alice, 100);
    b.task_mut(api).owner = Some(alice);
    b.after(api, kickoff);
    let build = b.task("build", 10);
    b.assign(build, backend, 200);
    b.dep(build, api, DepKind::FinishToStart, 2);
    let ready = b.milestone("ready");
    b.after(ready, build);
    (b.plan, [kickoff, api, build, ready])
}

#[test]
fn section_one_schedule() {
    let (plan, [kickoff, api, build, ready]) = checkout_v2();
    let s = schedule(&plan);
    assert_eq!(s.duration, days(18));
    assert_eq!(s.critical_path, vec![kickoff, api, build, ready]);
    assert!(s.cycles.is_empty() && s.deadline_misses.is_empty());
    assert_eq!(row(&s, api), (1.0, 6.0, 1.0, 6.0, 0.0, 0.0));
    assert_eq!(
        s.times(build).driver,
        Some(DepRef {
            task: build,
            index: 0
        })
    );
    assert_eq!(s.times(kickoff).driver, None);
}

#[test]
fn section_four_json() {
    let (plan, _) = checkout_v2();
    let cal = WorkCalendar::new(&plan);
    let doc = ScheduleDoc::new(&plan, &schedule(&plan), &cal);
    let task = |id, kind, times: [i64; 6], start, finish| {
        let [es, ef, ls, lf, total, free] = times;
        json!({"id": id, "kind": kind, "es": es, "ef": ef, "ls": ls, "lf": lf,
               "total_float": total, "free_float": free, "critical": true,
               "start": start, "finish": finish})
    };
    let expected = json!({
        "start": "2027-01-04",
        "finish": "2027-01-27",
        "duration_days": 18,
        "critical_path": ["kickoff", "api", "build", "ready"],
        "tasks": [
            task("kickoff", "task", [0, 1, 0, 1, 0, 0], "2027-01-04", "2027-01-04"),
            task("api", "task", [1, 6, 1, 6, 0, 0], "2027-01-05", "2027-01-11"),
            task("build", "task", [8, 18, 8, 18, 0, 0], "2027-01-14", "2027-01-27"),
            task("ready", "milestone", [18, 18, 18, 18, 0, 0], "2027-01-27", "2027-01-27"),
        ]
    });
    assert_eq!(serde_json::to_value(&doc).unwrap(), expected);
    let text = serde_json::to_string(&doc).unwrap();
    assert!(text.contains(r#""duration_days":18,"#), "{text}");
    assert!(!text.contains("makespan"));
}

#[test]
fn fractional_days_and_makespan() {
    let mut b = Builder::new("2027-01-04");
    let half = b.task_hours("half", 4);
    let g = b.group("g");
    b.set_parent(half, g);
    let plan = b.plan;
    let cal = WorkCalendar::new(&plan);
    let mut doc = ScheduleDoc::new(&plan, &schedule(&plan), &cal);
    doc.makespan = Some(Days(Work(12)));
    let value = serde_json::to_value(&doc).unwrap();
    assert_eq!(value["duration_days"], json!(0.5));
    assert_eq!(value["makespan"], json!(1.5));
    assert_eq!(value["tasks"][0]["ef"], json!(0.5));
    assert_eq!(value["tasks"][0]["finish"], json!("2027-01-04"));
    assert_eq!(value["tasks"][1]["kind"], json!("group"));
    assert_eq!(value["tasks"][1]["ef"], json!(0.5));
    assert_eq!(value["finish"], json!("2027-01-04"));
}

#[test]
fn empty_plan() {
    let plan = Builder::new("2027-01-02").plan;
    let s = schedule(&plan);
    assert_eq!(s, Schedule::default());
    let cal = WorkCalendar::new(&plan);
    let doc = ScheduleDoc::new(&plan, &s, &cal);
    // 2027-01-02 is a Saturday: the plan starts on the Monday.
    assert_eq!(doc.start, date("2027-01-04"));
    assert_eq!(doc.finish, date("2027-01-04"));
    assert_eq!(load(&plan, &s, &cal), Load::default());
}
