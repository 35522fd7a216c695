//! Other programs a plan waits for (`from … milestone`), loaded and
//! analysed through the database.

use prog_db::{Database, MAX_PROGRAMS};

/// A plan whose milestone waits for the next plan's, at a new path each
/// time (as a link back into its own folder would make them): the loader
/// stops at its limit of programs, and the analysis still ends.
#[test]
fn an_endless_chain_of_plans_is_read_up_to_the_limit() {
    let mut db = Database::default();
    let mut reads = 0;
    let project = prog_db::load_plan_with(&mut db, "p/plan.prog", |path, _| {
        reads += 1;
        Ok(format!(
            "program x {{ start 2027-03-01 }}\nexternal e {{ from \"p/plan.prog\" milestone m }}\nmilestone m {{ after e }}\n# {path}\n"
        ))
    })
    .unwrap();
    // The plan itself, and as many as the limit that a `from` names.
    assert!(reads <= MAX_PROGRAMS + 2, "{reads} plans read");
    assert_eq!(prog_db::Programs::get(&db).plans(&db).len(), MAX_PROGRAMS + 1);
    // Past the limit a plan is not read: the last one's `from` says so
    // (P120), and each before it has a date (no P120).
    let programs = prog_db::Programs::get(&db).plans(&db).clone();
    let depth = |p: &prog_db::Project| p.root(&db).path(&db).len();
    let last = *programs.iter().max_by_key(|p| depth(p)).unwrap();
    let codes = |p: prog_db::Project| -> Vec<&'static str> {
        prog_db::diagnostics(&db, p)
            .iter()
            .map(|d| d.code.as_str())
            .collect()
    };
    let said = prog_db::diagnostics(&db, last)
        .iter()
        .any(|d| d.code.as_str() == "P120" && d.message.ends_with("not read, past the limit of 64 programs"));
    assert!(said, "{:?}", prog_db::diagnostics(&db, last));
    assert!(!codes(project).contains(&"P120"), "{:?}", codes(project));
}

/// Two plans in memory: the other plan's milestone moves, and so does this
/// plan's finish. 2027-03-01 is a Monday; `build` (10 days) ends Fri
/// 03-12, so `ga` is on 03-12 and `integrate` (5 days) runs Mon 03-15 to
/// Fri 03-19. At 12 days, `build` ends Tue 03-16 and `integrate` runs Wed
/// 03-17 to Tue 03-23.
#[test]
fn the_other_plans_edit_moves_this_plans_schedule() {
    use salsa::Setter;
    let platform =
        "program a { start 2027-03-01 }\ntask build { duration 10d }\nmilestone ga { after build }\n";
    let checkout = "program b { start 2027-03-01 }\nexternal g { from \"../a/plan.prog\" milestone ga }\ntask integrate { after g  duration 5d }\n";
    let mut db = Database::default();
    let project = prog_db::load_plan_with(&mut db, "b/plan.prog", |path, _| match path {
        "b/plan.prog" => Ok(checkout.to_string()),
        "a/plan.prog" => Ok(platform.to_string()),
        _ => Err("no such file".to_string()),
    })
    .unwrap();
    let finish = |db: &Database| {
        let schedule = prog_db::schedule(db, project);
        prog_db::work_calendar(db, project)
            .milestone_date(schedule.duration)
            .to_string()
    };
    assert_eq!(finish(&db), "2027-03-19");
    let programs = prog_db::Programs::get(&db).plans(&db).clone();
    let other = programs
        .iter()
        .find(|p| p.root(&db).path(&db) == "a/plan.prog")
        .unwrap();
    other
        .root(&db)
        .set_text(&mut db)
        .to(platform.replace("10d", "12d").into());
    assert_eq!(finish(&db), "2027-03-23");
}

/// A plan whose `from` names `to`'s milestone `m`.
fn waiting_for(to: &str) -> String {
    format!(
        "program x {{ start 2027-03-01 }}\nexternal e {{ from \"{to}\" milestone m }}\nmilestone m {{ after e }}\n"
    )
}

/// The messages of P122 of the plan at `root`, in memory: a waits for b,
/// b for c, c for a; r waits for a.
fn chain_errors(root: &str) -> Vec<String> {
    let mut db = Database::default();
    let project = prog_db::load_plan_with(&mut db, root, |path, _| {
        Ok(match path {
            "a.prog" => waiting_for("b.prog"),
            "b.prog" => waiting_for("c.prog"),
            "c.prog" => waiting_for("a.prog"),
            _ => waiting_for("a.prog"),
        })
    })
    .unwrap();
    prog_db::diagnostics(&db, project)
        .iter()
        .filter(|d| d.code.as_str() == "P122")
        .map(|d| d.message.clone())
        .collect()
}

#[test]
fn a_longer_chain_of_programs_is_named_whole() {
    assert_eq!(
        chain_errors("a.prog"),
        ["programs wait on each other: a.prog → b.prog → c.prog → a.prog"]
    );
    // A plan that waits for the chain without being in it: the chain is
    // named at its `from` too, since no date can come out of it.
    assert_eq!(
        chain_errors("r.prog"),
        ["programs wait on each other: a.prog → b.prog → c.prog → a.prog"]
    );
}
