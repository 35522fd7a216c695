//! Whatever the text, analysis answers with diagnostics, never a panic.

#[path = "../benches/flat/mod.rs"]
mod flat;

use prog_db::{Database, Project};
use proptest::prelude::*;
use salsa::Setter;

/// Every query a front end may ask, on a plan of one file.
fn analyze(text: &str) -> Vec<prog_sema::Diagnostic> {
    let db = Database::default();
    let project = Project::single_file(&db, "fuzz.prog", text);
    prog_db::schedule(&db, project);
    prog_db::load(&db, project);
    prog_db::diagnostics(&db, project).into_iter().cloned().collect()
}

fn prog_assert_same(
    db: &Database,
    project: Project,
    fresh: &Database,
    fresh_project: Project,
) -> Result<(), TestCaseError> {
    let items = |db: &Database, project: Project| {
        let root = *project.root(db);
        prog_db::file_items(db, root)
            .map(|i| (i.offset, i.import, i.text.to_string()))
            .collect::<Vec<_>>()
    };
    prop_assert_eq!(items(db, project), items(fresh, fresh_project));
    prop_assert_eq!(
        prog_db::diagnostics(db, project),
        prog_db::diagnostics(fresh, fresh_project)
    );
    prop_assert_eq!(
        prog_db::resolved(db, project),
        prog_db::resolved(fresh, fresh_project)
    );
    Ok(())
}

/// Applies `mutations` to `text` one by one in one database, and checks
/// after each that it answers as a fresh database given the same text.
fn edited_answers_like_fresh(mut text: String, mutations: &[Mutation]) -> Result<(), TestCaseError> {
    let mut db = Database::default();
    let project = Project::single_file(&db, "edited.prog", &text);
    let root = *project.root(&db);
    prog_db::diagnostics(&db, project);
    for m in mutations {
        text = apply(&text, m);
        root.set_text(&mut db).to(text.clone().into());
        let fresh = Database::default();
        let fresh_project = Project::single_file(&fresh, "edited.prog", &text);
        prog_assert_same(&db, project, &fresh, fresh_project)?;
    }
    Ok(())
}

/// The example plans and test fixtures: realistic text to mutate.
fn corpus() -> Vec<String> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let mut texts = Vec::new();
    for dir in ["examples", "tests/fixtures", "tests/fixtures/broken"] {
        let Ok(entries) = std::fs::read_dir(format!("{root}/{dir}")) else {
            continue;
        };
        for entry in entries.flatten() {
            if entry.path().extension().is_some_and(|e| e == "prog") {
                texts.push(std::fs::read_to_string(entry.path()).unwrap());
            }
        }
    }
    assert!(!texts.is_empty(), "no corpus found under {root}");
    texts
}

#[derive(Debug, Clone)]
enum Mutation {
    Delete(usize, usize),
    Insert(usize, String),
    Duplicate(usize, usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let snippet = prop_oneof![
        Just("{".to_string()),
        Just("}".to_string()),
        Just("\"".to_string()),
        Just("after ".to_string()),
        Just("-5d".to_string()),
        Just("2027-02-30".to_string()),
        Just("task".to_string()),
        Just("group g {".to_string()),
        "[ -~\\n]{0,12}",
    ];
    prop_oneof![
        (any::<usize>(), 0usize..40).prop_map(|(at, len)| Mutation::Delete(at, len)),
        (any::<usize>(), snippet).prop_map(|(at, s)| Mutation::Insert(at, s)),
        (any::<usize>(), 0usize..200, any::<usize>()).prop_map(|(a, l, b)| Mutation::Duplicate(a, l, b)),
    ]
}

fn apply(text: &str, m: &Mutation) -> String {
    let bytes = text.as_bytes();
    let at = |i: usize| {
        if bytes.is_empty() {
            0
        } else {
            i % (bytes.len() + 1)
        }
    };
    let mut out = bytes.to_vec();
    match m {
        Mutation::Delete(i, len) => {
            let start = at(*i);
            let end = (start + len).min(bytes.len());
            out.drain(start..end);
        }
        Mutation::Insert(i, s) => {
            let i = at(*i);
            out.splice(i..i, s.bytes());
        }
        Mutation::Duplicate(i, len, to) => {
            let start = at(*i);
            let end = (start + len).min(bytes.len());
            let piece = bytes[start..end].to_vec();
            let to = at(*to);
            out.splice(to..to, piece);
        }
    }
    // Mutations work on bytes; the analysis takes text, as the loader does.
    String::from_utf8_lossy(&out).into_owned()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_text_never_panics(text in "\\PC{0,300}") {
        analyze(&text);
    }

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        analyze(&String::from_utf8_lossy(&bytes));
    }

    /// The incremental path (re-cut items, anchored resolution, placing)
    /// gives what a fresh database gives, edit after edit.
    #[test]
    fn an_edited_database_answers_like_a_fresh_one(pick in any::<usize>(), mutations in proptest::collection::vec(mutation(), 1..6)) {
        let corpus = corpus();
        edited_answers_like_fresh(corpus[pick % corpus.len()].clone(), &mutations)?;
    }

    #[test]
    fn mutated_plans_never_panic(pick in any::<usize>(), mutations in proptest::collection::vec(mutation(), 1..6)) {
        let corpus = corpus();
        let mut text = corpus[pick % corpus.len()].clone();
        for m in &mutations {
            text = apply(&text, m);
        }
        for d in &analyze(&text) {
            prop_assert!(d.location.span.end() <= text.len());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// The same on a flat plan (every task and person a top-level item):
    /// hundreds of items in dozens of chunks, mutated anywhere.
    #[test]
    fn an_edited_flat_plan_answers_like_a_fresh_one(mutations in proptest::collection::vec(mutation(), 1..8)) {
        edited_answers_like_fresh(flat::flat_plan(300, 60), &mutations)?;
    }
}
