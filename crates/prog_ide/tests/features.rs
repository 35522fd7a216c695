//! IDE features on fixtures with a `$0` cursor.

mod fixture;

use fixture::Fixture;
use prog_ide::*;

/// The contract plan (tests/fixtures/contract.prog), with a task off the critical path.
const PLAN: &str = r#"program checkout_v2 "Checkout v2 rollout" { start 2027-01-04 }

person alice "Alice Chen" { capacity 100% }
person bob "Bob Diaz" { capacity 50% }
team backend "Backend engineers" { capacity 4 }

task kickoff "Kick-off" { duration 1d  owner alice }

task api "Design the payments API" {
  duration 5d
  owner alice
  after kickoff
}

task build "Build service" {
  duration 2w
  assign backend 2
  after api +2d
}

task docs "Write the docs" { duration 3d  assign bob 50%  after api }

milestone ready "Ready for launch" { after build, docs }

risk vendor "Vendor sandbox late" {
  probability 40%
  impact 5d
  affects build
  owner bob
  mitigation "Mock the vendor in staging"
}

approval go_live "Go/no-go" {
  gates ready
  approvers alice, bob
  status pending
}
"#;

fn with_cursor(before: &str, after: &str) -> Fixture {
    Fixture::new(&PLAN.replacen(before, after, 1))
}

#[test]
fn hover_on_a_task_reference_shows_its_schedule_and_context() {
    let f = with_cursor("after api +2d", "after a$0pi +2d");
    let hover = hover(&f.db, f.project, f.position()).expect("a hover");
    assert_eq!(&f.text(f.file)[hover.span.start..hover.span.end], "api");
    let md = hover.markdown;
    assert!(md.starts_with("task `api` — Design the payments API"), "{md}");
    assert!(md.contains("**2027-01-05** → **2027-01-11** (5d)"), "{md}");
    assert!(md.contains("es 1 · ef 6 · ls 1 · lf 6"), "{md}");
    assert!(
        md.contains("total float 0d · free float 0d · **critical**"),
        "{md}"
    );
    assert!(md.contains("driven by `after kickoff`"), "{md}");
    assert!(md.contains("owner: `alice`"), "{md}");
}

#[test]
fn hover_names_risks_approvals_and_float() {
    let f = with_cursor("task docs", "task d$0ocs");
    let md = hover(&f.db, f.project, f.position()).unwrap().markdown;
    // docs runs days 6..9 and ready waits for build until day 18.
    assert!(md.contains("total float 9d"), "{md}");
    assert!(md.contains("not critical"), "{md}");
    assert!(md.contains("assigned: `bob` 50%"), "{md}");

    let f = with_cursor("affects build", "affects bu$0ild");
    let md = hover(&f.db, f.project, f.position()).unwrap().markdown;
    assert!(md.contains("risks: `vendor` (40% × 5d)"), "{md}");
    assert!(md.contains("assigned: `backend` ×2"), "{md}");

    let f = with_cursor("gates ready", "gates rea$0dy");
    let md = hover(&f.db, f.project, f.position()).unwrap().markdown;
    assert!(md.starts_with("milestone `ready`"), "{md}");
    assert!(md.contains("on **2027-01-27**"), "{md}");
    assert!(md.contains("gated by: `go_live` (pending)"), "{md}");
    // The vendor risk (40% × 5d on the critical build) moves P80 by 5 days.
    assert!(
        md.contains("forecast: P50 **2027-01-27** · P80 **2027-02-03**"),
        "{md}"
    );
}

#[test]
fn hover_on_a_person_shows_load_and_over_allocation() {
    let plan = PLAN.replace(
        "task docs \"Write the docs\" { duration 3d  assign bob 50%  after api }",
        "task docs \"Write the docs\" { duration 3d  owner alice  after kickoff }",
    );
    let f = Fixture::new(&plan.replacen("person alice", "person al$0ice", 1));
    let md = hover(&f.db, f.project, f.position()).unwrap().markdown;
    assert!(md.starts_with("person `alice` — Alice Chen"), "{md}");
    assert!(md.contains("capacity 100%"), "{md}");
    assert!(md.contains("**over-allocated** in 1 interval:"), "{md}");
    assert!(
        md.contains("2027-01-05 – 2027-01-07: 200% of 100% (`api`, `docs`)"),
        "{md}"
    );
}

#[test]
fn hover_is_empty_off_ids_and_past_the_end() {
    let f = with_cursor("duration 5d", "dura$0tion 5d");
    assert_eq!(hover(&f.db, f.project, f.position()), None);
    let f = Fixture::new(PLAN);
    let past = FilePosition {
        file: f.file,
        offset: PLAN.len() + 100,
    };
    assert_eq!(hover(&f.db, f.project, past), None);
}

#[test]
fn inlay_hints_show_float_critical_and_lateness() {
    let plan = PLAN.replace("after kickoff\n}", "after kickoff\n  deadline 2027-01-08\n}");
    let f = Fixture::new(&plan);
    let hints = inlay_hints(&f.db, f.project, f.file, None, InlayHintsConfig::default());
    let marks: Vec<(usize, String)> = hints
        .iter()
        .map(|h| (h.offset, format!(" [{}]", h.label)))
        .collect();
    let shown = f.annotate(f.file, &marks);
    assert!(shown.contains("task kickoff \"Kick-off\" [1d late] {"), "{shown}");
    assert!(
        shown.contains("task api \"Design the payments API\" [1d late] {"),
        "{shown}"
    );
    assert!(
        shown.contains("task docs \"Write the docs\" [float 9d] {"),
        "{shown}"
    );
    assert!(
        shown.contains("milestone ready \"Ready for launch\" [critical] {"),
        "{shown}"
    );
    assert_eq!(hints.len(), 5, "one per task and milestone");

    let off = inlay_hints(&f.db, f.project, f.file, None, InlayHintsConfig { float: false });
    assert!(off.is_empty());
}

#[test]
fn semantic_tokens_mark_critical_ids_at_definitions_and_references() {
    let f = Fixture::new(PLAN);
    let tokens = semantic_tokens(&f.db, f.project, f.file, None);
    let text = f.text(f.file);
    let critical: Vec<&str> = tokens
        .iter()
        .filter(|t| t.modifiers.contains(TokenModifiers::CRITICAL))
        .map(|t| &text[t.span.start..t.span.end])
        .collect();
    // kickoff, api, build and ready at their definitions and every reference.
    assert_eq!(
        critical,
        [
            "kickoff", "api", "kickoff", "build", "api", "api", "ready", "build", "build", "ready"
        ]
    );
    let kinds = |word: &str| {
        tokens
            .iter()
            .filter(|t| &text[t.span.start..t.span.end] == word)
            .map(|t| t.token_type)
            .collect::<Vec<_>>()
    };
    assert_eq!(kinds("task")[0], TokenType::Keyword);
    assert_eq!(kinds("alice")[0], TokenType::Variable);
    assert_eq!(kinds("2w"), [TokenType::Number]);
    assert_eq!(kinds("\"Kick-off\""), [TokenType::String]);
    assert_eq!(kinds("pending"), [TokenType::EnumMember]);
    assert_eq!(kinds("docs")[0], TokenType::Function);
    let docs = tokens
        .iter()
        .find(|t| &text[t.span.start..t.span.end] == "docs")
        .unwrap();
    assert!(docs.modifiers.contains(TokenModifiers::DECLARATION));
    assert!(!docs.modifiers.contains(TokenModifiers::CRITICAL));
}

#[test]
fn semantic_tokens_of_a_range_stay_inside_it() {
    let f = Fixture::new(PLAN);
    let start = PLAN.find("task api").unwrap();
    let range = prog_syntax::Span::new(start, start + 40);
    let tokens = semantic_tokens(&f.db, f.project, f.file, Some(range));
    assert!(!tokens.is_empty());
    assert!(
        tokens
            .iter()
            .all(|t| t.span.end > range.start && t.span.start < range.end)
    );
}

#[test]
fn definition_references_and_highlights_cross_files() {
    let f = Fixture::new(
        r#"//- /main.prog
import "teams.prog"
program p { start 2027-01-04 }
task a { duration 1d  owner ali$0ce }
task b { duration 1d  assign alice 50% }
//- /teams.prog
person alice { capacity 100% }
"#,
    );
    let def = goto_definition(&f.db, f.project, f.position()).expect("a definition");
    assert_eq!(def.file, f.files[1]);
    assert_eq!(&f.text(def.file)[def.span.start..def.span.end], "alice");

    let refs = references(&f.db, f.project, f.position(), true);
    assert_eq!(refs.len(), 3);
    assert_eq!(refs.iter().filter(|r| r.is_definition).count(), 1);
    assert_eq!(references(&f.db, f.project, f.position(), false).len(), 2);

    let marks = highlights(&f.db, f.project, f.position());
    assert_eq!(marks.len(), 2, "only the references in this file");
    assert!(marks.iter().all(|h| h.kind == HighlightKind::Read));
}

#[test]
fn rename_changes_every_file_and_refuses_bad_names() {
    let f = Fixture::new(
        r#"//- /main.prog
import "teams.prog"
program p { start 2027-01-04 }
task a { duration 1d  owner alice }
//- /teams.prog
person al$0ice { capacity 100% }
"#,
    );
    assert!(prepare_rename(&f.db, f.project, f.position()).is_ok());
    let change = rename(&f.db, f.project, f.position(), "carol").unwrap();
    assert!(f.apply(&change, f.files[0]).contains("owner carol"));
    assert_eq!(f.apply(&change, f.files[1]), "person carol { capacity 100% }\n");

    assert!(
        rename(&f.db, f.project, f.position(), "task")
            .unwrap_err()
            .contains("keyword")
    );
    assert!(
        rename(&f.db, f.project, f.position(), "9x")
            .unwrap_err()
            .contains("not a valid id")
    );
    assert!(
        rename(&f.db, f.project, f.position(), "a")
            .unwrap_err()
            .contains("already defined")
    );
    let f = Fixture::new("program p { st$0art 2027-01-04 }\n");
    assert!(prepare_rename(&f.db, f.project, f.position()).is_err());
}

#[test]
fn document_symbols_nest_groups_and_workspace_symbols_match_fuzzily() {
    let f = Fixture::new(
        r#"program p { start 2027-01-04 }
group launch "Launch work" {
  task prep "Prepare" { duration 1d }
  group inner { milestone done_it { after prep } }
}
task other { duration 1d }
"#,
    );
    let symbols = document_symbols(&f.db, f.file);
    let names: Vec<&str> = symbols.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["p", "launch", "other"]);
    let launch = &symbols[1];
    assert_eq!(launch.detail.as_deref(), Some("Launch work"));
    assert_eq!(
        launch
            .children
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>(),
        ["prep", "inner"]
    );
    assert_eq!(launch.children[1].children[0].name, "done_it");

    let found: Vec<String> = workspace_symbols(&f.db, f.project, "dnt")
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(found, ["done_it"]);
    let by_title: Vec<String> = workspace_symbols(&f.db, f.project, "prepare")
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(by_title, ["prep"]);
}

#[test]
fn folding_and_selection_ranges() {
    let f = Fixture::new(PLAN);
    let folds = folding_ranges(&f.db, f.file);
    let text = f.text(f.file);
    let bodies: Vec<&str> = folds
        .iter()
        .filter(|fold| fold.kind == FoldKind::Body)
        .map(|fold| text[fold.span.start..fold.span.end].lines().next().unwrap())
        .collect();
    assert_eq!(bodies, ["{", "{", "{", "{"], "the four multi-line bodies");

    let f = with_cursor("after api +2d", "after a$0pi +2d");
    let chains = selection_ranges(&f.db, f.file, &[f.span.start]);
    let text = f.text(f.file);
    let shown: Vec<&str> = chains[0].iter().map(|s| &text[s.start..s.end]).collect();
    assert_eq!(shown[0], "api");
    assert_eq!(shown[1], "after api +2d");
    assert!(shown[2].starts_with("task build"));
    assert_eq!(shown.last().unwrap().len(), text.len());
}

#[test]
fn completion_offers_what_fits_the_position() {
    let labels = |f: &Fixture| -> Vec<String> {
        completions(&f.db, f.project, f.position())
            .into_iter()
            .map(|c| c.label)
            .collect()
    };
    // After `after`: tasks, milestones and groups, not the task itself nor people.
    let f = with_cursor("after kickoff\n}", "after $0\n}");
    let got = labels(&f);
    assert!(
        got.contains(&"kickoff".to_string()) && got.contains(&"ready".to_string()),
        "{got:?}"
    );
    assert!(
        !got.contains(&"api".to_string()) && !got.contains(&"alice".to_string()),
        "{got:?}"
    );
    let item = completions(&f.db, f.project, f.position())
        .into_iter()
        .find(|c| c.label == "kickoff")
        .unwrap();
    assert_eq!(item.detail.as_deref(), Some("Kick-off"));

    // After `assign` or a comma in `approvers`: people and teams.
    let f = with_cursor("assign backend 2", "assign b$0ackend 2");
    let got = labels(&f);
    assert!(
        got.contains(&"bob".to_string()) && got.contains(&"backend".to_string()),
        "{got:?}"
    );
    assert!(!got.contains(&"api".to_string()));
    let f = with_cursor("approvers alice, bob", "approvers alice, $0bob");
    assert!(labels(&f).contains(&"alice".to_string()));

    // In a task body: the statements a task takes; at the top level: items.
    let f = with_cursor(
        "  owner alice\n  after kickoff",
        "  owner alice\n  $0\n  after kickoff",
    );
    let got = labels(&f);
    assert!(
        got.contains(&"duration".to_string()) && got.contains(&"after".to_string()),
        "{got:?}"
    );
    assert!(
        !got.contains(&"probability".to_string()) && !got.contains(&"task".to_string()),
        "{got:?}"
    );
    let f = with_cursor("\ntask docs", "\n$0\ntask docs");
    assert!(labels(&f).contains(&"milestone".to_string()));
    // Nothing inside a title.
    let f = with_cursor("\"Write the docs\"", "\"Write $0the docs\"");
    assert!(labels(&f).is_empty());
}

#[test]
fn call_hierarchy_follows_dependencies() {
    let f = with_cursor("task api", "task a$0pi");
    let item = prepare_call_hierarchy(&f.db, f.project, f.position()).unwrap();
    assert_eq!(item.name, "api");
    assert_eq!(item.title.as_deref(), Some("Design the payments API"));
    let incoming: Vec<String> = incoming_calls(&f.db, f.project, "api")
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(incoming, ["kickoff"]);
    let outgoing: Vec<String> = outgoing_calls(&f.db, f.project, "api")
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(outgoing, ["build", "docs"]);
}

#[test]
fn code_lenses_and_the_critical_path() {
    let f = Fixture::new(PLAN);
    let lenses = code_lenses(&f.db, f.project, f.file);
    assert_eq!(lenses.len(), 1);
    assert_eq!(lenses[0].title, "2027-01-27 · critical");
    let path: Vec<String> = critical_path(&f.db, f.project)
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(path, ["kickoff", "api", "build", "ready"]);
}
