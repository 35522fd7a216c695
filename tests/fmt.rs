//! `prog fmt` end to end: it rewrites files in place, `--check` only reports.

mod run;

/// Exit status, stdout and stderr.
fn prog(args: &[&str]) -> (i32, String, String) {
    let out = run::prog(args);
    (run::code(&out), run::stdout(&out), run::stderr(&out))
}

#[test]
fn fmt_check_reports_fmt_rewrites_and_then_check_passes() {
    let messy = "program p{start 2027-01-04}   # the start\ntask a   {duration 1d}\n";
    let path = run::temp_file("plan.prog", messy);
    let dir = path.parent().unwrap();
    let file = path.to_str().unwrap();

    let (code, stdout, _) = prog(&["fmt", "--check", file]);
    assert_eq!(code, 1);
    assert!(stdout.contains("plan.prog: not formatted"), "{stdout}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        messy,
        "--check writes nothing"
    );

    let (code, stdout, _) = prog(&["fmt", dir.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(stdout.contains("plan.prog: formatted"), "{stdout}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "program p { start 2027-01-04 }  # the start\ntask a { duration 1d }\n"
    );
    assert_eq!(prog(&["fmt", "--check", file]), (0, String::new(), String::new()));
}

#[test]
fn fmt_leaves_a_file_with_syntax_errors_alone() {
    let path = run::temp_file("broken.prog", "task a { duration }\n");
    let (code, _, stderr) = prog(&["fmt", path.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(stderr.contains("syntax errors"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "task a { duration }\n");
}

#[test]
fn the_examples_are_formatted() {
    let (code, stdout, _) = prog(&["fmt", "--check", "examples"]);
    assert_eq!(code, 0, "{stdout}");
}
