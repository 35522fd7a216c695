#![allow(dead_code)] // Each test crate uses a part of it.

//! Plans written as text, analysed the way `prog` analyses them, and
//! compared.

use prog_db::{Database, Project, Settings, SourceFile};
use prog_diff::{Diff, Side};
use prog_sema::{Code, Severity};

/// The diff from `old` to `new`, each a list of (path, text) files with the
/// root first. Panics if either plan has an error other than a missed
/// deadline: a test plan must say what it means.
pub fn diff_files(old: &[(&str, &str)], new: &[(&str, &str)]) -> Diff {
    let db = Database::default();
    let (a, b) = (project(&db, old), project(&db, new));
    prog_diff::diff(&side(&db, a), &side(&db, b))
}

/// The diff between two one-file plans.
pub fn diff(old: &str, new: &str) -> Diff {
    diff_files(&[("plan.prog", old)], &[("plan.prog", new)])
}

/// The plan of `files` (root first), checked to have no error.
pub fn project(db: &Database, files: &[(&str, &str)]) -> Project {
    let files: Vec<SourceFile> = files
        .iter()
        .map(|(path, text)| SourceFile::new(db, path.to_string(), (*text).to_string().into()))
        .collect();
    let project = Project::new(db, files[0], files, Settings::new(db, true));
    let errors: Vec<String> = prog_db::diagnostics(db, project)
        .iter()
        .filter(|d| d.severity == Severity::Error && d.code != Code::DeadlineMissed)
        .map(|d| d.message.clone())
        .collect();
    assert!(errors.is_empty(), "the test plan has errors: {errors:?}");
    project
}

pub fn side(db: &Database, project: Project) -> Side<'_> {
    Side {
        plan: &prog_db::resolved(db, project).plan,
        schedule: prog_db::schedule(db, project),
        load: prog_db::load(db, project),
        calendar: prog_db::work_calendar(db, project),
    }
}

/// The base plan of most tests. Working days from Monday 2027-01-04:
/// design 0-5 (Jan 4-8), build 5-15 (Jan 11-22, critical), docs 5-8
/// (Jan 11-13, float 7), ready at 15 (Jan 22), finish Jan 22.
pub const BASE: &str = r#"program p "P" { start 2027-01-04 }
person alice "Alice" { capacity 100% }
person bob "Bob" { capacity 100% }
team backend "Backend" { capacity 4 }
task design "Design" { duration 5d  owner alice }
task build "Build" { duration 10d  owner bob  after design }
task docs "Docs" { duration 3d  owner alice  after design }
milestone ready "Ready" { after build, docs  deadline 2027-02-01 }
risk vendor "Vendor late" { probability 40%  impact 5d  affects build  owner bob  mitigation "Mock it" }
approval go "Go" { gates ready  approvers alice  status pending }
"#;

/// `BASE` with `from` replaced by `to` (which must occur).
pub fn edit(from: &str, to: &str) -> String {
    assert!(BASE.contains(from), "{from} is not in the base plan");
    BASE.replacen(from, to, 1)
}
