//! From an edit to fresh diagnostics on a 10,000-task plan, against a cold
//! analysis of the same plan, and the same edits on a flat plan (10,000
//! tasks and 12,000 people, all top-level items; and 300,000 tasks and
//! 2,000 people, the language server bench's 20 MB plan). With the allocator of
//! the `prog` binary.

mod flat;

use divan::Bencher;
use prog_db::{Database, Project, SourceFile};
use salsa::Setter;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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

/// Sets the plan's text to each of `texts` in turn, and asks for the
/// diagnostics of the file in groups (what a language server publishes).
fn edit_then_diagnostics(bencher: Bencher, texts: [String; 2]) {
    edit_then(bencher, texts, |db, project, file| {
        prog_db::file_diagnostic_groups(db, project, file).len()
    });
}

fn edit_then(bencher: Bencher, texts: [String; 2], ask: fn(&Database, Project, SourceFile) -> usize) {
    let mut db = Database::default();
    let project = Project::single_file(&db, "plan.prog", &texts[0]);
    let root = *project.root(&db);
    ask(&db, project, root);
    let mut turn = 0;
    bencher
        .with_inputs(|| {
            turn += 1;
            texts[turn % 2].clone()
        })
        .bench_local_values(|text| {
            root.set_text(&mut db).to(text.into());
            ask(&db, project, root)
        });
}

#[divan::bench(sample_count = 50)]
fn duration_edit(bencher: Bencher) {
    let text = plan_text();
    let edited = edited(&text, "duration");
    edit_then_diagnostics(bencher, [text, edited]);
}

/// The same edit, then the file's diagnostics as one list in order (what
/// `prog check` prints): every one of them copied.
#[divan::bench(sample_count = 50)]
fn duration_edit_sorted(bencher: Bencher) {
    let text = plan_text();
    let edited = edited(&text, "duration");
    edit_then(bencher, [text, edited], |db, project, file| {
        prog_db::file_diagnostics(db, project, file).len()
    });
}

#[divan::bench(sample_count = 50)]
fn comment_edit(bencher: Bencher) {
    let text = plan_text();
    let edited = edited(&text, "comment");
    edit_then_diagnostics(bencher, [text, edited]);
}

/// Typing (then deleting) a character in the comment: every item after it
/// moves, so every diagnostic after it is placed again.
#[divan::bench(sample_count = 50)]
fn comment_typing(bencher: Bencher) {
    let text = plan_text();
    let typed = text.replacen("# a comment", "# a comments", 1);
    edit_then_diagnostics(bencher, [text, typed]);
}

/// The flat plan: 22,000 top-level items.
fn flat_text() -> String {
    flat::flat_plan(10_000, 12_000)
}

#[divan::bench(sample_count = 50)]
fn flat_duration_edit(bencher: Bencher) {
    let text = flat_text();
    let edited = edited(&text, "duration");
    edit_then_diagnostics(bencher, [text, edited]);
}

#[divan::bench(sample_count = 50)]
fn flat_comment_edit(bencher: Bencher) {
    let text = flat_text();
    let edited = edited(&text, "comment");
    edit_then_diagnostics(bencher, [text, edited]);
}

#[divan::bench(sample_count = 50)]
fn flat_comment_typing(bencher: Bencher) {
    let text = flat_text();
    let typed = text.replacen("# a comment", "# a comments", 1);
    edit_then_diagnostics(bencher, [text, typed]);
}

/// A flat plan of 10,000 tasks and 200 people (about 9,600 warnings, most
/// over-allocations): a duration edit moves the tasks after it, and so the
/// over-allocations of many people.
#[divan::bench(sample_count = 30)]
fn flat_200_people_duration_edit(bencher: Bencher) {
    let text = flat::flat_plan(10_000, 200);
    let edited = edited(&text, "duration");
    edit_then_diagnostics(bencher, [text, edited]);
}

/// The language server bench's 20 MB plan (300,000 tasks, 2,000 people):
/// a duration edit in its middle redoes the schedule of every task after
/// it.
#[divan::bench(sample_count = 10)]
fn huge_duration_edit(bencher: Bencher) {
    let text = flat::flat_plan(300_000, 2_000);
    let edited = edited(&text, "duration");
    edit_then_diagnostics(bencher, [text, edited]);
}
