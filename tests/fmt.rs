//! `prog fmt` end to end: it rewrites files in place, `--check` only reports.

use std::process::Command;

fn prog(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_prog"))
        .args(args)
        .output()
        .unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (
        out.status.code().unwrap_or(-1),
        text(out.stdout),
        text(out.stderr),
    )
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("prog-fmt-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn fmt_check_reports_fmt_rewrites_and_then_check_passes() {
    let dir = temp_dir("rewrite");
    let path = dir.join("plan.prog");
    let messy = "program p{start 2027-01-04}   # the start\ntask a   {duration 1d}\n";
    std::fs::write(&path, messy).unwrap();
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
    let dir = temp_dir("broken");
    let path = dir.join("broken.prog");
    std::fs::write(&path, "task a { duration }\n").unwrap();
    let (code, _, stderr) = prog(&["fmt", path.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(stderr.contains("syntax errors"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "task a { duration }\n");
}
