//! The people around the program in the reports: the schedule rating's
//! count of blocked work and overdue actions, the status report's action
//! items and late and blocked work, and the RACI matrix.

use prog_db::{Database, Project, Settings, SourceFile};
use prog_report::status::{Level, StatusReport};

fn project(db: &Database, text: &str) -> Project {
    let file = SourceFile::new(db, "plan.prog".to_string(), text.to_string().into());
    Project::new(db, file, vec![file], Settings::new(db, true))
}

/// The diff from plan `a` to plan `b`, as `prog diff` makes it.
fn diff_of(db: &Database, a: Project, b: Project) -> prog_diff::Diff {
    let side = |p: Project| prog_diff::Side {
        plan: &prog_db::resolved(db, p).plan,
        schedule: prog_db::schedule(db, p),
        load: prog_db::load(db, p),
        calendar: prog_db::work_calendar(db, p),
    };
    prog_diff::diff(&side(a), &side(b))
}

fn status_of(text: &str) -> StatusReport {
    let db = Database::default();
    let project = project(&db, text);
    StatusReport::new(
        &prog_db::resolved(&db, project).plan,
        prog_db::schedule(&db, project),
        prog_db::load(&db, project),
        prog_db::work_calendar(&db, project),
        None,
        None,
    )
}

/// On track at Wednesday 2027-01-13: `a` (10 days from Monday 4 January,
/// to Friday 15th) is 80% done after 8 working days, so earned value
/// equals planned value and SPI(t) is 1.00; `b` (1 day on Thursday 14th)
/// has a day of float before `a` finishes.
const ON_TRACK: &str = r#"program p { start 2027-01-04  status_date 2027-01-13 }
person priya {}
person sam {}
task a { duration 10d  owner priya  actual_start 2027-01-04  progress 80% }
task b { duration 1d  owner sam  not_before 2027-01-14 }
"#;

#[test]
fn blocked_critical_work_and_overdue_critical_actions_change_the_schedule_rating() {
    let rating = |text: &str| status_of(text).rag.schedule;
    let green = rating(ON_TRACK);
    assert_eq!(green.level, Level::Green, "{}", green.reason);
    assert_eq!(green.reason, "SPI(t) 1.00; finish forecast as planned.");

    // `a` is on the critical path: blocked, the schedule is red.
    let blocked = ON_TRACK.replace("progress 80%", "progress 80%  blocked \"no credentials\"");
    let r = rating(&blocked);
    assert_eq!(r.level, Level::Red);
    assert_eq!(
        r.reason,
        "SPI(t) 1.00; finish forecast as planned; blocked on the critical path: `a`."
    );
    // `b` has float: blocked, it does not count.
    let blocked_b = ON_TRACK.replace("not_before 2027-01-14", "not_before 2027-01-14  blocked \"x\"");
    assert_eq!(rating(&blocked_b).level, Level::Green);

    // An action due Tuesday 12th, open at the 13th, on `a`: amber.
    let overdue = format!("{ON_TRACK}action x {{ owner priya  due 2027-01-12  affects a }}\n");
    let r = rating(&overdue);
    assert_eq!(r.level, Level::Amber);
    assert_eq!(
        r.reason,
        "SPI(t) 1.00; finish forecast as planned; action overdue on critical work: `x`."
    );
    // Done, due on the status date, or on `b`: green.
    for action in [
        "action x { owner priya  due 2027-01-12  affects a  done }",
        "action x { owner priya  due 2027-01-13  affects a }",
        "action x { owner priya  due 2027-01-12  affects b }",
    ] {
        let r = rating(&format!("{ON_TRACK}{action}\n"));
        assert_eq!(r.level, Level::Green, "{action}: {}", r.reason);
    }
}

/// At Wednesday 2027-01-13: `a` (critical, on track) blocked since Friday
/// 8th, 5 calendar days; `b` (one day on Thursday 14th) blocked, a day of
/// float before `a` finishes on Friday 15th; `c` (one day, planned Monday
/// 4th) not started, so late, forecast for the 14th with a day of float;
/// the milestone `demo` waits for `a`.
const TROUBLED: &str = r#"program p { start 2027-01-04  status_date 2027-01-13 }
person priya {}
person sam {}
task a "Alpha" { duration 10d  owner priya  actual_start 2027-01-04  progress 80%  blocked "no credentials"  blocked_since 2027-01-08 }
task b { duration 1d  owner sam  not_before 2027-01-14  blocked "waiting for legal" }
task c { duration 1d }
milestone demo { after a }
action x "Chase credentials" { owner priya  due 2027-01-11  affects a }
action y "Ask legal" { owner sam  due 2027-01-06  affects b }
action z "Plan the demo" { owner sam  due 2027-01-20 }
action v "Someday" { owner sam }
action w "Done" { owner sam  due 2027-01-05  done 2027-01-05 }
"#;

#[test]
fn action_items_are_open_ones_overdue_first() {
    let report = status_of(TROUBLED);
    let actions: Vec<(&str, Option<i64>, bool)> = report
        .actions
        .iter()
        .map(|a| (a.id.as_str(), a.overdue_days, a.critical))
        .collect();
    // y: due the 6th, 7 days before the 13th; x: due the 11th, 2 days, on
    // critical `a`; then z (due later), then v (no due date); w is done.
    assert_eq!(
        actions,
        vec![
            ("y", Some(7), false),
            ("x", Some(2), true),
            ("z", None, false),
            ("v", None, false)
        ]
    );
    let md = prog_report::status::markdown::write(&report);
    let section = section(&md, "## Action items");
    assert_eq!(
        section,
        "## Action items\n\n\
         | Action | Owner | Due | Affects |\n|---|---|---|---|\n\
         | Ask legal (y) | `sam` | **2027-01-06, 7 days overdue** | `b` |\n\
         | Chase credentials (x) | `priya` | **2027-01-11, 2 days overdue** | `a` (critical) |\n\
         | Plan the demo (z) | `sam` | 2027-01-20 | — |\n\
         | Someday (v) | `sam` | — | — |\n"
    );
}

#[test]
fn late_and_blocked_work_is_sorted_by_what_it_costs_the_finish() {
    let report = status_of(TROUBLED);
    let md = prog_report::status::markdown::write(&report);
    // `a` has no float: every day blocked moves the finish. `b` and `c`
    // have one working day each (b on the 14th, c forecast the 14th, both
    // before `a` finishes on the 15th), then by name.
    assert_eq!(
        section(&md, "## Late and blocked"),
        "## Late and blocked\n\n\
         | Task | Owner | Why | Forecast finish | Costs the finish |\n|---|---|---|---|---|\n\
         | Alpha (a) | `priya` | blocked: no credentials (5 days since 2027-01-08); delays demo | 2027-01-15 | every day it waits moves the finish |\n\
         | b | `sam` | blocked: waiting for legal | 2027-01-14 | nothing for 1 working day of float |\n\
         | c | ⚠ no owner | should have finished by 2027-01-04 (not started) | 2027-01-14 | nothing for 1 working day of float |\n"
    );
    let b = &report.blocked[1];
    assert_eq!((b.id.as_str(), b.days_blocked, b.since), ("b", Some(0), None));
}

/// The section of `md` that starts with `heading`, up to the next one.
fn section<'a>(md: &'a str, heading: &str) -> &'a str {
    let start = md
        .find(heading)
        .unwrap_or_else(|| panic!("no {heading} in\n{md}"));
    let rest = &md[start..];
    let end = rest[2..].find("\n## ").map_or(rest.len(), |i| i + 2);
    &rest[..end]
}

#[test]
fn the_raci_matrix_of_a_small_plan() {
    let text = r#"program p { start 2027-01-04 }
person alice {}
person bob {}
team legal {}
person dan {}
group pay "Payments" {
  owner alice
  consulted legal
  task build { duration 2d  assign bob }
  milestone ready { after build  informed cfo }
}
group ops { task run { duration 1d  owner alice } }
group dup { owner bob  task x { duration 1d  owner dan } }
approval sign { gates ready  approvers legal }
stakeholder cfo { interest pay  role informed }
stakeholder vp { interest dup  role accountable }
"#;
    let db = Database::default();
    let project = project(&db, text);
    let raci = prog_report::raci::RaciMatrix::new(&prog_db::resolved(&db, project).plan);
    // Written out by hand: `dan` works on `x` in `dup`, so he is R there.
    // pay: alice owns it (A), bob builds (R), legal is consulted and
    //      approves `ready` inside it (C), the cfo follows it (I).
    // ready: legal approves it (C), the cfo is informed and follows `pay` (I).
    // ops: alice runs `run` (R); nobody owns it: flagged.
    // dup: bob owns it and the vp is accountable too: flagged.
    assert_eq!(raci.parties, ["alice", "bob", "legal", "dan", "cfo", "vp"]);
    let rows: Vec<(&str, Vec<&str>, Option<&str>)> = raci
        .rows
        .iter()
        .map(|r| {
            (
                r.id.as_str(),
                r.cells.iter().map(String::as_str).collect(),
                r.flag.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            ("pay", vec!["A", "R", "C", "", "I", ""], None),
            ("ready", vec!["", "", "C", "", "I", ""], None),
            (
                "ops",
                vec!["R", "", "", "", "", ""],
                Some("no one is accountable")
            ),
            (
                "dup",
                vec!["", "A", "", "R", "", "A"],
                Some("2 are accountable: bob, vp")
            ),
        ]
    );
    let mut md = String::new();
    prog_report::raci::markdown::section(&raci, &mut md);
    assert!(
        md.contains("| Payments (`pay`) | A | R | C |  | I |  |  |\n"),
        "{md}"
    );
    assert!(
        md.contains("| `dup` |  | A |  | R |  | A | ⚠ 2 are accountable: bob, vp |\n"),
        "{md}"
    );
    assert_eq!(
        prog_report::raci::csv::columns(&raci, "pay"),
        ["bob", "alice", "legal", "cfo"].map(String::from)
    );
}

#[test]
fn prog_diff_ends_with_who_to_tell() {
    // `ui` grows from 5 to 7 days: `web_done`, which the cfo follows,
    // moves from Friday 8th to Tuesday 12th (+2 working days); the cto
    // follows `api`, which does not move.
    let old = r#"program p { start 2027-01-04 }
person alice {}
person bob {}
task ui { duration 5d  owner alice }
milestone web_done "Web <done>" { after ui }
group api { task server { duration 3d  owner bob } }
stakeholder cfo "CFO office" { interest web_done }
stakeholder cto { interest api }
"#;
    let new = old.replace("duration 5d", "duration 7d");
    let db = Database::default();
    let (a, b) = (project(&db, old), project(&db, &new));
    let diff = diff_of(&db, a, b);
    let text = prog_report::diff::text(&diff, false);
    assert!(
        text.ends_with(
            "\ntell\n  cfo \"CFO office\"\n    milestone web_done \"Web <done>\" moved 2027-01-08 → 2027-01-12 (+2d)\n"
        ),
        "{text}"
    );
    let md = prog_report::diff::markdown(&diff);
    assert!(
        md.ends_with(
            "\n#### Tell\n\n- `cfo` CFO office: milestone `web_done` Web &lt;done&gt; moved 2027-01-08 → 2027-01-12 (+2d)\n"
        ),
        "{md}"
    );
    let json: serde_json::Value = serde_json::from_str(&prog_report::diff::json(&diff)).unwrap();
    assert_eq!(json["tell"][0]["stakeholder"], "cfo");
    assert_eq!(json["tell"].as_array().unwrap().len(), 1);
    // Each reason: its parts, and the one line the text says (unescaped:
    // JSON escapes itself).
    let reason = &json["tell"][0]["reasons"][0];
    assert_eq!(reason["id"], "web_done");
    assert_eq!(
        reason["text"],
        "milestone web_done \"Web <done>\" moved 2027-01-08 → 2027-01-12 (+2d)"
    );
}

/// Status date Friday 2027-01-15, two weeks after the start on Monday 4th.
const AUDIENCES: &str = r#"program p { start 2027-01-04  status_date 2027-01-15 }
person alice {}
person bob {}
task ui { duration 5d  owner alice  actual_start 2027-01-04  actual_finish 2027-01-08 }
milestone web_done "Web done" { after ui  actual_finish 2027-01-08 }
group api { task server { duration 10d  owner bob  actual_start 2027-01-04  progress 50% }  milestone api_done { after server } }
stakeholder cfo "CFO office" { interest web_done  cadence weekly  format summary  contact "cfo@example.com" }
stakeholder cto { interest api  cadence biweekly }
stakeholder pm { interest ui }
"#;

#[test]
fn stakeholders_due_by_cadence_and_by_what_moved() {
    let report = status_of(AUDIENCES);
    // Weekly from Monday 4th: due every week. Biweekly: the 4th and the
    // 18th, neither in the week 9th..15th. No cadence: never by cadence.
    let due: Vec<(&str, bool)> = report
        .stakeholders_due
        .iter()
        .map(|s| (s.id.as_str(), s.by_cadence))
        .collect();
    assert_eq!(due, [("cfo", true)]);

    // Last week `server` was planned 8 days. Half done at the 15th, it had
    // 4 days left (Monday 18th to Thursday 21st) and has 5 now (to Friday
    // 22nd): `api_done` and the `api` group move +1 working day. The cto,
    // not due by cadence, is added with both reasons; the cfo's milestone
    // did not move.
    let db = Database::default();
    let (a, b) = (
        project(&db, &AUDIENCES.replace("duration 10d", "duration 8d")),
        project(&db, AUDIENCES),
    );
    let diff = diff_of(&db, a, b);
    let plan = &prog_db::resolved(&db, b).plan;
    let report = status_of(AUDIENCES).with_tell(plan, &diff);
    let due: Vec<(&str, bool, Vec<&str>)> = report
        .stakeholders_due
        .iter()
        .map(|s| {
            (
                s.id.as_str(),
                s.by_cadence,
                s.reasons.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        due,
        [
            ("cfo", true, vec![]),
            (
                "cto",
                false,
                vec![
                    "milestone api_done moved 2027-01-21 → 2027-01-22 (+1d)",
                    "the finish of api moved 2027-01-21 → 2027-01-22 (+1d)"
                ]
            ),
        ]
    );
    let md = prog_report::status::markdown::write(&report);
    // The contact goes through the Markdown escaper (which keeps an address
    // from turning into a link or a mention).
    let contact = prog_report::escape::markdown("cfo@example.com");
    let cfo = format!("| CFO office (cfo) | weekly, due | summary | {contact} | — |\n");
    assert!(md.contains(&cfo), "{md}");
    assert!(
        md.contains(
            "| cto | biweekly | detail | — | milestone api\\_done moved 2027-01-21 → 2027-01-22 (+1d); \
             the finish of api moved 2027-01-21 → 2027-01-22 (+1d) |\n"
        ),
        "{md}"
    );
}

#[test]
fn a_report_for_a_stakeholder_is_cut_to_their_interests_and_format() {
    let plan_db = Database::default();
    let project = project(&plan_db, AUDIENCES);
    let plan = &prog_db::resolved(&plan_db, project).plan;
    // The cto follows `api` in detail: its milestone, not `web_done`.
    let cto = status_of(AUDIENCES).for_stakeholder(plan, "cto").unwrap();
    let milestones: Vec<&str> = cto.milestones.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(milestones, ["api_done"]);
    let md = prog_report::status::markdown::write(&cto);
    assert!(md.contains("## Milestones") && !md.contains("Web done"), "{md}");
    // The cfo reads the summary: the summary and ratings, nothing after.
    let cfo = status_of(AUDIENCES).for_stakeholder(plan, "cfo").unwrap();
    let md = prog_report::status::markdown::write(&cfo);
    assert!(
        md.contains("## Summary") && !md.contains("## Milestones") && !md.contains("## Finish"),
        "{md}"
    );
    let html = prog_report::status::html::write(&cfo);
    assert!(
        html.contains("<h2>Summary</h2>") && !html.contains("<h2>Finish</h2>"),
        "{html}"
    );
    // The summary speaks of what they follow: `server`, half done with 5
    // of its 10 days left at the 15th, and `api_done` after it, are late
    // for the cto; the cfo's `web_done` was on time.
    assert!(
        cto.summary.contains(
            &"1 task and 1 milestone are late; the latest to finish is api_done, forecast for 2027-01-22."
                .to_string()
        ),
        "{:?}",
        cto.summary
    );
    assert!(
        !cfo.summary.iter().any(|s| s.contains("late;")),
        "{:?}",
        cfo.summary
    );
    let err = status_of(AUDIENCES).for_stakeholder(plan, "ceo").unwrap_err();
    assert_eq!(
        err,
        "no stakeholder `ceo` in the plan (stakeholders: cfo, cto, pm)"
    );
}

#[test]
fn hostile_text_in_the_people_sections_is_escaped() {
    let text = r#"program p { start 2027-01-04  status_date 2027-01-13 }
person priya {}
group g "<b>G</b>" { owner priya  task a "<b>A</b>" { duration 10d  owner priya  blocked "<script>x</script> | **bold**" } }
stakeholder s "<img src=x onerror=y>" { interest g  cadence weekly  contact "| </td> |" }
action x "</table><script>" { owner priya  due 2027-01-11  affects a }
"#;
    let report = status_of(text);
    let html = prog_report::status::html::write(&report);
    for raw in ["<script>", "<img", "</table><script>", "</td> |"] {
        assert!(!html.contains(raw), "{raw} in {html}");
    }
    assert!(
        html.contains("&lt;script&gt;x&lt;/script&gt; | **bold**"),
        "{html}"
    );
    let md = prog_report::status::markdown::write(&report);
    assert!(!md.contains("<script>") && !md.contains("<img"), "{md}");
    // The plan's `|` cannot split a table cell.
    let blocked = md
        .lines()
        .find(|l| l.contains("blocked:"))
        .expect("the blocked row");
    assert_eq!(blocked.matches(" | ").count(), 4, "five cells: {blocked}");
    let db = Database::default();
    let p = project(&db, text);
    let raci = prog_report::raci::RaciMatrix::new(&prog_db::resolved(&db, p).plan);
    let mut out = String::new();
    prog_report::raci::html::section(&raci, &mut out);
    assert!(
        !out.contains("<b>G</b>") && out.contains("&lt;b&gt;G&lt;/b&gt;"),
        "{out}"
    );
}

#[test]
fn prog_diff_lists_blocked_work_and_action_items() {
    let old = "program p { start 2027-01-04 }\nperson alice {}\ntask ui { duration 5d  owner alice }\n";
    let new = old.replace("owner alice }", "owner alice  blocked \"no | access\" }")
        + "action a1 \"Ask\" { owner alice }\n";
    let db = Database::default();
    let diff = diff_of(&db, project(&db, old), project(&db, &new));
    let text = prog_report::diff::text(&diff, false);
    assert!(
        text.ends_with("\npeople\n  + blocked ui: \"no | access\"\n  + new action a1\n"),
        "{text}"
    );
    let md = prog_report::diff::markdown(&diff);
    assert!(
        md.ends_with(
            "\n#### Blocked work, actions and stakeholders\n\n- + blocked `ui`: no \\| access\n- + new action `a1`\n"
        ),
        "{md}"
    );
}
