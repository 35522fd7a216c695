//! Cold analysis (what `prog check` does after reading the file) of the
//! plan shapes of the scale issue: flat plans of many people, and of a few
//! hundred people over a long span. With the allocator of the `prog` binary.

use divan::Bencher;
use prog_db::{Database, Project};
use prog_plan::generate::{self, Flat};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

fn cold(bencher: Bencher, shape: Flat) {
    let text = prog_tools::write_prog(&generate::flat(shape));
    bencher.bench(|| {
        let db = Database::default();
        let project = Project::single_file(&db, "plan.prog", &text);
        prog_db::diagnostics(&db, project).len()
    });
}

/// `proggen --shape flat --tasks 10000 --resources 12000`
#[divan::bench(sample_count = 5)]
fn flat_10k_tasks_12k_people(bencher: Bencher) {
    cold(
        bencher,
        Flat {
            tasks: 10_000,
            people: 12_000,
            years: None,
            seed: 1,
        },
    );
}

/// `proggen --shape flat --tasks 100000 --resources 400 --years 119`
#[divan::bench(sample_count = 3)]
fn flat_100k_tasks_400_people_119_years(bencher: Bencher) {
    cold(
        bencher,
        Flat {
            tasks: 100_000,
            people: 400,
            years: Some(119),
            seed: 1,
        },
    );
}
