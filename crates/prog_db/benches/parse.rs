//! Cold parse throughput (lex and parse, no lowering or analysis) on a
//! plan of about 20 MB, in the two ways the tools meet it: the whole text
//! as one parse, and item by item as the database cuts and parses it.
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
