//! Incrementality, proven by the queries salsa executes after each edit.

#[path = "../benches/flat/mod.rs"]
mod flat;

use prog_db::{AnalysisHost, Database, Project, Settings, SourceFile};
use salsa::Setter;

const ROOT: &str = r#"import "teams.prog"
program p "P" { start 2027-01-04 }
# the first task
task a "Alpha" { duration 2d owner alice }
task b "Beta" { duration 3d owner alice after a }
task c "Gamma" { duration 1d owner bob after a }
"#;
const TEAMS: &str = "person alice \"Alice\" { }\nperson bob \"Bob\" { capacity 50% }\n";

struct Fixture {
    db: Database,
    project: Project,
    root: SourceFile,
    teams: SourceFile,
}

fn fixture() -> Fixture {
    let db = Database::recording();
    let root = SourceFile::new(&db, "plan/root.prog".into(), ROOT.to_string().into());
    let teams = SourceFile::new(&db, "plan/teams.prog".into(), TEAMS.to_string().into());
    let settings = Settings::new(&db, true);
    let project = Project::new(&db, root, vec![root, teams], settings);
    let mut f = Fixture {
        db,
        project,
        root,
        teams,
    };
    f.analyze();
    f
}

impl Fixture {
    /// Asks for fresh diagnostics; returns the queries that had to run.
    fn analyze(&mut self) -> Vec<String> {
        self.db.take_executed();
        let diagnostics = prog_db::diagnostics(&self.db, self.project);
        assert!(
            diagnostics
                .iter()
                .all(|d| d.severity != prog_sema::Severity::Error),
            "{diagnostics:?}"
        );
        self.db.take_executed()
    }

    fn edit(&mut self, file: SourceFile, from: &str, to: &str) -> Vec<String> {
        let text = file.text(&self.db).replacen(from, to, 1);
        assert_ne!(text.as_str(), &**file.text(&self.db), "the edit changes nothing");
        file.set_text(&mut self.db).to(text.into());
        self.analyze()
    }
}

fn count(executed: &[String], query: &str) -> usize {
    executed.iter().filter(|q| q.as_str() == query).count()
}

#[test]
fn the_first_analysis_runs_every_query() {
    let db = Database::recording();
    let root = SourceFile::new(&db, "plan/root.prog".into(), ROOT.to_string().into());
    let teams = SourceFile::new(&db, "plan/teams.prog".into(), TEAMS.to_string().into());
    let project = Project::new(&db, root, vec![root, teams], Settings::new(&db, true));
    prog_db::diagnostics(&db, project);
    let executed = db.take_executed();
    for query in [
        "file_chunks",
        "lower_chunk",
        "resolution",
        "plan_shape",
        "schedule",
        "block_load",
        "overload_findings",
    ] {
        assert!(count(&executed, query) > 0, "{query} did not run: {executed:?}");
    }
    // One parse per chunk, while lowering it: each file's few items make
    // a chunk or two.
    let parses = count(&executed, "lower_chunk");
    assert!((2..=7).contains(&parses), "{parses} parses: {executed:?}");
    // No syntax tree is kept: the `import` and `program` items read for
    // the files and the baseline they name are parsed alone, not their
    // chunks; the editor's features ask for the trees.
    assert_eq!(count(&executed, "chunk_syntax"), 0, "{executed:?}");
}

#[test]
fn whitespace_edit_reparses_one_chunk_and_keeps_the_schedule() {
    let mut f = fixture();
    let executed = f.edit(f.root, "task b \"Beta\" {", "task b \"Beta\"    {");
    assert_eq!(count(&executed, "lower_chunk"), 1, "{executed:?}");
    // The statements after the whitespace moved, but resolution reads sites,
    // not spans: only placing runs again.
    assert_eq!(count(&executed, "resolution"), 0, "{executed:?}");
    assert_eq!(count(&executed, "plan_shape"), 0, "{executed:?}");
    assert_eq!(count(&executed, "schedule"), 0, "{executed:?}");
    assert_eq!(count(&executed, "load"), 0, "{executed:?}");
}

#[test]
fn comment_edit_keeps_the_schedule() {
    let mut f = fixture();
    let executed = f.edit(f.root, "# the first task", "# the first task, to start it all");
    assert_eq!(count(&executed, "lower_chunk"), 1, "{executed:?}");
    // Items moved, but no item's meaning changed: resolution stands too.
    assert_eq!(count(&executed, "resolution"), 0, "{executed:?}");
    assert_eq!(count(&executed, "schedule"), 0, "{executed:?}");
    assert_eq!(count(&executed, "load"), 0, "{executed:?}");
    assert_eq!(count(&executed, "schedule_findings"), 0, "{executed:?}");
}

#[test]
fn a_comment_edit_that_keeps_the_length_places_nothing_again() {
    let mut f = fixture();
    prog_db::file_diagnostics(&f.db, f.project, f.root);
    f.db.take_executed();
    let executed = f.edit(f.root, "# the first task", "# the first tusk");
    assert_eq!(count(&executed, "file_chunks"), 1, "{executed:?}");
    assert_eq!(count(&executed, "lower_chunk"), 1, "{executed:?}");
    assert_eq!(count(&executed, "resolution"), 0, "{executed:?}");
    assert_eq!(count(&executed, "placed_item_diagnostics"), 0, "{executed:?}");
    assert_eq!(count(&executed, "file_diagnostic_groups"), 0, "{executed:?}");
}

#[test]
fn diagnostics_follow_the_items_an_edit_moves() {
    let mut f = fixture();
    let first = |f: &Fixture| {
        let d = prog_db::file_diagnostics(&f.db, f.project, f.root)[0].clone();
        let text = f.root.text(&f.db);
        (
            d.location.span.start(),
            text[d.location.span.start()..d.location.span.end()].to_string(),
            d.message,
        )
    };
    let (before, written, message) = first(&f);
    assert!(before > ROOT.find("# the first task").unwrap(), "{message}");
    let executed = f.edit(f.root, "# the first task", "# the very first task");
    assert_eq!(count(&executed, "resolution"), 0, "{executed:?}");
    assert_eq!(first(&f), (before + "very ".len(), written, message));
    let site = prog_db::resolved(&f.db, f.project).source_map.tasks[2].name;
    assert_eq!(&f.root.text(&f.db)[site.span.start()..site.span.end()], "c");
}

#[test]
fn title_edit_keeps_the_schedule() {
    let mut f = fixture();
    let executed = f.edit(f.root, "\"Alpha\"", "\"Alpha, the first\"");
    assert_eq!(count(&executed, "lower_chunk"), 1, "{executed:?}");
    assert_eq!(count(&executed, "resolution"), 1, "{executed:?}");
    assert_eq!(count(&executed, "schedule"), 0, "{executed:?}");
    let plan = &prog_db::resolved(&f.db, f.project).plan;
    assert_eq!(plan.tasks[0].title.as_deref(), Some("Alpha, the first"));
}

#[test]
fn key_edit_keeps_the_schedule() {
    let mut f = fixture();
    let executed = f.edit(
        f.root,
        "duration 2d owner alice }",
        "duration 2d owner alice key \"17\" }",
    );
    assert_eq!(count(&executed, "resolution"), 1, "{executed:?}");
    assert_eq!(count(&executed, "schedule"), 0, "{executed:?}");
    let plan = &prog_db::resolved(&f.db, f.project).plan;
    assert_eq!(plan.tasks[0].key.as_deref(), Some("17"));
    assert_eq!(
        prog_db::plan_shape(&f.db, f.project).tasks[0].key.as_deref(),
        None
    );
}

#[test]
fn blocking_a_task_finds_it_without_scheduling_again() {
    let mut f = fixture();
    let executed = f.edit(
        f.root,
        "duration 2d owner alice }",
        "duration 2d owner alice blocked \"no access\" }",
    );
    // The people around the plan are kept out of the schedule's shape.
    assert_eq!(count(&executed, "resolution"), 1, "{executed:?}");
    assert_eq!(count(&executed, "schedule"), 0, "{executed:?}");
    assert_eq!(count(&executed, "people_findings"), 1, "{executed:?}");
    let diagnostics = prog_db::diagnostics(&f.db, f.project);
    assert!(
        diagnostics.iter().any(|d| d.code == prog_sema::Code::BlockedWork),
        "{diagnostics:?}"
    );
}

#[test]
fn duration_edit_reschedules() {
    let mut f = fixture();
    let before = prog_db::schedule(&f.db, f.project).duration;
    let executed = f.edit(f.root, "duration 2d", "duration 4d");
    assert_eq!(count(&executed, "lower_chunk"), 1, "{executed:?}");
    // A value changed, no name or reference: resolution stands, and so
    // do the declarations in error (no error changed).
    assert_eq!(count(&executed, "resolution"), 0, "{executed:?}");
    assert_eq!(count(&executed, "declarations_in_error"), 0, "{executed:?}");
    assert_eq!(count(&executed, "schedule"), 1, "{executed:?}");
    // The project's end moved: every resource's load covers more days
    // (alice and bob, with few tasks, are one block).
    assert_eq!(count(&executed, "block_load"), 1, "{executed:?}");
    let after = prog_db::schedule(&f.db, f.project).duration;
    assert_eq!((after - before).as_days(), 2.0);
}

/// After an edit of a value, the model scheduling reads is a new copy with
/// the new value, and its people are those of the copy before it, not
/// copied again.
#[test]
fn a_duration_edit_copies_the_tasks_and_shares_the_people() {
    let mut f = fixture();
    let before = prog_db::plan_shape(&f.db, f.project).clone();
    f.edit(f.root, "duration 2d", "duration 4d");
    let after = prog_db::plan_shape(&f.db, f.project);
    assert_ne!(before.tasks, after.tasks);
    assert_eq!(
        after.tasks[0].work,
        Some(prog_plan::WorkSpec::Duration(prog_plan::Work::days(4)))
    );
    assert!(std::ptr::eq(before.resources.as_ptr(), after.resources.as_ptr()));
    assert_eq!(after.resources.len(), 2);
}

/// People on one part-week calendar, each with tasks enough for a block of
/// their own, share one capacity profile, made once; the one with leave
/// has their own.
#[test]
fn people_of_different_blocks_share_their_capacity_profile() {
    let mut text =
        String::from("program p { start 2027-01-04 }\ncalendar four { workdays mon, tue, wed, thu }\n");
    text.push_str("person a { calendar four }\nperson b { calendar four }\n");
    text.push_str("person c { calendar four off 2027-02-01..2027-02-05 }\n");
    for t in 0..210 {
        let owner = ["a", "b", "c"][t % 3];
        text.push_str(&format!("task t{t} {{ duration 1d owner {owner} }}\n"));
    }
    let db = Database::default();
    let project = Project::single_file(&db, "plan.prog", &text);
    let capacity = |r: u32| prog_db::resource_load(&db, project, r).0.capacity.clone();
    assert!(std::sync::Arc::ptr_eq(&capacity(0), &capacity(1)));
    assert!(!std::sync::Arc::ptr_eq(&capacity(0), &capacity(2)));
    assert_eq!(
        prog_db::load(&db, project).profiles[2].capacity.at(20),
        0,
        "c is away"
    );
}

#[test]
fn dependency_edit_reschedules() {
    let mut f = fixture();
    let executed = f.edit(f.root, "owner alice after a }", "owner alice }");
    assert_eq!(count(&executed, "lower_chunk"), 1, "{executed:?}");
    assert_eq!(count(&executed, "schedule"), 1, "{executed:?}");
    assert!(prog_db::resolved(&f.db, f.project).plan.tasks[1].deps.is_empty());
}

/// The load reads a view of the plan that is equal while the ids, kinds,
/// assignments, resources and calendars are: a dependency edit does not
/// cut the resources into blocks again, an owner edit does, and the load
/// is then what a fresh analysis of the same text gives.
#[test]
fn the_load_follows_an_owner_edit_and_not_a_dependency_edit() {
    let mut f = fixture();
    let executed = f.edit(f.root, "owner alice after a }", "owner alice }");
    assert_eq!(count(&executed, "resource_blocks"), 0, "{executed:?}");
    let executed = f.edit(f.root, "duration 3d owner alice }", "duration 3d owner bob }");
    assert_eq!(count(&executed, "resource_blocks"), 1, "{executed:?}");
    let fresh = Database::default();
    let root = SourceFile::new(&fresh, "plan/root.prog".into(), f.root.text(&f.db).clone());
    let teams = SourceFile::new(&fresh, "plan/teams.prog".into(), TEAMS.to_string().into());
    let project = Project::new(&fresh, root, vec![root, teams], Settings::new(&fresh, true));
    let load = prog_db::load(&f.db, f.project);
    assert_eq!(load, prog_db::load(&fresh, project));
    // Bob (at 50%) now has b beside c on the first day: over-allocated.
    assert!(load.overloads.iter().any(|o| o.resource.index() == 1), "{load:?}");
}

#[test]
fn imported_file_edits_reach_the_plan() {
    let mut f = fixture();
    // A title in the imported file: the schedule stands.
    let executed = f.edit(f.teams, "\"Bob\"", "\"Bob Diaz\"");
    assert_eq!(count(&executed, "lower_chunk"), 1, "{executed:?}");
    assert_eq!(count(&executed, "schedule"), 0, "{executed:?}");
    // A capacity: the load is recomputed; nothing of the root file is parsed again.
    let executed = f.edit(f.teams, "capacity 50%", "capacity 20%");
    assert_eq!(count(&executed, "lower_chunk"), 1, "{executed:?}");
    assert!(count(&executed, "block_load") > 0, "{executed:?}");
    let overloads = &prog_db::load(&f.db, f.project).overloads;
    assert_eq!(overloads.len(), 1, "bob at 20% is over-allocated by a 100% task");
}

#[test]
fn a_write_cancels_a_running_read_without_deadlock() {
    let plan = prog_plan::generate::plan(30_000, 50, 3);
    let text = prog_tools::write_prog(&plan);
    let mut host = AnalysisHost::new(Database::default());
    let project = Project::single_file(host.db(), "big.prog", &text);
    let snapshot = host.snapshot();
    let (started, wait) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        snapshot.with(|db| {
            started.send(()).unwrap();
            prog_db::diagnostics(db, project).len()
        })
    });
    wait.recv().unwrap();
    // Blocks until the reader has been cancelled and dropped its snapshot.
    let root = project.root(host.db());
    root.set_text(host.db_mut())
        .to(text.replacen("duration", "effort", 1).into());
    assert!(reader.join().unwrap().is_err(), "the read was cancelled");
    // A fresh read after the write answers.
    let fresh = host.snapshot().with(|db| prog_db::schedule(db, project).duration);
    assert!(fresh.is_ok());
}

#[test]
fn file_diagnostics_are_placed_in_the_file_they_belong_to() {
    let mut f = fixture();
    let text = f.teams.text(&f.db).replacen("capacity 50%", "capacity 5x", 1);
    f.teams.set_text(&mut f.db).to(text.clone().into());
    let in_teams = prog_db::file_diagnostics(&f.db, f.project, f.teams);
    assert_eq!(in_teams.len(), 1, "{in_teams:?}");
    let span = in_teams[0].location.span;
    assert_eq!(&text[span.start()..span.end()], "5x");
    assert!(prog_db::file_diagnostics(&f.db, f.project, f.root).is_empty());
    let index = prog_db::line_index(&f.db, f.teams);
    assert_eq!(index.line_col(span.start()).line, 1);
}

/// Per-item lowering, anchored resolution and placing give what resolving
/// each whole file at once gives.
#[test]
fn resolved_matches_a_resolution_of_the_whole_file() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let mut checked = 0;
    for dir in ["examples", "tests/fixtures"] {
        for entry in std::fs::read_dir(format!("{root}/{dir}")).unwrap().flatten() {
            if entry.path().extension().is_none_or(|e| e != "prog") {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let parse = prog_syntax::parse(&text);
            if !parse.errors.is_empty() {
                continue;
            }
            let mut lowering = prog_sema::Diagnostics::default();
            let decls = prog_sema::lower_file(prog_sema::FileId(0), &parse.file, &mut lowering);
            let whole = prog_sema::resolve(vec![prog_sema::Piece {
                file: prog_sema::FileId(0),
                base: 0,
                decls: std::sync::Arc::new(decls),
                values: None,
            }]);
            let db = Database::default();
            let project = Project::single_file(&db, "p.prog", &text);
            let resolved = prog_db::resolved(&db, project);
            assert_eq!(resolved.source_map, whole.source_map, "{:?}", entry.path());
            assert_eq!(resolved.plan, whole.plan, "{:?}", entry.path());
            assert_eq!(resolved.diagnostics, whole.diagnostics, "{:?}", entry.path());
            checked += 1;
        }
    }
    assert!(checked >= 3, "only {checked} plans checked");
}

#[test]
fn a_duration_edit_places_again_only_the_over_allocations_it_changed() {
    // Enough tasks each that alice and bob have a block of their own.
    let text = include_str!("../../../tests/fixtures/two_blocks.prog");
    let mut db = Database::recording();
    let file = SourceFile::new(&db, "plan.prog".into(), text.to_string().into());
    let project = Project::new(&db, file, vec![file], Settings::new(&db, true));
    let groups = |db: &Database| prog_db::file_diagnostic_groups(db, project, file).clone();
    let of = |groups: &[std::sync::Arc<[prog_sema::Diagnostic]>], who: &str| {
        let found = groups.iter().find(|g| g[0].message.contains(who));
        found
            .unwrap_or_else(|| panic!("no group for {who}: {groups:?}"))
            .clone()
    };
    let before = groups(&db);
    db.take_executed();
    file.set_text(&mut db)
        .to(text.replacen("duration 3d", "duration 2d", 1).into());
    let after = groups(&db);
    let executed = db.take_executed();
    assert_eq!(count(&executed, "network"), 0, "{executed:?}");
    assert_eq!(count(&executed, "schedule"), 1, "{executed:?}");
    // The end stays (task a0 is the longest): Bob's load is not redone.
    assert_eq!(count(&executed, "block_load"), 1, "{executed:?}");
    assert_eq!(count(&executed, "placed_overloads"), 1, "{executed:?}");
    // Alice's over-allocation now ends a day earlier; Bob's is the very
    // same group as before, which a language server need not convert again.
    assert_ne!(of(&before, "`alice`"), of(&after, "`alice`"));
    assert!(std::sync::Arc::ptr_eq(
        &of(&before, "`bob`"),
        &of(&after, "`bob`")
    ));
    // In order, they are what `file_diagnostics` gives.
    let mut flat: Vec<_> = after.iter().flat_map(|g| g.iter()).collect();
    flat.sort_by_key(|d| (d.location.span.start(), d.location.span.end()));
    assert_eq!(flat, prog_db::file_diagnostics(&db, project, file));
}

/// The load gathered resource by resource is the load of the whole plan.
#[test]
fn the_load_gathered_per_resource_is_the_plan_load() {
    let text = prog_tools::write_prog(&prog_plan::generate::plan(600, 12, 5));
    let mut db = Database::default();
    let project = Project::single_file(&db, "plan.prog", &text);
    let whole = |db: &Database| {
        prog_plan::load(
            prog_db::plan_shape(db, project),
            prog_db::schedule(db, project),
            prog_db::work_calendar(db, project),
        )
    };
    assert!(!prog_db::load(&db, project).overloads.is_empty());
    assert_eq!(prog_db::load(&db, project), &whole(&db));
    let root = *project.root(&db);
    let edited = text.replacen("duration 3d", "duration 9d", 3);
    assert_ne!(edited, text);
    root.set_text(&mut db).to(edited.into());
    assert_eq!(prog_db::load(&db, project), &whole(&db));
}

/// On a flat plan (6,000 top-level items) an edit's work follows the edit:
/// salsa runs and verifies far fewer queries than there are items (items
/// are memoised in chunks, resources in blocks), and the answer is what a
/// fresh analysis gives.
#[test]
fn an_edit_of_a_flat_plan_touches_far_fewer_queries_than_items() {
    let text = flat::flat_plan(3_000, 3_000);
    let digit = text[text.len() / 2..].find("duration ").unwrap() + text.len() / 2 + "duration ".len();
    let other = if &text[digit..digit + 1] == "9" { "8" } else { "9" };
    let edits = [
        text.replacen("# a comment", "# a commant", 1),
        format!("{}{other}{}", &text[..digit], &text[digit + 1..]),
        text.replacen("# a comment", "# a longer comment", 1),
    ];
    let mut db = Database::recording();
    let project = Project::single_file(&db, "flat.prog", &text);
    let root = *project.root(&db);
    prog_db::file_diagnostic_groups(&db, project, root);
    for edited in edits {
        db.take_executed();
        db.take_validated();
        root.set_text(&mut db).to(edited.clone().into());
        prog_db::file_diagnostic_groups(&db, project, root);
        let (executed, validated) = (db.take_executed(), db.take_validated());
        assert!(
            executed.len() + validated.len() < 6_000 / 4,
            "{} executed, {} validated",
            executed.len(),
            validated.len()
        );
        assert!(count(&executed, "lower_chunk") <= 2, "{executed:?}");
        let fresh = Database::default();
        let fresh_project = Project::single_file(&fresh, "flat.prog", &edited);
        assert_eq!(
            prog_db::diagnostics(&db, project),
            prog_db::diagnostics(&fresh, fresh_project)
        );
    }
}
