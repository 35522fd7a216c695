//! Externals end to end, from text: needed-by dates and slack worked out
//! by hand, the finish a late external moves, and its findings.

use prog_db::{Database, Project, Settings, SourceFile};
use prog_plan::WorkCalendar;
use salsa::Setter;

/// 2027-02-01 is a Monday, working day 0. `prep` takes days 0–9
/// (Feb 1–12), so `integrate` can start on day 10 (Mon Feb 15) at the
/// latest without moving the finish: `sandbox` is needed by the end of
/// day 9, Fri 2027-02-12.
fn plan(expected: &str, extra: &str) -> String {
    format!(
        r#"program p {{ start 2027-02-01 {extra} }}
person priya {{ }}
external sandbox "Payment sandbox" {{
  owner priya
  contact "Acme Payments"
  expected {expected}
  status committed
}}
task prep {{ duration 10d  owner priya }}
task integrate {{ after sandbox, prep  duration 5d  owner priya }}
"#
    )
}

struct Analysis {
    db: Database,
    project: Project,
}

fn analyse(text: &str) -> Analysis {
    let db = Database::default();
    let root = SourceFile::new(&db, "plan.prog".into(), text.to_string().into());
    let project = Project::new(&db, root, vec![root], Settings::new(&db, true));
    Analysis { db, project }
}

impl Analysis {
    fn diagnostics(&self) -> Vec<String> {
        prog_db::diagnostics(&self.db, self.project)
            .iter()
            .map(|d| format!("{} {}", d.code.as_str(), d.message))
            .collect()
    }

    /// The last day of work.
    fn finish(&self) -> String {
        let schedule = prog_db::schedule(&self.db, self.project);
        let cal: &WorkCalendar = prog_db::work_calendar(&self.db, self.project);
        cal.plan_dates(schedule.duration).1.to_string()
    }

    /// (needed by, slack in working days) of the first external.
    fn timing(&self) -> (String, f64) {
        let t = prog_db::external_timings(&self.db, self.project)[0];
        (t.needed_by.to_string(), t.slack.as_days())
    }
}

#[test]
fn needed_by_is_the_successors_latest_start_and_slack_counts_working_days() {
    // Expected Wed Feb 10 = working day 7, there at its end (day 8);
    // needed by the end of day 9 (Fri Feb 12): slack 10 - 8 = 2 days.
    let a = analyse(&plan("2027-02-10", ""));
    assert_eq!(a.timing(), ("2027-02-12".to_string(), 2.0));
    // prep's days 0–9, then integrate's 10–14: Fri Feb 19.
    assert_eq!(a.finish(), "2027-02-19");
    assert_eq!(a.diagnostics(), Vec::<String>::new());
}

#[test]
fn a_late_external_moves_the_finish_by_its_lateness_minus_its_slack() {
    // Expected Wed Feb 17 (day 12) instead of Wed Feb 10 (day 7): 5 working
    // days later, with 2 days of slack, so the finish moves 5 - 2 = 3
    // working days, from Fri Feb 19 to Wed Feb 24 (integrate on days
    // 13–17). Slack is now 10 - 13 = -3.
    let a = analyse(&plan("2027-02-17", ""));
    assert_eq!(a.timing(), ("2027-02-12".to_string(), -3.0));
    assert_eq!(a.finish(), "2027-02-24");
    assert_eq!(
        a.diagnostics(),
        [
            "P322 external `sandbox` is expected 2027-02-17, after it is needed (2027-02-12): it delays the finish by 3 working days"
        ]
    );
}

#[test]
fn a_delivered_external_is_pinned_at_its_delivery() {
    // Delivered Thu Feb 4 (day 3), although promised for Feb 17: nothing waits.
    let text = plan("2027-02-17", "").replace("status committed", "delivered 2027-02-04");
    let a = analyse(&text);
    assert_eq!(a.finish(), "2027-02-19");
    assert_eq!(a.timing(), ("2027-02-12".to_string(), 6.0));
    assert_eq!(a.diagnostics(), Vec::<String>::new());
}

#[test]
fn an_overdue_or_at_risk_external_on_the_critical_path_is_a_warning() {
    // Expected Fri Feb 12, exactly when needed (slack 0, so critical), and
    // the status date is Mon Feb 15: overdue, and still waited for.
    // `prep` is done, so the sandbox alone holds `integrate` back.
    let text = plan("2027-02-12", "status_date 2027-02-15").replace(
        "task prep { duration 10d  owner priya }",
        "task prep { duration 10d  owner priya  done  actual_finish 2027-02-12 }",
    );
    let a = analyse(&text);
    let diagnostics = a.diagnostics();
    assert!(
        diagnostics.iter().any(|d| d.starts_with(
            "P323 external `sandbox` is overdue (expected 2027-02-12, not delivered) and on the critical path"
        )),
        "{diagnostics:?}"
    );
    let at_risk = plan("2027-02-12", "").replace("committed", "at_risk");
    assert_eq!(
        analyse(&at_risk).diagnostics(),
        ["P323 external `sandbox` is at risk and on the critical path"]
    );
    // With 2 days of slack it is not critical: no warning.
    let off_path = plan("2027-02-10", "").replace("committed", "at_risk");
    assert_eq!(analyse(&off_path).diagnostics(), Vec::<String>::new());
}

#[test]
fn an_external_without_owner_or_date_is_said_so() {
    let text =
        "program p { start 2027-02-01 }\nexternal x { contact \"c\" }\ntask t { after x duration 1d }\n";
    let diagnostics = analyse(text).diagnostics();
    assert!(
        diagnostics.contains(&"P220 external `x` has no owner".to_string()),
        "{diagnostics:?}"
    );
    assert!(
        diagnostics.contains(&"P221 external `x` has no `expected` date".to_string()),
        "{diagnostics:?}"
    );
}

#[test]
fn bad_statements_in_an_external_are_located_errors() {
    let text = "program p { start 2027-02-01 }\nperson o { }\nexternal x { owner o  expected 2027-02-05 .. 2027-02-01  status late  duration 2d }\n";
    let diagnostics = analyse(text).diagnostics();
    assert!(
        diagnostics.contains(&"P104 this range ends before it starts".to_string()),
        "{diagnostics:?}"
    );
    assert!(
        diagnostics.contains(&"P112 `late` is not the status of an external".to_string()),
        "{diagnostics:?}"
    );
    assert!(
        diagnostics.contains(&"P109 `duration` does not belong in an external".to_string()),
        "{diagnostics:?}"
    );
}

#[test]
fn a_contact_is_prose_kept_out_of_what_the_schedule_reads() {
    let mut a = analyse(&plan("2027-02-10", ""));
    let shape = prog_db::plan_shape(&a.db, a.project).clone();
    let root = a.project.root(&a.db);
    let text = plan("2027-02-10", "").replace("Acme Payments", "Acme, Berlin desk");
    root.set_text(&mut a.db).to(text.into());
    // The same shape: nothing downstream of it runs again.
    assert_eq!(*prog_db::plan_shape(&a.db, a.project), shape);
    assert_eq!(shape.externals[0].contact, None);
    let resolved = &prog_db::resolved(&a.db, a.project).plan;
    assert_eq!(
        resolved.externals[0].contact.as_deref(),
        Some("Acme, Berlin desk")
    );
}
