//! An edit does not wait for the leveling code actions:
//! the search stops between schedules once the host is written to.

use std::fmt::Write;
use std::time::{Duration, Instant};

use prog_db::{AnalysisHost, Database, Project};
use prog_ide::{AssistConfig, FileRange, Span};
use salsa::Setter;

/// Two people and many tasks of theirs side by side: leveling it takes
/// longer than the code action's time limit (300 ms) in a test build.
fn crowded_plan() -> String {
    let mut text = String::from("program p { start 2027-01-04 }\nperson al { }\nperson bo { }\n");
    for i in 0..12_000 {
        let who = if i % 2 == 0 { "al" } else { "bo" };
        let _ = writeln!(text, "task t{i} {{ duration {}d  owner {who} }}", 1 + i % 3);
    }
    text
}

#[test]
fn an_edit_does_not_wait_for_the_leveling_code_action() {
    let text = crowded_plan();
    let mut host = AnalysisHost::new(Database::default());
    let project = Project::single_file(host.db(), "crowded.prog", &text);
    let file = *project.root(host.db());
    let range = FileRange {
        file,
        span: Span::new(0, 0),
    };
    let config = |leveling| AssistConfig {
        leveling,
        today: None,
    };
    // Everything but the leveling, computed beforehand.
    let overloads = host.snapshot().with(|db| {
        prog_ide::assists(db, project, range, config(false));
        prog_db::load(db, project).overloads.len()
    });
    assert!(overloads.unwrap() > 0);
    let snapshot = host.snapshot();
    let (started, wait) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        snapshot.with(|db| {
            started.send(()).unwrap();
            prog_ide::assists(db, project, range, config(true)).len()
        })
    });
    wait.recv().unwrap();
    // Time for the reader to be well into the search.
    std::thread::sleep(Duration::from_millis(50));
    // Blocks until the reader has been cancelled and dropped its snapshot.
    let edit = Instant::now();
    file.set_text(host.db_mut())
        .to(text.replacen("duration 1d", "duration 2d", 1).into());
    let waited = edit.elapsed();
    assert!(reader.join().unwrap().is_err(), "the code action was cancelled");
    // One schedule of this plan takes some 10-30 ms; the search as a whole
    // runs to its time limit of 300 ms (the edit waited 240 ms for it when
    // nothing stopped it).
    assert!(waited < Duration::from_millis(100), "the edit waited {waited:?}");
}
