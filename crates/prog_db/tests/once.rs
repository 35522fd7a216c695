//! A database that analyses each input once (`Database::once`, the
//! command-line tool's) keeps one model of a plan instead of two: it must
//! give what an editor's database gives, for every plan and after edits.

use prog_db::{Database, Project};

/// What an analysis gives that a user sees: the model, the schedule and
/// the diagnostics.
fn analysis(db: &Database, project: Project) -> String {
    format!(
        "{:?}\n{:?}\n{:?}",
        prog_db::plan_shape(db, project),
        prog_db::schedule(db, project),
        prog_db::diagnostics(db, project)
    )
}

fn load(mut db: Database, root: &str) -> (Database, Project) {
    let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/");
    let project = prog_db::load_plan_with(&mut db, root, |path, _| {
        std::fs::read_to_string(format!("{examples}{path}")).map_err(|e| e.to_string())
    })
    .unwrap();
    (db, project)
}

#[test]
fn the_examples_analyse_the_same_once() {
    for root in [
        "db_migration.prog",
        "feature_rollout.prog",
        "okrs_q2.prog",
        "rollout_teams.prog",
        // Waits for the platform plan's milestones (`from`): its model is
        // a copy with their dates put in, as an editor's.
        "portfolio/checkout.prog",
    ] {
        let (edited, project) = load(Database::default(), root);
        let (once, once_project) = load(Database::once(), root);
        assert_eq!(
            analysis(&once, once_project),
            analysis(&edited, project),
            "{root}"
        );
        if root.starts_with("portfolio") {
            let plan = prog_db::plan_shape(&once, once_project);
            assert!(
                plan.externals[0].expected.is_some(),
                "the platform's date is put in"
            );
        }
    }
}

/// Edits still analyse correctly once: a value's edit resolves again.
#[test]
fn a_database_for_one_analysis_still_follows_edits() {
    use salsa::Setter;
    let text = "program p { start 2027-03-01 }\ntask build { duration 10d }\nmilestone ga { after build }\n";
    let mut dbs = [Database::default(), Database::once()];
    let projects = dbs
        .each_ref()
        .map(|db| Project::single_file(db, "plan.prog", text));
    for (db, project) in dbs.iter_mut().zip(projects) {
        for edit in ["12d", "2d"] {
            project.root(db).set_text(db).to(text.replace("10d", edit).into());
            let days = prog_db::schedule(db, project).duration.as_days();
            assert_eq!(days.to_string(), edit.trim_end_matches('d'));
        }
    }
    assert_eq!(analysis(&dbs[1], projects[1]), analysis(&dbs[0], projects[0]));
}

/// A plan of many chunks, with errors that hide warnings (see
/// `cascades`), analysed once and then edited: resolution runs again and
/// lowers again the chunks whose declarations the first run took.
#[test]
fn a_plan_of_many_chunks_with_errors_analyses_the_same_once_after_edits() {
    use salsa::Setter;
    let mut text = String::from("program p { start 2027-03-01 }\nperson ann { }\n");
    for i in 0..300 {
        let after = match i {
            0 => String::new(),
            17 => "after nowhere".to_string(),
            _ => format!("after t{}", i - 1),
        };
        text.push_str(&format!(
            "task t{i} {{ duration {}d owner ann {after} }}\n",
            1 + i % 4
        ));
        if i % 50 == 25 {
            // Two of ann's tasks side by side: an over-allocation.
            text.push_str(&format!(
                "group g{i} {{ task s{i} {{ duration 3d owner ann }} }}\n"
            ));
        }
    }
    text.push_str("task t5 { duration 1d }\ntask broken { duration }\n");
    let mut dbs = [Database::default(), Database::once()];
    let projects = dbs
        .each_ref()
        .map(|db| Project::single_file(db, "plan.prog", &text));
    assert_eq!(analysis(&dbs[1], projects[1]), analysis(&dbs[0], projects[0]));
    let diagnostics = prog_db::diagnostics(&dbs[1], projects[1]);
    for code in ["P102", "P101"] {
        assert!(
            diagnostics.iter().any(|d| d.code.as_str() == code),
            "{code} in {diagnostics:#?}"
        );
    }
    for edit in [
        text.replace("task t150 { duration 3d", "task t150 { duration 9d"),
        text.replace("after nowhere", "after t16"),
        text.replace("task t200 {", "task t200 { after missing"),
    ] {
        for (db, project) in dbs.iter_mut().zip(projects) {
            project.root(db).set_text(db).to(edit.clone().into());
        }
        assert_eq!(analysis(&dbs[1], projects[1]), analysis(&dbs[0], projects[0]));
    }
}

/// A plan of many chunks, with syntax errors, unknown ids and
/// over-allocations among them: what the analysis has to say about
/// each chunk.
fn many_chunks() -> String {
    let mut text = String::from("program p { start 2027-01-04 }\nperson ann { capacity 100% }\n");
    for t in 0..3_000 {
        let after = if t > 0 {
            format!(" after t{}", t - 1 - t % 7)
        } else {
            String::new()
        };
        let owner = if t % 11 == 0 {
            " owner nobody"
        } else {
            " owner ann"
        };
        let broken = if t % 97 == 0 { " duration" } else { "" };
        text.push_str(&format!(
            "task t{t} \"T {t}\" {{ duration {}d{owner}{after}{broken} }}\n",
            1 + t % 5
        ));
    }
    text
}

/// A second handle helping gives what one handle alone gives.
#[test]
fn a_helper_gives_the_same_analysis() {
    let text = many_chunks();
    let alone = Database::once();
    let project = Project::single_file(&alone, "plan.prog", &text);
    let expected = analysis(&alone, project);
    let db = Database::once();
    let project = Project::single_file(&db, "plan.prog", &text);
    let ahead = prog_db::analyse_with_helper(&db, project, |db| analysis(db, project));
    assert_eq!(ahead, expected);
    assert!(expected.contains("nobody"), "the plan has unknown ids");
    assert!(expected.contains("over-allocated"), "and over-allocations");
}

/// An analysis that panics while the second handle waits for room (it has
/// lowered as far ahead as it may, and nothing is taken) panics, and does
/// not hang.
#[test]
fn a_panic_in_the_analysis_stops_the_helper() {
    let text = many_chunks();
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let db = Database::once();
        let project = Project::single_file(&db, "plan.prog", &text);
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            prog_db::analyse_with_helper(&db, project, |_| {
                std::thread::sleep(std::time::Duration::from_millis(200));
                panic!("the analysis fails")
            })
        }));
        let _ = done.send(outcome.is_err());
    });
    let panicked = finished.recv_timeout(std::time::Duration::from_secs(60));
    assert_eq!(panicked, Ok(true), "the panic came back, in time");
}
