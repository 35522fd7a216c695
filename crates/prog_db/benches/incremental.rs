//! From an edit to fresh diagnostics on a 10,000-task plan, against a cold
//! analysis of the same plan.

use divan::Bencher;
use prog_db::{Database, Project};
use salsa::Setter;

fn main() {
    divan::main();
}

const TASKS: usize = 10_000;

/// A generated plan as text, with a comment line in its middle.
fn plan_text() -> String {
    let text = prog_tools::write_prog(&prog_plan::generate::plan(TASKS, 50, 1));
    let middle = text[text.len() / 2..]
        .find('\n')
        .map_or(0, |i| text.len() / 2 + i + 1);
    format!("{}# a comment\n{}", &text[..middle], &text[middle..])
}

/// The text with one character changed: a duration digit, or a comment letter.
fn edited(text: &str, what: &str) -> String {
    let at = match what {
        "duration" => text[text.len() / 2..].find("duration ").unwrap() + text.len() / 2 + "duration ".len(),
        _ => text.find("# a comment").unwrap() + "# a ".len(),
    };
    let old = text.as_bytes()[at];
    let new = if old == b'9' || old == b'c' { b'2' } else { old + 1 };
    let mut bytes = text.as_bytes().to_vec();
    bytes[at] = new;
    String::from_utf8(bytes).unwrap()
}

#[divan::bench(sample_count = 10)]
fn cold_analysis(bencher: Bencher) {
    let text = plan_text();
    bencher.bench(|| {
        let db = Database::default();
        let project = Project::single_file(&db, "plan.prog", &text);
        prog_db::diagnostics(&db, project).len()
    });
}

fn edit_then_diagnostics(bencher: Bencher, what: &str) {
    let text = plan_text();
    let texts = [text.clone(), edited(&text, what)];
    let mut db = Database::default();
    let project = Project::single_file(&db, "plan.prog", &text);
    prog_db::diagnostics(&db, project);
    let root = *project.root(&db);
    let mut turn = 0;
    bencher
        .with_inputs(|| {
            turn += 1;
            texts[turn % 2].clone()
        })
        .bench_local_values(|text| {
            root.set_text(&mut db).to(text);
            prog_db::diagnostics(&db, project).len()
        });
}

#[divan::bench(sample_count = 50)]
fn duration_edit(bencher: Bencher) {
    edit_then_diagnostics(bencher, "duration");
}

#[divan::bench(sample_count = 50)]
fn comment_edit(bencher: Bencher) {
    edit_then_diagnostics(bencher, "comment");
}
