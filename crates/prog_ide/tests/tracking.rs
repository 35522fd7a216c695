//! The editor at a status date: inlay hints, hover and the assists that
//! record progress, on a small plan whose figures are worked out by hand.

mod fixture;

use chrono::NaiveDate;
use fixture::Fixture;
use prog_ide::{InlayHintsConfig, hover, inlay_hints};

/// Mon 2027-01-04; status date Fri 2027-01-15: now is the end of working
/// day 9, 10 days in. Planned: a [0, 5], b [5, 15] with 2 people, c [15, 20],
/// d [0, 2]. a finished late on day 6 (ef 7); b is 40% done, 6 days left
/// from day 10 (ef 16); c follows b to 21; d has not started and runs
/// [10, 12].
const PLAN: &str = "program p { start 2027-01-04  status_date 2027-01-15 }
person alice { capacity 100% }
team crew { capacity 3 }
task a { duration 5d  owner alice  done  actual_finish 2027-01-12  actual_effort 7d }
task b { duration 10d  assign crew 2  after a  progress 40%  actual_effort 5d }
task c { duration 5d  owner alice  after b }
task d { duration 2d  owner alice }
";

fn hints(f: &Fixture) -> Vec<String> {
    inlay_hints(&f.db, f.project, f.file, None, InlayHintsConfig::default())
        .into_iter()
        .map(|h| h.label)
        .collect()
}

#[test]
fn inlay_hints_say_where_each_task_stands() {
    let f = Fixture::new(PLAN);
    assert_eq!(
        hints(&f),
        [
            "done",
            "40% · 6d left · critical",
            "critical",
            // Planned to finish by day 2, 8 days ago; 21 − 12 = 9 days of float.
            "8d overdue · float 9d",
        ]
    );
}

fn hover_at(marker: &str) -> String {
    let f = Fixture::new(&PLAN.replacen(marker, &marker.replacen(' ', " $0", 1), 1));
    hover(&f.db, f.project, f.position()).expect("a hover").markdown
}

#[test]
fn hover_shows_status_and_earned_value() {
    // b: planned to finish on day 14 (Fri 22nd), forecast day 15 (Mon
    // 25th). BAC 2 × 10 = 20 person-days: PV half of it (5 of 10 days in),
    // EV 40%, AC 5.
    assert_eq!(
        hover_at("task b"),
        "task `b`\n\n**2027-01-11** → **2027-01-25** (11d)\n\nes 5 · ef 16 · ls 5 · lf 16\n\n\
         total float 0d · free float 0d · **critical**\n\nstarted: its start is recorded\n\n\
         assigned: `crew` ×2\n\n\
         status at 2027-01-15: **in progress**, 40% done\n\n\
         planned 2027-01-11 → 2027-01-22 · finish 1d later\n\n\
         PV 10.0pd · EV 8.0pd · AC 5.0pd · SPI 0.80 · CPI 1.60"
    );
    // a: planned Mon 4th → Fri 8th, finished Tue 12th (2 working days
    // later); BAC = PV = EV 5, AC 7: CPI 5 / 7 = 0.71.
    assert_eq!(
        hover_at("task a"),
        "task `a`\n\n**2027-01-04** → **2027-01-12** (7d)\n\nes 0 · ef 7 · ls 0 · lf 7\n\n\
         total float 0d · free float 0d · not critical\n\nstarted: its start is recorded\n\n\
         owner: `alice`\n\nassigned: `alice` 100%\n\n\
         status at 2027-01-15: **done** · finished 2027-01-12\n\n\
         planned 2027-01-04 → 2027-01-08 · finish 2d later\n\n\
         PV 5.0pd · EV 5.0pd · AC 7.0pd · SPI 1.00 · CPI 0.71"
    );
    // BAC 5 + 20 + 5 + 2 = 32; PV 5 + 10 + 2 = 17; EV 5 + 8 = 13; AC 7 + 5.
    // The PV curve rises 2/day over days 0–2, 1/day to day 5, then 2/day:
    // 13 is reached at 5 + 6/2 = day 8.
    assert_eq!(
        hover_at("program p"),
        "program `p`\n\nstart 2027-01-04 · finish 2027-02-01 · 21 working days\n\n\
         status at 2027-01-15: planned finish 2027-01-29 · forecast 2027-02-01\n\n\
         PV 17.0pd · EV 13.0pd · AC 12.0pd · SPI 0.76 · CPI 1.08\n\n\
         SPI(t) 0.80 · earned schedule 8.0d of 10.0d elapsed"
    );
}

fn assists_at(text: &str, today: Option<NaiveDate>) -> (Fixture, Vec<prog_ide::Assist>) {
    let f = Fixture::new(text);
    let assists = f.assists(today);
    (f, assists)
}

fn codes(text: &str) -> Vec<(&'static str, String)> {
    let f = Fixture::new(text);
    prog_db::file_diagnostics(&f.db, f.project, f.file)
        .iter()
        .map(|d| (d.code.as_str(), d.message.clone()))
        .collect()
}

fn apply(f: &Fixture, assists: &[prog_ide::Assist], title: &str) -> String {
    f.apply_assist(assists, title)
}

#[test]
fn mark_done_records_the_finish_and_clears_the_warning() {
    assert!(
        codes(PLAN)
            .iter()
            .any(|(code, m)| *code == "P306" && m.starts_with("`d`"))
    );
    let (f, assists) = assists_at(&PLAN.replace("task d {", "task $0d {"), None);
    let done = apply(&f, &assists, "Mark done");
    assert_eq!(
        done,
        PLAN.replace(
            "task d { duration 2d  owner alice }",
            "task d { duration 2d  owner alice  done  actual_finish 2027-01-15 }"
        )
    );
    assert!(
        !codes(&done).iter().any(|(code, _)| *code == "P306"),
        "{:?}",
        codes(&done)
    );

    // On a task in progress, `done` takes the place of its progress.
    let (f, assists) = assists_at(&PLAN.replace("task b {", "task $0b {"), None);
    let done = apply(&f, &assists, "Mark done");
    assert_eq!(
        done,
        PLAN.replace(
            "after a  progress 40%  actual_effort 5d",
            "after a  done  actual_finish 2027-01-15  actual_effort 5d"
        )
    );
    // ... and progress only moves forward.
    let titles: Vec<&str> = assists.iter().map(|a| a.title.as_str()).collect();
    assert!(
        titles.contains(&"Set progress to 50%") && !titles.contains(&"Set progress to 25%"),
        "{titles:?}"
    );
    let half = apply(&f, &assists, "Set progress to 75%");
    assert_eq!(half, PLAN.replace("progress 40%", "progress 75%"));

    // Offered on the header, not anywhere in the body.
    let (_, assists) = assists_at(
        &PLAN.replace("task d { duration 2d", "task d { dur$0ation 2d"),
        None,
    );
    assert!(assists.iter().all(|a| a.title != "Mark done"));
    // Finished work offers nothing.
    let (_, assists) = assists_at(&PLAN.replace("task a {", "task $0a {"), None);
    assert!(assists.iter().all(|a| a.title != "Mark done"));
}

#[test]
fn the_status_date_moves_to_today() {
    let today = NaiveDate::from_ymd_opt(2027, 1, 22);
    let (f, assists) = assists_at(&PLAN.replace("program p", "program $0p"), today);
    let moved = apply(&f, &assists, "Move the status date to today (2027-01-22)");
    assert!(
        moved.starts_with("program p { start 2027-01-04  status_date 2027-01-22 }"),
        "{moved}"
    );
    // Without a status date, one is added.
    let text = PLAN
        .replace("  status_date 2027-01-15", "")
        .replace("program p", "program $0p");
    let (f, assists) = assists_at(&text, today);
    let added = apply(&f, &assists, "Move the status date to today (2027-01-22)");
    assert!(
        added.starts_with("program p { start 2027-01-04  status_date 2027-01-22 }"),
        "{added}"
    );
    // Already today: nothing to do.
    let (_, assists) = assists_at(
        &PLAN.replace("program p", "program $0p"),
        NaiveDate::from_ymd_opt(2027, 1, 15),
    );
    assert!(
        assists
            .iter()
            .all(|a| !a.title.starts_with("Move the status date"))
    );
}

#[test]
fn tracking_mistakes_have_stable_codes() {
    let plan = "program p { start 2027-01-04  status_date 2027-01-15  currency \"EUR\" }
person alice { capacity 100%  rate 800/d }
person bob { capacity 100% }
task a { duration 5d  owner alice  actual_start 2027-01-08  actual_finish 2027-01-06 }
task b { duration 5d  owner bob  progress 100%  remaining 2d  after a }
task c { duration 1d  owner alice  actual_start 2027-01-20  after b }
milestone m { after c }
approval no { gates m  approvers alice  status rejected }
approval late { gates m  approvers alice  status pending  due 2027-01-11 }
";
    let found = codes(plan);
    let has = |code: &str, text: &str| found.iter().any(|(c, m)| *c == code && m.contains(text));
    assert!(
        has(
            "P114",
            "`a` finished on 2027-01-06, before it started on 2027-01-08"
        ),
        "{found:#?}"
    );
    assert!(
        has("P114", "`b` is done but says `remaining 2 working days`"),
        "{found:#?}"
    );
    assert!(
        has(
            "P115",
            "`c` has `actual_start 2027-01-20`, after the status date 2027-01-15"
        ),
        "{found:#?}"
    );
    assert!(has("P205", "`bob` has no `rate`"), "{found:#?}");
    assert!(
        has(
            "P307",
            "approval `no` was rejected: `m` cannot be reached as planned"
        ),
        "{found:#?}"
    );
    assert!(
        has(
            "P308",
            "approval `late` was due on 2027-01-11 and is still pending"
        ),
        "{found:#?}"
    );

    let before_start = codes("program p { start 2027-01-04  status_date 2027-01-01 }\n");
    assert_eq!(before_start[0].0, "P116", "{before_start:?}");

    // Progress without a status date changes nothing, and says so once.
    let ignored = codes(&PLAN.replace("  status_date 2027-01-15", ""));
    let p204: Vec<_> = ignored.iter().filter(|(c, _)| *c == "P204").collect();
    assert_eq!(p204.len(), 1, "{ignored:#?}");
    assert!(p204[0].1.starts_with("2 tasks record progress"), "{p204:?}");
    assert!(ignored.iter().all(|(c, _)| !["P305", "P306"].contains(c)));
}

#[test]
fn late_start_and_late_finish() {
    // e was planned to start on day 8 (after d and a 6-day lag) and has not.
    let plan = PLAN.replace(
        "task d { duration 2d  owner alice }",
        "task d { duration 2d  owner alice }\ntask e { duration 5d  after d +6d }",
    );
    let found = codes(&plan);
    assert!(
        found
            .iter()
            .any(|(c, m)| *c == "P305" && m == "`e` was planned to start by 2027-01-14 but has not started"),
        "{found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|(c, m)| *c == "P306" && m == "`d` was planned to finish by 2027-01-05 but has not started"),
        "{found:#?}"
    );
}

#[test]
fn completion_offers_the_tracking_statements_where_they_belong() {
    let labels = |text: &str| Fixture::new(text).completion_labels();
    let task = labels(&PLAN.replace("task d { duration 2d", "task d { duration 2d  $0"));
    for word in [
        "actual_start",
        "actual_finish",
        "remaining",
        "actual_cost",
        "actual_effort",
        "cost",
    ] {
        assert!(task.iter().any(|l| l == word), "{word} in {task:?}");
    }
    assert!(!task.iter().any(|l| l == "rate" || l == "due"), "{task:?}");
    let person = labels(&PLAN.replace("person alice { capacity 100%", "person alice { capacity 100%  $0"));
    assert!(person.iter().any(|l| l == "rate"), "{person:?}");
    let program = labels(&PLAN.replace("program p { start 2027-01-04", "program p { start 2027-01-04  $0"));
    assert!(
        ["currency", "baseline"]
            .iter()
            .all(|w| program.iter().any(|l| l == w)),
        "{program:?}"
    );
}

#[test]
fn contradictory_progress_is_located_and_its_meaning_kept() {
    let plan = "program p { start 2027-01-04  status_date 2027-01-15 }
task a { duration 4d  done  progress 50% }
task b { duration 4d  actual_finish 2027-01-07  progress 20% }
task c { duration 4d  remaining 2d }
";
    let found = codes(plan);
    let has = |code: &str, text: &str| found.iter().any(|(c, m)| *c == code && m.contains(text));
    assert!(
        has(
            "P114",
            "`progress 50%` contradicts `done`: the task is counted as finished (100%)"
        ),
        "{found:#?}"
    );
    assert!(
        has(
            "P114",
            "`progress 20%` contradicts `actual_finish`: the task is counted as finished (100%)"
        ),
        "{found:#?}"
    );
    assert!(
        has("P114", "`remaining` on a task not started is ignored"),
        "{found:#?}"
    );
    // The meaning kept: `a` is finished (`done` wins over the later
    // `progress`), `b` too (by its actual finish), and `c` keeps its
    // planned 4 days: its `remaining` is dropped.
    let f = Fixture::new(plan);
    let tasks = &prog_db::resolved(&f.db, f.project).plan.tasks;
    assert_eq!(tasks[0].progress, 100);
    assert_eq!(
        prog_plan::status::TaskStatus::of(&tasks[1]),
        prog_plan::status::TaskStatus::Done
    );
    assert_eq!(tasks[2].actuals.remaining, None);
}

#[test]
fn a_status_date_decades_away_is_a_warning() {
    // The plan runs Mon 2027-01-04 to Fri 8th; 2047 is a wrong year.
    let found = codes("program p { start 2027-01-04  status_date 2047-01-08 }\ntask t { duration 5d }\n");
    assert!(
        found.iter().any(|(c, m)| *c == "P118"
            && m == "the status date 2047-01-08 is more than a year after the plan finishes (2027-01-08)"),
        "{found:#?}"
    );
    let near = codes("program p { start 2027-01-04  status_date 2027-06-08 }\ntask t { duration 5d }\n");
    assert!(near.iter().all(|(c, _)| *c != "P118"), "{near:#?}");
}
