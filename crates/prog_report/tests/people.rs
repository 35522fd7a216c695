//! The people around the program in the reports: the schedule rating's
//! count of blocked work and overdue actions, the status report's action
//! items and late and blocked work, and the RACI matrix.

use prog_db::{Database, Project, Settings, SourceFile};
use prog_report::status::{Level, StatusReport};

fn project(db: &Database, text: &str) -> Project {
    let file = SourceFile::new(db, "plan.prog".to_string(), text.to_string());
    Project::new(db, file, vec![file], Settings::new(db, true))
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
