//! IDE features as data: one `check_*` per feature runs it on a small
//! fixture with a `$0` cursor and renders the answer into the text (or
//! beside it), and the rendering is an insta snapshot in `snapshots/`.
//! Review a changed snapshot with `cargo insta review`.

mod fixture;

use fixture::Fixture;
use prog_ide::*;

/// A small plan: `a` (2d) then `b` (3d) on the critical path, `c` (1d)
/// beside them with 4 days of float, `ship` after both.
const PLAN: &str = r#"program p "P" { start 2027-01-04 }
person ann "Ann" { capacity 100% }
task a "Alpha" { duration 2d  owner ann }
task b "Beta" { duration 3d  after a }
task c "Gamma" { duration 1d }
milestone ship "Ship" { after b, c }
"#;

/// The text of the fixture's file with `[` `]` around each span.
fn bracketed(f: &Fixture, spans: &[Span]) -> String {
    let mut marks = Vec::new();
    for span in spans {
        marks.push((span.end(), "]".to_string()));
        marks.push((span.start(), "[".to_string()));
    }
    f.annotate(f.file, &marks)
}

fn check_hover(fixture: &str, name: &str) {
    let f = Fixture::new(fixture);
    let answer = match hover(&f.db, f.project, f.position()) {
        Some(h) => format!("{}\n---\n{}", bracketed(&f, &[h.span]), h.markdown),
        None => "no hover".to_string(),
    };
    insta::assert_snapshot!(name, answer);
}

fn check_inlay_hints(fixture: &str, name: &str) {
    let f = Fixture::new(fixture);
    let hints = inlay_hints(&f.db, f.project, f.file, None, InlayHintsConfig::default());
    let marks: Vec<(usize, String)> = hints
        .iter()
        .map(|h| (h.offset, format!(" «{}»", h.label)))
        .collect();
    insta::assert_snapshot!(name, f.annotate(f.file, &marks));
}

fn check_semantic_tokens(fixture: &str, name: &str) {
    let f = Fixture::new(fixture);
    let tokens = semantic_tokens(&f.db, f.project, f.file, None);
    let mut marks = Vec::new();
    for t in &tokens {
        let mut label = t.token_type.name().to_string();
        for (bit, modifier) in TokenModifiers::NAMES.iter().enumerate() {
            if t.modifiers.contains(TokenModifiers(1 << bit)) {
                label.push('.');
                label.push_str(modifier);
            }
        }
        marks.push((t.span.end(), format!("]{{{label}}}")));
        marks.push((t.span.start(), "[".to_string()));
    }
    insta::assert_snapshot!(name, f.annotate(f.file, &marks));
}

fn check_completion(fixture: &str, name: &str) {
    let f = Fixture::new(fixture);
    let items = completions(&f.db, f.project, f.position());
    let list: Vec<String> = items
        .iter()
        .map(|c| format!("{:?} {} {}", c.kind, c.label, c.detail.as_deref().unwrap_or("")))
        .map(|line| line.trim_end().to_string())
        .collect();
    insta::assert_snapshot!(name, list.join("\n"));
}

/// References (with the definition) and highlights agree on the spans in
/// one file; the snapshot shows the references, `+` for the definition.
fn check_references(fixture: &str, name: &str) {
    let f = Fixture::new(fixture);
    let refs = references(&f.db, f.project, f.position(), true);
    let mut marks = Vec::new();
    for r in refs.iter().filter(|r| r.range.file == f.file) {
        let open = if r.is_definition { "[+" } else { "[" };
        marks.push((r.range.span.end(), "]".to_string()));
        marks.push((r.range.span.start(), open.to_string()));
    }
    let highlighted: Vec<Span> = highlights(&f.db, f.project, f.position())
        .iter()
        .map(|h| h.span)
        .collect();
    let mut referenced: Vec<Span> = refs
        .iter()
        .filter(|r| r.range.file == f.file)
        .map(|r| r.range.span)
        .collect();
    referenced.sort_by_key(|s| s.start());
    assert_eq!(
        highlighted, referenced,
        "highlights are the references in one file"
    );
    insta::assert_snapshot!(name, f.annotate(f.file, &marks));
}

fn check_definition(fixture: &str, name: &str) {
    let f = Fixture::new(fixture);
    let answer = match goto_definition(&f.db, f.project, f.position()) {
        Some(target) => {
            let path = target.file.path(&f.db).clone();
            let text = f.text(target.file);
            format!("{path}: {}", &text[target.span.start()..target.span.end()])
        }
        None => "no definition".to_string(),
    };
    insta::assert_snapshot!(name, answer);
}

fn check_rename(fixture: &str, new_name: &str, name: &str) {
    let f = Fixture::new(fixture);
    let answer = match rename(&f.db, f.project, f.position(), new_name) {
        Ok(change) => f
            .files
            .iter()
            .map(|file| format!("//- {}\n{}", file.path(&f.db), f.apply(&change, *file)))
            .collect::<Vec<_>>()
            .join(""),
        Err(message) => format!("error: {message}"),
    };
    insta::assert_snapshot!(name, answer);
}

fn check_folding(fixture: &str, name: &str) {
    let f = Fixture::new(fixture);
    let spans: Vec<Span> = folding_ranges(&f.db, f.file)
        .iter()
        .map(|fold| fold.span)
        .collect();
    insta::assert_snapshot!(name, bracketed(&f, &spans));
}

fn check_symbols(fixture: &str, name: &str) {
    fn render(symbols: &[Symbol], depth: usize, out: &mut String) {
        for s in symbols {
            let detail = s.detail.as_deref().unwrap_or("");
            out.push_str(&format!(
                "{}{:?} {} {detail}\n",
                "  ".repeat(depth),
                s.kind,
                s.name
            ));
            render(&s.children, depth + 1, out);
        }
    }
    let f = Fixture::new(fixture);
    let mut out = String::new();
    render(&document_symbols(&f.db, f.file), 0, &mut out);
    insta::assert_snapshot!(name, out);
}

fn check_code_lenses(fixture: &str, name: &str) {
    let f = Fixture::new(fixture);
    let lenses = code_lenses(&f.db, f.project, f.file);
    let marks: Vec<(usize, String)> = lenses
        .iter()
        .map(|l| (l.span.start(), format!("«{}» ", l.title)))
        .collect();
    insta::assert_snapshot!(name, f.annotate(f.file, &marks));
}

fn check_call_hierarchy(fixture: &str, name: &str) {
    let f = Fixture::new(fixture);
    let answer = match prepare_call_hierarchy(&f.db, f.project, f.position()) {
        Some(item) => {
            let names = |items: Vec<CallItem>| items.iter().map(|c| c.name.clone()).collect::<Vec<_>>();
            format!(
                "{}\nincoming (predecessors): {:?}\noutgoing (successors): {:?}",
                item.name,
                names(incoming_calls(&f.db, f.project, &item.name)),
                names(outgoing_calls(&f.db, f.project, &item.name)),
            )
        }
        None => "no item".to_string(),
    };
    insta::assert_snapshot!(name, answer);
}

fn check_semantic_tokens_in_range(fixture: &str, name: &str) {
    let f = Fixture::new(fixture);
    let tokens = semantic_tokens(&f.db, f.project, f.file, Some(f.span));
    let spans: Vec<Span> = tokens.iter().map(|t| t.span).collect();
    insta::assert_snapshot!(name, bracketed(&f, &spans));
}

fn check_selection_ranges(fixture: &str, name: &str) {
    let f = Fixture::new(fixture);
    let text = f.text(f.file);
    let chains = selection_ranges(&f.db, f.file, &[f.span.start()]);
    let shown: Vec<String> = chains[0]
        .iter()
        .map(|s| text[s.start()..s.end()].replace('\n', "⏎"))
        .collect();
    insta::assert_snapshot!(name, shown.join("\n"));
}

fn check_workspace_symbols(fixture: &str, query: &str, name: &str) {
    let f = Fixture::new(fixture);
    let found: Vec<String> = workspace_symbols(&f.db, f.project, query)
        .into_iter()
        .map(|s| format!("{:?} {} {}", s.kind, s.name, s.detail.unwrap_or_default()))
        .collect();
    insta::assert_snapshot!(name, format!("{query}:\n{}", found.join("\n")));
}

fn check_critical_path(fixture: &str, name: &str) {
    let f = Fixture::new(fixture);
    let path: Vec<String> = critical_path(&f.db, f.project)
        .into_iter()
        .map(|s| s.id)
        .collect();
    insta::assert_snapshot!(name, path.join(" → "));
}

fn check_prepare_rename(fixture: &str, name: &str) {
    let f = Fixture::new(fixture);
    let answer = match prepare_rename(&f.db, f.project, f.position()) {
        Ok(span) => bracketed(&f, &[span]),
        Err(message) => format!("error: {message}"),
    };
    insta::assert_snapshot!(name, answer);
}

/// A plan with a risk, an approval, a team, a deadline and a person with
/// two tasks at once.
const RICH: &str = r#"program p "P" { start 2027-01-04 }
person ann "Ann Lee" { capacity 100% }
team ops "Ops" { capacity 4 }
task a "Alpha" { duration 3d  owner ann }
task b "Beta" { duration 2d  owner ann }
task c "Gamma" { duration 5d  assign ops 2  after a  deadline 2027-01-08 }
milestone ship "Ship" { after b, c }
risk late "Vendor late" {
  probability 40%
  impact 5d
  affects c
  owner ann
  mitigation "Mock it"
}
approval go "Go" { gates ship  approvers ann  status pending }
"#;

#[test]
fn hover_on_a_reference() {
    check_hover(&PLAN.replacen("after a ", "after $0a ", 1), "hover_reference");
}

#[test]
fn hover_off_an_id() {
    check_hover(&PLAN.replacen("duration 3d", "dura$0tion 3d", 1), "hover_off_id");
}

#[test]
fn inlay_hints_after_headers() {
    check_inlay_hints(PLAN, "inlay_hints");
}

#[test]
fn semantic_tokens_mark_the_critical_path() {
    check_semantic_tokens(PLAN, "semantic_tokens");
}

#[test]
fn completion_after_after() {
    check_completion(
        &PLAN.replacen("after b, c", "after b, $0", 1),
        "completion_dependency",
    );
}

#[test]
fn references_of_a_task() {
    check_references(&PLAN.replacen("task a ", "task $0a ", 1), "references_task");
}

#[test]
fn definition_across_files() {
    check_definition(
        "program p \"P\" { start 2027-01-04 }\nimport \"teams.prog\"\ntask a \"A\" { duration 1d owner a$0nn }\n//- teams.prog\nperson ann \"Ann\" { }\n",
        "definition_imported",
    );
}

#[test]
fn rename_across_files() {
    check_rename(
        "program p \"P\" { start 2027-01-04 }\nimport \"teams.prog\"\ntask a \"A\" { duration 1d owner a$0nn }\n//- teams.prog\nperson ann \"Ann\" { }\n",
        "anna",
        "rename_imported",
    );
}

#[test]
fn rename_to_a_taken_id_is_refused() {
    check_rename(&PLAN.replacen("after a", "after $0a", 1), "b", "rename_taken");
}

#[test]
fn folding_bodies_and_comments() {
    check_folding("# one\n# two\ntask a \"A\" {\n  duration 1d\n}\n", "folding");
}

#[test]
fn document_symbols_nest_groups() {
    check_symbols(
        "program p \"P\" { start 2027-01-04 }\ngroup g \"G\" {\n  task a \"A\" { duration 1d }\n}\n",
        "symbols",
    );
}

#[test]
fn code_lenses_over_milestones() {
    check_code_lenses(PLAN, "code_lenses");
}

#[test]
fn call_hierarchy_over_dependencies() {
    check_call_hierarchy(&PLAN.replacen("task b ", "task $0b ", 1), "call_hierarchy");
}

/// A token never takes in the `\r` of a CRLF line end.
#[test]
fn semantic_tokens_stop_before_a_carriage_return() {
    let text = "# ab cd\r\ntask a \"A\r\nprogram p \"P\" { start 2027-01-04 }\r\n";
    // Not a fixture: fixtures are read by lines, which drops the `\r`s.
    let db = prog_db::Database::default();
    let project = prog_db::Project::single_file(&db, "crlf.prog", text);
    let tokens = semantic_tokens(&db, project, *project.root(&db), None);
    let shown: Vec<&str> = tokens
        .iter()
        .map(|t| &text[t.span.start()..t.span.end()])
        .collect();
    assert_eq!(shown[0], "# ab cd", "the comment");
    assert_eq!(shown[3], "\"A", "the unterminated title");
    assert!(shown.iter().all(|t| !t.contains('\r')), "{shown:?}");
}

#[test]
fn hover_on_a_milestone_shows_its_gate_and_forecast() {
    check_hover(&RICH.replacen("gates ship", "gates sh$0ip", 1), "hover_milestone");
}

#[test]
fn hover_on_a_task_shows_risks_and_lateness() {
    check_hover(&RICH.replacen("affects c", "affects $0c", 1), "hover_task_risk");
}

#[test]
fn hover_on_a_person_shows_over_allocation() {
    check_hover(&RICH.replacen("person ann", "person a$0nn", 1), "hover_person");
}

#[test]
fn hover_past_the_end_is_nothing() {
    check_hover(&format!("{RICH}$0"), "hover_past_end");
}

#[test]
fn inlay_hints_show_lateness() {
    check_inlay_hints(RICH, "inlay_hints_late");
}

#[test]
fn semantic_tokens_of_a_range_stay_inside_it() {
    check_semantic_tokens_in_range(
        &RICH
            .replacen("task b", "$0task b", 1)
            .replacen("task c", "$0task c", 1),
        "semantic_tokens_range",
    );
}

#[test]
fn completion_in_a_task_body() {
    check_completion(
        &PLAN.replacen("owner ann }", "owner ann  $0}", 1),
        "completion_body",
    );
}

#[test]
fn completion_at_the_top_level() {
    check_completion(&format!("{PLAN}$0\n"), "completion_top_level");
}

#[test]
fn completion_after_assign() {
    check_completion(
        &RICH.replacen("assign ops", "assign $0ops", 1),
        "completion_assign",
    );
}

#[test]
fn completion_inside_a_title_is_nothing() {
    check_completion(&PLAN.replacen("\"Beta\"", "\"Be$0ta\"", 1), "completion_title");
}

#[test]
fn rename_to_a_keyword_or_a_bad_id_is_refused() {
    check_rename(
        &PLAN.replacen("task a ", "task $0a ", 1),
        "task",
        "rename_keyword",
    );
    check_rename(&PLAN.replacen("task a ", "task $0a ", 1), "9x", "rename_bad_id");
}

#[test]
fn prepare_rename_on_a_keyword_is_refused() {
    check_prepare_rename(
        &PLAN.replacen("start 2027", "st$0art 2027", 1),
        "prepare_rename_keyword",
    );
}

#[test]
fn prepare_rename_on_an_id() {
    check_prepare_rename(&PLAN.replacen("after a", "after $0a", 1), "prepare_rename_id");
}

#[test]
fn references_of_a_person_across_files() {
    check_references(
        "program p { start 2027-01-04 }\nimport \"teams.prog\"\ntask a { duration 1d  owner ali$0ce }\ntask b { duration 1d  assign alice 50% }\n//- teams.prog\nperson alice { capacity 100% }\n",
        "references_imported",
    );
}

#[test]
fn workspace_symbols_match_ids_fuzzily_and_titles() {
    let plan = "program p { start 2027-01-04 }\ngroup launch \"Launch work\" {\n  task prep \"Prepare\" { duration 1d }\n  group inner { milestone done_it { after prep } }\n}\n";
    check_workspace_symbols(plan, "dnt", "workspace_symbols_fuzzy");
    check_workspace_symbols(plan, "prepare", "workspace_symbols_title");
}

#[test]
fn selection_ranges_grow_from_an_id() {
    check_selection_ranges(&PLAN.replacen("after a ", "after $0a ", 1), "selection_ranges");
}

#[test]
fn the_critical_path_first_to_last() {
    check_critical_path(PLAN, "critical_path");
}
