//! Cold parse throughput (lex and parse, no lowering or analysis) on plans
//! of 11 to 15 MB, in the ways the tools meet it: the whole text as one
//! parse; item by item as the database cuts it and the editor's features
//! parse it (with the tokens kept); and item by item as an analysis parses
//! (`parse_tree`, the tokens dropped).
//! `cargo bench -p prog_db --bench parse`; divan prints bytes per second.

use divan::Bencher;
use divan::counter::BytesCount;
use prog_db::{Database, Project};
use prog_plan::generate::{self, Flat};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

/// Work packages in groups, titles, owners, dependencies with lags:
/// `generate::plan(160_000, 400, 1)`, about 20 MB.
fn nested() -> String {
    prog_tools::write_prog(&generate::plan(160_000, 400, 1))
}

/// Flat: every task at the top level, `proggen --shape flat`.
fn flat() -> String {
    prog_tools::write_prog(&generate::flat(Flat {
        tasks: 200_000,
        people: 400,
        years: Some(20),
        seed: 1,
    }))
}

// What a bench returns is dropped after it is timed: freeing the trees is
// not part of parsing them.
fn whole(bencher: Bencher, text: String) {
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| prog_syntax::parse(&text));
}

fn by_item(bencher: Bencher, text: String) {
    bencher.counter(BytesCount::of_str(&text)).bench(|| {
        let db = Database::default();
        let project = Project::single_file(&db, "plan.prog", &text);
        prog_db::file_items(&db, *project.root(&db)).count();
        db
    });
}

/// The items of a generated plan: each top-level item starts a line
/// with its keyword.
fn items(text: &str) -> Vec<&str> {
    let mut starts: Vec<usize> = text
        .match_indices('\n')
        .map(|(i, _)| i + 1)
        .filter(|&i| text[i..].starts_with(|c: char| c.is_ascii_lowercase()))
        .collect();
    starts.insert(0, 0);
    let ends = starts.iter().skip(1).copied().chain([text.len()]);
    starts.iter().zip(ends).map(|(&s, e)| &text[s..e]).collect()
}

fn trees(bencher: Bencher, text: String) {
    let items = items(&text);
    bencher.counter(BytesCount::of_str(&text)).bench(|| {
        items
            .iter()
            .map(|item| prog_syntax::parse_tree(item))
            .collect::<Vec<_>>()
    });
}

#[divan::bench(sample_count = 5)]
fn nested_trees(bencher: Bencher) {
    trees(bencher, nested());
}

#[divan::bench(sample_count = 5)]
fn flat_trees(bencher: Bencher) {
    trees(bencher, flat());
}

#[divan::bench(sample_count = 5)]
fn nested_whole(bencher: Bencher) {
    whole(bencher, nested());
}

#[divan::bench(sample_count = 5)]
fn nested_by_item(bencher: Bencher) {
    by_item(bencher, nested());
}

#[divan::bench(sample_count = 5)]
fn flat_whole(bencher: Bencher) {
    whole(bencher, flat());
}

#[divan::bench(sample_count = 5)]
fn flat_by_item(bencher: Bencher) {
    by_item(bencher, flat());
}
