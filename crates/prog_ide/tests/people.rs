//! The editor and the people around the program: hover on a stakeholder
//! and on what it follows, completion of the new keywords and ids, and the
//! assists "Mark action done" and "Unblock", before and after.

mod fixture;

use chrono::NaiveDate;
use fixture::Fixture;
use prog_ide::hover;

/// Mon 2027-01-04, status date Fri 2027-01-15: `build` (5 days from the
/// 4th) is 60% done and blocked; `docs` (2 days) has not started; the
/// action `chase` was due Tue 12th.
const PLAN: &str = "program p { start 2027-01-04  status_date 2027-01-15 }
person alice {}
team legal {}
group web \"Web\" {
  consulted legal
  task build { duration 5d  owner alice  actual_start 2027-01-04  progress 60%  blocked \"no sandbox\"  blocked_since 2027-01-11 }
  milestone launch \"Launch\" { after build }
}
task docs { duration 2d  owner alice }
stakeholder cfo \"CFO office\" { interest web, docs  role informed  cadence weekly  format summary  contact \"cfo@example.com\" }
action chase \"Chase the sandbox\" { owner alice  due 2027-01-12  affects build }
";

fn at(marker: &str, text: &str) -> Fixture {
    Fixture::new(&text.replacen(marker, &marker.replacen(' ', " $0", 1), 1))
}

#[test]
fn hover_on_a_stakeholder_shows_what_they_follow_and_its_forecast() {
    let f = at("stakeholder cfo", PLAN);
    let md = hover(&f.db, f.project, f.position()).expect("a hover").markdown;
    // `build` is 60% done at the 15th: 2 of its 5 days left, Mon 18th and
    // Tue 19th, so the `web` group forecasts Tue 19th. `docs` has not
    // started: its 2 days run from the next working day, to Tue 19th too.
    assert!(
        md.starts_with(
            "stakeholder `cfo` — CFO office\n\nrole informed · cadence weekly · format summary\n\ncontact: "
        ),
        "{md}"
    );
    assert!(
        md.contains("- group `web` — Web: forecast **2027-01-19** (critical)"),
        "{md}"
    );
    assert!(md.contains("- task `docs`: forecast **2027-01-19**"), "{md}");
}

#[test]
fn hover_on_a_milestone_says_who_follows_it() {
    let f = at("milestone launch", PLAN);
    let md = hover(&f.db, f.project, f.position()).expect("a hover").markdown;
    // `launch` is inside `web`, which the cfo follows.
    assert!(md.contains("followed by: `cfo`"), "{md}");
    let f = at("action chase", PLAN);
    let md = hover(&f.db, f.project, f.position()).expect("a hover").markdown;
    // Due Tue 12th, open at Fri 15th: 3 days overdue.
    assert!(
        md.contains("due 2027-01-12: **overdue** by 3 days at the status date"),
        "{md}"
    );
    assert!(md.contains("affects: `build`"), "{md}");
}

#[test]
fn completion_offers_the_new_keywords_and_ids() {
    let f = Fixture::new(&PLAN.replace("interest web, docs", "interest web, $0"));
    let labels = f.completion_labels();
    assert!(
        labels.contains(&"launch".to_string()) && labels.contains(&"web".to_string()),
        "{labels:?}"
    );
    assert!(!labels.contains(&"alice".to_string()), "{labels:?}");
    // `consulted` takes people, teams and stakeholders.
    let f = Fixture::new(&PLAN.replace("consulted legal", "consulted $0"));
    let labels = f.completion_labels();
    for id in ["alice", "legal", "cfo"] {
        assert!(labels.contains(&id.to_string()), "{id} in {labels:?}");
    }
    assert!(!labels.contains(&"build".to_string()), "{labels:?}");
    // In an action's body, its statements.
    let f = Fixture::new(&PLAN.replace("owner alice  due 2027-01-12", "owner alice  $0 due 2027-01-12"));
    let labels = f.completion_labels();
    for keyword in ["due", "affects", "done", "owner"] {
        assert!(labels.contains(&keyword.to_string()), "{keyword} in {labels:?}");
    }
    assert!(!labels.contains(&"duration".to_string()), "{labels:?}");
}

fn assists_at(text: &str, today: Option<NaiveDate>) -> (Fixture, Vec<prog_ide::Assist>) {
    let f = Fixture::new(text);
    let assists = f.assists(today);
    (f, assists)
}

fn apply(f: &Fixture, assists: &[prog_ide::Assist], title: &str) -> String {
    f.apply_assist(assists, title)
}

#[test]
fn mark_action_done_inserts_done_at_the_status_date() {
    let before = PLAN.replace("action chase", "action $0chase");
    let (f, assists) = assists_at(&before, NaiveDate::from_ymd_opt(2027, 1, 20));
    let after = apply(&f, &assists, "Mark action done");
    // The status date, not today: the plan speaks of that day.
    assert_eq!(
        after,
        PLAN.replace("affects build }", "affects build  done 2027-01-15 }")
    );
    // Without a status date, today.
    let before = before.replace("  status_date 2027-01-15", "");
    let (f, assists) = assists_at(&before, NaiveDate::from_ymd_opt(2027, 1, 20));
    let after = apply(&f, &assists, "Mark action done");
    assert!(after.contains("affects build  done 2027-01-20 }"), "{after}");
    // A done action offers nothing.
    let done = PLAN
        .replace("affects build }", "affects build  done 2027-01-14 }")
        .replace("action chase", "action $0chase");
    let (_, assists) = assists_at(&done, None);
    assert!(assists.iter().all(|a| a.title != "Mark action done"));
}

#[test]
fn unblock_removes_blocked_and_blocked_since() {
    let before = PLAN.replace("task build", "task $0build");
    let (f, assists) = assists_at(&before, None);
    let after = apply(&f, &assists, "Unblock");
    assert_eq!(
        after,
        PLAN.replace("  blocked \"no sandbox\"  blocked_since 2027-01-11", "")
    );
    // On its own lines, the lines go.
    let multiline = "program p { start 2027-01-04 }\ntask t {\n  duration 1d\n  blocked \"x\"\n  blocked_since 2027-01-04\n}\n";
    let (f, assists) = assists_at(&multiline.replace("blocked \"x\"", "blo$0cked \"x\""), None);
    assert_eq!(
        apply(&f, &assists, "Unblock"),
        "program p { start 2027-01-04 }\ntask t {\n  duration 1d\n}\n"
    );
    // Not blocked: nothing to offer.
    let (_, assists) = assists_at(&PLAN.replace("task docs", "task $0docs"), None);
    assert!(assists.iter().all(|a| a.title != "Unblock"));
}

#[test]
fn a_followed_milestone_shows_its_p80_when_something_is_uncertain() {
    let text = PLAN
        .replace(
            "duration 5d  owner alice",
            "duration 5d  estimate 4d 5d 12d  owner alice",
        )
        .replace("interest web, docs", "interest launch");
    let f = at("stakeholder cfo", &text);
    let md = hover(&f.db, f.project, f.position()).expect("a hover").markdown;
    let line = md
        .lines()
        .find(|l| l.contains("`launch`"))
        .expect("the launch line");
    assert!(line.contains(" · P80 2027-01-"), "{md}");
    // Without anything uncertain, no P80.
    let f = at(
        "stakeholder cfo",
        &PLAN.replace("interest web, docs", "interest launch"),
    );
    let md = hover(&f.db, f.project, f.position()).expect("a hover").markdown;
    assert!(!md.contains("P80"), "{md}");
}
