//! Every status an issue can bring, synced onto every combination of
//! tracking statements a task can have: the plan still parses, gains no
//! contradiction of actuals (P114) on any task, and a second sync with
//! the same issues changes nothing. And no prefix of a plan or an export
//! panics.

use chrono::NaiveDate;
use prog_sync::{Issue, PlanText, Status, sync};

/// Each task's tracking statements: every combination of these.
const CHOICES: [&[&str]; 6] = [
    &["", "progress 0%", "progress 40%", "progress 100%"],
    &["", "done"],
    &["", "actual_start 2026-11-10"],
    &["", "actual_finish 2026-11-20"],
    &["", "remaining 2d"],
    &["", "actual_effort 1d"],
];

/// One task a line, so that a diagnostic's line is its task.
fn plan() -> String {
    let mut bodies = vec![String::new()];
    for choice in CHOICES {
        bodies = bodies
            .iter()
            .flat_map(|body| {
                choice
                    .iter()
                    .map(move |c| format!("{body}  {c}").trim_end().to_string())
            })
            .collect();
    }
    let mut text = String::from("program p { start 2026-11-02  status_date 2026-12-31 }\n");
    for (i, body) in bodies.iter().enumerate() {
        text.push_str(&format!("task t{i} {{ key \"K{i}\"  duration 10d{body} }}\n"));
    }
    text
}

/// The lines with a P114.
fn contradictions(text: &str) -> Vec<usize> {
    let mut db = prog_db::Database::default();
    let project = prog_db::load_plan_with(&mut db, "plan.prog", |_, _| Ok(text.to_string())).unwrap();
    let mut lines: Vec<usize> = prog_db::diagnostics(&db, project)
        .iter()
        .filter(|d| d.code.as_str() == "P114")
        .map(|d| text[..d.location.span.start()].matches('\n').count())
        .collect();
    lines.dedup();
    lines
}

fn issues(tasks: usize, variant: usize) -> Vec<Issue> {
    let day = |d| NaiveDate::from_ymd_opt(2026, 11, d);
    let status = [Status::ToDo, Status::InProgress, Status::Done, Status::Unknown][variant % 4];
    let bit = |n: usize| variant >> (2 + n) & 1 == 1;
    (0..tasks)
        .map(|i| {
            let mut issue = Issue::new(format!("K{i}"), String::new(), 2);
            issue.status = status;
            issue.progress = bit(0).then_some(30);
            issue.remaining_hours = bit(1).then_some(8);
            issue.start = if bit(2) { day(22) } else { None }; // after the plan's finishes
            issue.resolved = if bit(3) { day(25) } else { None };
            issue.spent_hours = bit(4).then_some(16);
            issue
        })
        .collect()
}

#[test]
fn no_sync_contradicts_the_actuals_and_none_repeats() {
    let text = plan();
    let tasks = text.lines().count() - 1;
    let before = contradictions(&text);
    assert!(
        !before.is_empty(),
        "some combinations contradict themselves already"
    );
    for variant in 0..4 << 5 {
        let issues = issues(tasks, variant);
        let synced = sync(
            &[PlanText {
                path: "plan.prog".into(),
                text: text.clone(),
            }],
            &issues,
        );
        let after = synced.texts[0].clone().unwrap_or_else(|| text.clone());
        assert!(
            prog_syntax::parse(&after).errors.is_empty(),
            "variant {variant}:\n{after}"
        );
        let new: Vec<usize> = contradictions(&after)
            .into_iter()
            .filter(|l| !before.contains(l))
            .collect();
        let shown: Vec<&str> = new.iter().map(|&l| after.lines().nth(l).unwrap()).collect();
        assert!(
            shown.is_empty(),
            "variant {variant} ({:?}) contradicts:\n{}",
            issues[0],
            shown.join("\n")
        );
        let again = sync(
            &[PlanText {
                path: "plan.prog".into(),
                text: after.clone(),
            }],
            &issues,
        );
        assert_eq!(
            again.texts[0], None,
            "variant {variant}: a second sync changed {:?}",
            again.changes
        );
    }
}

/// Every prefix of the fixtures, as a plan or as an export: an error or
/// a result, never a panic.
#[test]
fn truncated_plans_and_exports_never_panic() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/sync");
    let read = |name: &str| std::fs::read_to_string(fixtures.join(name)).unwrap();
    let jira = read("jira_all_fields.csv");
    let issues = prog_sync::read(&jira, prog_sync::Format::Jira, &[]).unwrap();
    let plan = read("plan.prog");
    let prefixes =
        |text: &str| -> Vec<usize> { (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect() };
    for end in prefixes(&plan) {
        let files = [PlanText {
            path: "plan.prog".into(),
            text: plan[..end].to_string(),
        }];
        sync(&files, &issues);
        let refs: Vec<&Issue> = issues.iter().collect();
        prog_sync::fragment::fragment(&refs, &[&plan[..end]]);
        prog_sync::nest(
            &files,
            &[prog_sync::fragment::Nested {
                group: "PAY-1".into(),
                text: "task x {}\n".into(),
            }],
        );
    }
    let map: Vec<(String, String)> = [
        "Ticket=key",
        "Done %=progress",
        "Hours left=remaining",
        "Finished=actual_finish",
    ]
    .iter()
    .map(|m| prog_sync::source::parse_map(m).unwrap())
    .collect();
    for (name, format, map) in [
        ("jira_all_fields.csv", prog_sync::Format::Jira, &[][..]),
        ("jira_current_fields.csv", prog_sync::Format::Jira, &[]),
        ("github_issues.json", prog_sync::Format::Github, &[]),
        ("table.csv", prog_sync::Format::Csv, &map),
    ] {
        let text = read(name);
        assert!(prog_sync::read(&text, format, map).is_ok(), "{name}");
        for end in prefixes(&text) {
            let _ = prog_sync::read(&text[..end], format, map);
        }
    }
}
