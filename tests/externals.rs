//! End-to-end tests of externals: `prog check`, `report`, `status` and
//! `diff` on tests/fixtures/externals.prog (dates worked out in
//! crates/prog_report/tests/register.rs) and a copy with a promise moved.

mod run;

use run::{code, prog, stderr, stdout, temp_file};

const PLAN: &str = "tests/fixtures/externals.prog";

#[test]
fn check_warns_of_the_late_external_and_the_one_at_risk_on_the_critical_path() {
    let out = prog(&["check", PLAN]);
    let text = stderr(&out) + &stdout(&out);
    // sandbox: slack -3 (see register.rs).
    assert!(
        text.contains("warning[P322]: external `sandbox` is expected 2027-02-17, after it is needed (2027-02-12): it delays the finish by 3 working days"),
        "{text}"
    );
    // legal is at risk but has 8 days of slack: not on the critical path.
    assert!(!text.contains("P323"), "{text}");
    assert_eq!(code(&out), 0, "{text}");
}

#[test]
fn schedule_marks_an_external_off_the_critical_path() {
    let out = prog(&["schedule", PLAN]);
    let text = stdout(&out);
    // legal arrives at the end of Fri 2027-02-05. Its float (11d) counts to
    // the finish the late sandbox sets; its slack (8d, in the register)
    // to the finish the program's own work allows.
    let legal = text
        .lines()
        .find(|l| l.starts_with("legal"))
        .expect("a row for legal");
    assert!(
        legal.contains("2027-02-05  2027-02-05") && legal.contains("external"),
        "{text}"
    );
    let sandbox = text.lines().find(|l| l.starts_with("sandbox")).unwrap();
    assert!(sandbox.contains("critical"), "{text}");
}

#[test]
fn report_and_status_have_the_register() {
    let out = prog(&["report", "--format", "md", PLAN]);
    let md = stdout(&out);
    assert!(md.contains("## Dependency register"), "{md}");
    assert!(
        md.contains("| Payment &lt;sandbox&gt; `sandbox` | `priya` | Acme \\| integrations &amp; &lt;desk&gt; | 2027-02-17 | 2027-02-12 | -3d | **committed, late** | `integrate` |"),
        "{md}"
    );
    let status_plan = std::fs::read_to_string(run::root().join(PLAN))
        .unwrap()
        .replace("start 2027-02-01 }", "start 2027-02-01  status_date 2027-02-02 }");
    let path = temp_file("status.prog", status_plan);
    let out = prog(&["status", "--format", "md", path.to_str().unwrap()]);
    let md = stdout(&out);
    assert!(md.contains("## Dependency register"), "{md}{}", stderr(&out));
    assert!(
        md.contains("| Legal sign-off `legal` | `priya` | — | 2027-02-01 .. 2027-02-05 |"),
        "{md}"
    );
}

#[test]
fn diff_reports_a_promise_that_moved() {
    let before = std::fs::read_to_string(run::root().join(PLAN)).unwrap();
    let after = before.replace(
        "expected 2027-02-17\n  status committed",
        "expected 2027-02-19\n  status at_risk",
    );
    let (old, new) = (temp_file("before.prog", &before), temp_file("after.prog", &after));
    let out = prog(&["diff", old.to_str().unwrap(), new.to_str().unwrap()]);
    let text = stdout(&out);
    // Two more working days late: Wed Feb 24 → Fri Feb 26.
    assert!(
        text.starts_with("This moves the finish by 2 working days, from 2027-02-24 to 2027-02-26, because `sandbox` is now expected 2027-02-19."),
        "{text}"
    );
    assert!(
        text.contains("promised dates\n  ~ sandbox \"Payment <sandbox>\"  expected 2027-02-17 → 2027-02-19; status committed → at_risk"),
        "{text}"
    );
    let out = prog(&[
        "diff",
        "--format",
        "json",
        old.to_str().unwrap(),
        new.to_str().unwrap(),
    ]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["promises"][0]["expected"]["new"], "2027-02-19");
    assert_eq!(json["promises"][0]["status"]["old"], "committed");
}
