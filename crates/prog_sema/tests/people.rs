//! Stakeholders, action items, blocked work and RACI statements: lowered,
//! resolved, and the findings about them (P320, P321).

use prog_plan::people::{Cadence, Format, Party, RaciRole};
use prog_plan::{ResourceId, StakeholderId, TaskId};
use prog_sema::{FileId, Piece, Resolved, lower_file, people_findings, resolve};

fn analyze(text: &str) -> (Resolved, Vec<String>) {
    let parse = prog_syntax::parse(text);
    assert_eq!(parse.errors, vec![], "syntax errors");
    let mut lowering = prog_sema::Diagnostics::default();
    let decls = lower_file(FileId(0), &parse.file, &mut lowering);
    let resolved = resolve(vec![Piece {
        file: FileId(0),
        base: 0,
        decls: decls.into(),
        values: None,
    }]);
    let mut diagnostics = lowering.into_vec();
    diagnostics.extend(resolved.diagnostics.iter().cloned());
    let schedule = prog_plan::schedule(&resolved.plan);
    diagnostics.extend(people_findings(
        &resolved.plan,
        &resolved.plan.people,
        &resolved.source_map,
        &schedule,
    ));
    let rendered = diagnostics
        .iter()
        .map(|d| {
            let at = &text[d.location.span.start()..d.location.span.end()];
            format!(
                "{} {} `{at}`: {}",
                d.severity.as_str(),
                d.code.as_str(),
                d.message
            )
        })
        .collect();
    (resolved, rendered)
}

const PLAN: &str = r#"
program p { start 2027-01-04  status_date 2027-01-13 }
person priya {}
team legal {}
group pay "Payments" {
  owner priya
  consulted legal, cfo
  informed cfo
  task a { duration 5d  owner priya  blocked "no sandbox credentials"  blocked_since 2027-01-06 }
  milestone m { after a  informed legal }
}
task b { duration 2d  owner priya  blocked "waiting for legal" }
stakeholder cfo "CFO office" {
  interest pay, b
  role informed
  cadence biweekly
  format summary
  contact "cfo@example.com"
}
action x "Chase the sandbox" { owner priya  due 2027-01-11  affects a }
action y "Ask legal" { owner priya  due 2027-01-12  affects b }
action z "Done early" { owner priya  due 2027-01-10  done 2027-01-08 }
action w "Due today" { owner priya  due 2027-01-13  affects pay }
"#;

#[test]
fn people_resolve_into_the_model() {
    let (resolved, _) = analyze(PLAN);
    let people = &resolved.plan.people;
    let cfo = people.stakeholder(StakeholderId(0));
    assert_eq!(cfo.id, "cfo");
    // `pay` is task 0, `a` 1, `m` 2, `b` 3.
    assert_eq!(cfo.interests, vec![TaskId(0), TaskId(3)]);
    assert_eq!(cfo.role, Some(RaciRole::Informed));
    assert_eq!(cfo.cadence, Some(Cadence::Biweekly));
    assert_eq!(cfo.format, Format::Summary);
    assert_eq!(cfo.contact.as_deref(), Some("cfo@example.com"));
    let pay = people.raci(TaskId(0)).expect("pay's RACI statements");
    let cfo = Party::Stakeholder(StakeholderId(0));
    assert_eq!(pay.consulted, vec![Party::Resource(ResourceId(1)), cfo]);
    assert_eq!(pay.informed, vec![cfo]);
    assert_eq!(
        people.raci(TaskId(2)).unwrap().informed,
        vec![Party::Resource(ResourceId(1))]
    );
    let blocked: Vec<_> = people
        .blocked
        .iter()
        .map(|b| (b.task, b.reason.as_str(), b.since))
        .collect();
    assert_eq!(
        blocked,
        vec![
            (
                TaskId(1),
                "no sandbox credentials",
                Some("2027-01-06".parse().unwrap())
            ),
            (TaskId(3), "waiting for legal", None),
        ]
    );
    let actions: Vec<_> = people.actions.iter().map(|a| (a.id.as_str(), a.done)).collect();
    assert_eq!(
        actions,
        vec![
            ("x", None),
            ("y", None),
            ("z", Some(Some("2027-01-08".parse().unwrap()))),
            ("w", None)
        ]
    );
    assert_eq!(people.actions[0].owner, Some(ResourceId(0)));
    assert_eq!(people.actions[0].affects, vec![TaskId(1)]);
}

#[test]
fn overdue_actions_and_blocked_work_are_warnings() {
    let (_, diagnostics) = analyze(PLAN);
    let people: Vec<&String> = diagnostics
        .iter()
        .filter(|d| d.contains("P320") || d.contains("P321"))
        .collect();
    // Status date Wednesday 13 January. `x` was due Monday 11th: 2 days
    // before, and it affects `a`, which `m` waits for: critical. `y` was due
    // the 12th (1 day), on `b`, which has float. `z` is done; `w` is due on
    // the status date itself, so not yet overdue.
    // `a` is blocked since Wednesday 6 January: 7 days at the 13th. `b`
    // gives no `blocked_since`, so no count of days.
    assert_eq!(
        people,
        vec![
            "warning P320 `x`: action `x` is overdue: due 2027-01-11, 2 days before the status date, and it affects critical work",
            "warning P320 `y`: action `y` is overdue: due 2027-01-12, 1 day before the status date",
            "warning P321 `a`: `a` is blocked: no sandbox credentials (7 days at the status date); it is on the critical path, so the finish waits for it",
            "warning P321 `b`: `b` is blocked: waiting for legal",
        ]
    );
}

#[test]
fn wrong_words_and_misplaced_statements_are_errors() {
    let text = r#"
program p { start 2027-01-04 }
task t { duration 1d  consulted t  done 2027-01-05 }
group g { blocked "no" }
stakeholder s { role boss  cadence hourly  format long  interest nothing }
task u { duration 1d  blocked_since 2027-01-05 }
"#;
    let (_, diagnostics) = analyze(text);
    let errors: Vec<&str> = diagnostics
        .iter()
        .filter(|d| !d.contains("P203"))
        .map(String::as_str)
        .collect();
    assert_eq!(
        errors,
        vec![
            "error P109 `consulted`: `consulted` does not belong in a task",
            "error P112 `2027-01-05`: only an action's `done` takes a date; a task is done on its `actual_finish`",
            "error P109 `blocked`: `blocked` does not belong in a group",
            "error P112 `boss`: `boss` is not one of responsible, accountable, consulted or informed",
            "error P112 `hourly`: `hourly` is not one of daily, weekly, biweekly or monthly",
            "error P112 `long`: `long` is not one of summary or detail",
            "warning P112 `u`: `blocked_since` says nothing without `blocked \"reason\"`",
            // Resolution looks names up once the whole plan is declared.
            "error P101 `nothing`: unknown id `nothing`",
        ]
    );
}
