use prog_plan::{DepKind, ResourceKind, TaskKind, Work, WorkSpec};
use prog_sema::{FileId, Piece, Resolved, Severity, lower_file, resolve};

const CONTRACT: &str = include_str!("../../../tests/fixtures/contract.prog");

fn analyze(files: &[&str]) -> (Resolved, Vec<String>) {
    let mut lowering = prog_sema::Diagnostics::default();
    let lowered: Vec<_> = files
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let parse = prog_syntax::parse(text);
            assert_eq!(parse.errors, vec![], "syntax errors in fixture {i}");
            (
                FileId(i as u32),
                lower_file(FileId(i as u32), &parse.file, &mut lowering),
            )
        })
        .collect();
    let pieces = lowered
        .into_iter()
        .map(|(file, decls)| Piece {
            file,
            base: 0,
            decls: decls.into(),
            values: None,
        })
        .collect();
    let resolved = resolve(pieces);
    let mut diagnostics = lowering.into_vec();
    diagnostics.extend(resolved.diagnostics.iter().cloned());
    let rendered = diagnostics
        .iter()
        .map(|d| {
            let text = files[d.location.file.0 as usize];
            format!(
                "{} {} `{}`: {}{}",
                d.severity.as_str(),
                d.code.as_str(),
                &text[d.location.span.start()..d.location.span.end()],
                d.message,
                d.hint.as_ref().map(|h| format!(" ({h})")).unwrap_or_default()
            )
        })
        .collect();
    (resolved, rendered)
}

#[test]
fn the_contract_example_resolves_into_the_model() {
    let (resolved, diagnostics) = analyze(&[CONTRACT]);
    assert_eq!(diagnostics, Vec::<String>::new());
    let plan = &resolved.plan;
    assert_eq!(plan.program.id, "checkout_v2");
    assert_eq!(plan.program.start.to_string(), "2027-01-04");
    let bob = &plan.resources[1];
    assert_eq!(
        (bob.id.as_str(), bob.kind, bob.capacity),
        ("bob", ResourceKind::Person, 50)
    );
    assert_eq!(
        (plan.resources[2].kind, plan.resources[2].capacity),
        (ResourceKind::Team, 400)
    );
    let build = plan.tasks.iter().find(|t| t.id == "build").unwrap();
    assert_eq!(build.work, Some(WorkSpec::Duration(Work::days(10))));
    assert_eq!(build.deps.len(), 1);
    assert_eq!(plan.task(build.deps[0].on).id, "api");
    assert_eq!(
        (build.deps[0].kind, build.deps[0].lag),
        (DepKind::FinishToStart, Work::days(2))
    );
    assert_eq!(build.assignments[0].units, 200);
    let api = plan.tasks.iter().find(|t| t.id == "api").unwrap();
    assert_eq!(api.assignments.len(), 1, "the owner is assigned at 100%");
    assert_eq!(api.assignments[0].units, 100);
    let ready = plan.tasks.iter().find(|t| t.id == "ready").unwrap();
    assert_eq!(ready.kind, TaskKind::Milestone);
    assert_eq!(
        plan.approvals[0].gates,
        vec![plan.task_ids().find(|t| plan.task(*t).id == "ready").unwrap()]
    );
    assert_eq!(plan.risks[0].probability, Some(40));
}

#[test]
fn unknown_ids_suggest_the_closest_of_the_right_kind() {
    let (_, d) = analyze(&["program p { start 2027-01-04 }
        person alice { }
        task kickoff { owner alice }
        task a { after kickof owner alicee }
        task b { after alice owner kickoff }"]);
    assert_eq!(
        d,
        [
            "error P101 `kickof`: unknown id `kickof` (did you mean `kickoff`?)",
            "error P101 `alicee`: unknown id `alicee` (did you mean `alice`?)",
            "error P103 `alice`: `alice` is a person, but a task, milestone or group is needed here",
            "error P103 `kickoff`: `kickoff` is a task, but a person or team is needed here",
        ]
    );
}

#[test]
fn duplicate_ids_point_at_both_definitions_across_files() {
    let root = "import \"b.prog\"\nprogram p { start 2027-01-04 }\nperson alice { }";
    let other = "person alice { }";
    let (resolved, d) = analyze(&[root, other]);
    assert_eq!(
        d,
        [
            "error P102 `alice`: `alice` is defined more than once (ids are unique across the whole plan, imports included)"
        ]
    );
    let dup = &resolved.diagnostics[0];
    assert_eq!(dup.location.file, FileId(1));
    assert_eq!(dup.related[0].location.file, FileId(0));
}

#[test]
fn values_are_checked() {
    let (_, d) = analyze(&["program p { start 2027-02-29 }
        person a { capacity 50% off 2027-03-05..2027-03-01 }
        task t { duration 0d owner a progress 120% deadline 2027-04-31 }
        milestone m { duration 2d after t }
        approval g { gates t status maybe }
        task e { estimate 5d 3d 9d owner a }"]);
    assert_eq!(
        d,
        [
            "error P104 `2027-02-29`: `2027-02-29` is not a valid date (dates are written YYYY-MM-DD, such as 2027-01-04)",
            "error P104 `2027-03-05..2027-03-01`: this range ends before it starts",
            "error P106 `120%`: `progress` takes a percentage from 0% to 100%, not `120%`",
            "error P104 `2027-04-31`: `2027-04-31` is not a valid date (dates are written YYYY-MM-DD, such as 2027-01-04)",
            "error P107 `duration 2d`: a milestone takes no time, so it cannot have `duration` (make it a `task`, or remove this statement)",
            "error P112 `maybe`: `maybe` is not a status (a status is pending, approved or rejected)",
            "error P105 `estimate 5d 3d 9d`: an estimate is written optimistic, likely, pessimistic, each at least the one before",
            "error P111 `p`: the program has no `start` date (add `start YYYY-MM-DD` to the program)",
            "error P108 `t`: an approval gates a milestone, but `t` is a task (add a milestone after this work and gate that)",
        ]
    );
}

#[test]
fn statements_must_fit_their_item() {
    let (_, d) = analyze(&["program p { start 2027-01-04 capacity 4 }
        task t { duration 1d duration 2d effort 3d gates x assign team1 }
        team team1 { capacity 2 }"]);
    assert_eq!(
        d,
        [
            "error P109 `capacity`: `capacity` does not belong in a program",
            "error P110 `duration`: `duration` is given more than once",
            "error P110 `effort 3d`: a task takes either a `duration` or an `effort`, not both",
            "error P109 `gates`: `gates` does not belong in a task",
        ]
    );
}

#[test]
fn risks_and_tasks_without_owners_are_flagged_but_not_errors() {
    let (resolved, d) = analyze(&["program p { start 2027-01-04 }
        task t { duration 1d }
        risk r { probability 10% impact 2d affects t }"]);
    assert_eq!(
        d,
        [
            "hint P203 `t`: task `t` has no owner (add `owner PERSON` or `assign TEAM N`)",
            "warning P201 `r`: risk `r` has no owner (add `owner PERSON`: a risk nobody owns is a risk nobody manages)",
            "warning P202 `r`: risk `r` has no mitigation (add `mitigation \"...\"` with what will be done about it)",
        ]
    );
    assert!(resolved.diagnostics.iter().all(|d| d.severity < Severity::Error));
}

#[test]
fn a_plan_without_program_still_resolves_the_rest() {
    let (resolved, d) = analyze(&["task t { duration 1d assign x }"]);
    assert_eq!(d.len(), 2, "{d:?}");
    assert!(d[0].contains("P101"));
    assert!(d[1].contains("P111"));
    assert_eq!(resolved.plan.tasks.len(), 1);
}

#[test]
fn groups_keep_their_children_and_calendars_resolve() {
    let (resolved, d) = analyze(&["program p { start 2027-01-04 calendar cal }
        calendar cal { workdays mon, tue, wed, thu holiday 2027-01-06, 2027-02-01..2027-02-03 }
        person a { calendar cal off 2027-03-01 }
        group g { after t0 not_before 2027-01-05 deadline 2027-06-01 task t1 { duration 1d owner a } group h { milestone m { after t1 } } }
        task t0 { duration 1d owner a }"]);
    assert_eq!(d, Vec::<String>::new());
    let plan = &resolved.plan;
    assert_eq!(
        plan.calendar().unwrap().workdays,
        [true, true, true, true, false, false, false]
    );
    assert_eq!(plan.calendar().unwrap().holidays.len(), 2);
    let ids: Vec<_> = plan
        .tasks
        .iter()
        .map(|t| (t.id.as_str(), t.parent.map(|p| plan.task(p).id.as_str())))
        .collect();
    assert_eq!(
        ids,
        [
            ("g", None),
            ("t1", Some("g")),
            ("h", Some("g")),
            ("m", Some("h")),
            ("t0", None)
        ]
    );
    assert_eq!(resolved.source_map.tasks.len(), 5);
    assert_eq!(resolved.source_map.deps[0].len(), 1);
    assert_eq!(plan.tasks[0].deadline.unwrap().to_string(), "2027-06-01");
}

#[test]
fn a_person_capacity_written_as_a_number_is_questioned() {
    let (resolved, d) = analyze(&["program p { start 2027-01-04 }
        person a { capacity 50 }
        person b { capacity 1 }
        team t { capacity 50 }"]);
    assert_eq!(
        d,
        [
            "warning P106 `a`: a person's capacity is a percentage, but this says 50 people (did you mean `capacity 50%`?)"
        ]
    );
    assert_eq!(resolved.plan.resources[1].capacity, 100);
}

#[test]
fn an_assignment_of_nothing_is_an_invalid_amount() {
    let (resolved, messages) = analyze(&[
        "program p { start 2027-01-04 }\nperson al { }\nteam be { capacity 3 }\ntask t { duration 1d  assign be 0, al 0%  assign al 50% }\n",
    ]);
    assert_eq!(
        messages,
        [
            "error P106 `0`: `assign be 0` books nothing (give an amount above 0, or remove the assignment)",
            "error P106 `0%`: `assign al 0%` books nothing (give an amount above 0, or remove the assignment)",
        ]
    );
    // Only the real assignment is kept.
    let task = &resolved.plan.tasks[0];
    assert_eq!(task.assignments.len(), 1);
    assert_eq!(task.assignments[0].units, 50);
}

#[test]
fn keys_reach_the_model_and_a_shared_key_is_a_warning() {
    let (resolved, d) = analyze(&[r#"program p { start 2027-01-04 }
        person alice { key "R1" }
        team crew { capacity 2  key "8" }
        group g { key "7"
          task a { duration 1d  owner alice  key "8" }
          milestone m { after a  key "9" }
        }
        task b { duration 1d  owner alice  key "8" }
        risk r { owner alice  mitigation "x"  key "10" }"#]);
    assert_eq!(
        d,
        [
            "error P109 `key`: `key` does not belong in a risk",
            "warning P206 `b`: `b` has the key \"8\" of `a` too (a key names one item in another tool: give each its own, or remove one)",
        ]
    );
    let plan = &resolved.plan;
    let task_keys: Vec<_> = plan.tasks.iter().map(|t| t.key.as_deref()).collect();
    assert_eq!(task_keys, [Some("7"), Some("8"), Some("9"), Some("8")]);
    let resource_keys: Vec<_> = plan.resources.iter().map(|r| r.key.as_deref()).collect();
    // A task and a resource may share a key: MS Project numbers them apart.
    assert_eq!(resource_keys, [Some("R1"), Some("8")]);
    let shared = resolved
        .diagnostics
        .iter()
        .find(|d| d.code.as_str() == "P206")
        .expect("P206");
    assert_eq!(
        shared.related.len(),
        1,
        "the first item carrying the key is named too"
    );
}

#[test]
fn a_dependency_given_twice_is_one_link_and_a_warning() {
    // `a` twice in a list, again in a second statement, and a third time
    // with a lag: one finish-to-start link, with the first lag (none).
    // `start_with a` is another kind of link, kept.
    let text = r#"program p { start 2027-01-04 }
        person x {}
        task a { duration 1d  owner x }
        task b { duration 1d  owner x }
        task c { duration 1d  owner x
          after a, b, a
          after a +2d
          start_with a
        }"#;
    let (resolved, d) = analyze(&[text]);
    assert_eq!(
        d,
        [
            "warning P207 `a`: `a` is a dependency already (remove this one: a task depends on another once)",
            "warning P207 `a`: `a` is a dependency already (remove this one: a task depends on another once)",
        ]
    );
    let first = text.find("after a").unwrap() + 6;
    let again = text.find("b, a").unwrap() + 3;
    let third = text.find("a +2d").unwrap();
    let mut lowering = prog_sema::Diagnostics::default();
    lower_file(FileId(0), &prog_syntax::parse(text).file, &mut lowering);
    let places: Vec<_> = lowering
        .into_vec()
        .iter()
        .map(|d| (d.location.span.start(), d.related[0].location.span.start()))
        .collect();
    assert_eq!(places, [(again, first), (third, first)]);
    let c = &resolved.plan.tasks[2];
    let links: Vec<_> = c.deps.iter().map(|dep| (dep.on.0, dep.kind, dep.lag)).collect();
    assert_eq!(
        links,
        [
            (0, DepKind::FinishToStart, Work::ZERO),
            (1, DepKind::FinishToStart, Work::ZERO),
            (0, DepKind::StartToStart, Work::ZERO),
        ]
    );
}

#[test]
fn repeats_in_a_long_list_are_found_past_the_first_few() {
    // Past the first few, duplicates are found through an index of
    // hashes: a long list of distinct ids with repeats among them.
    let ids: Vec<String> = (0..40).map(|i| format!("t{i}")).collect();
    let mut text = String::from("program p { start 2027-01-04 }\n");
    for id in &ids {
        text += &format!("task {id} {{ duration 1d owner x }}\n");
    }
    text += "person x {}\ntask last { duration 1d owner x after ";
    let list: Vec<&str> = ids
        .iter()
        .chain(&ids)
        .chain(&ids[..3])
        .map(String::as_str)
        .collect();
    text += &list.join(", ");
    text += " }\n";
    let (resolved, d) = analyze(&[&text]);
    assert_eq!(d.iter().filter(|d| d.contains("P207")).count(), 43, "{d:#?}");
    let last = resolved.plan.tasks.last().unwrap();
    let on: Vec<u32> = last.deps.iter().map(|dep| dep.on.0).collect();
    assert_eq!(on, (0..40).collect::<Vec<u32>>());
}
