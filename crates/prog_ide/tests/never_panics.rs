//! Every feature, at every offset of the examples and of damaged plans,
//! answers without panicking, and what it answers stays inside the text.

use std::path::Path;

use prog_db::{Database, Project, Settings, SourceFile};
use prog_ide::*;

/// Calls every feature at `offset` of `file` (and on the range from
/// `offset` to `end`), checking that every span it answers with is inside
/// the file.
fn every_feature_at(db: &Database, project: Project, file: SourceFile, offset: usize, end: usize) {
    let len = file.text(db).len();
    let inside = |span: Span, what: &str| {
        assert!(
            span.start() <= span.end() && span.end() <= len,
            "{what} at {offset}: {span:?} outside 0..{len} of {}",
            file.path(db)
        );
    };
    let at = FilePosition { file, offset };
    let range = FileRange {
        file,
        span: Span::new(offset, end),
    };
    if let Some(hover) = hover(db, project, at) {
        inside(hover.span, "hover");
    }
    for item in completions(db, project, at) {
        assert!(!item.label.is_empty(), "an empty completion at {offset}");
    }
    if let Some(target) = goto_definition(db, project, at)
        && target.file == file
    {
        inside(target.span, "definition");
    }
    for h in highlights(db, project, at) {
        inside(h.span, "highlight");
    }
    for r in references(db, project, at, true) {
        if r.range.file == file {
            inside(r.range.span, "reference");
        }
    }
    if let Ok(span) = prepare_rename(db, project, at) {
        inside(span, "rename range");
        let _ = rename(db, project, at, "renamed");
    }
    if let Some(item) = prepare_call_hierarchy(db, project, at) {
        incoming_calls(db, project, &item.name);
        outgoing_calls(db, project, &item.name);
    }
    let config = AssistConfig {
        leveling: false,
        today: None,
    };
    for assist in assists(db, project, range, config) {
        for (edited, edits) in &assist.change.edits {
            if *edited == file {
                edits.iter().for_each(|e| inside(e.span, "assist edit"));
            }
        }
    }
    for token in semantic_tokens(db, project, file, Some(range.span)) {
        inside(token.span, "semantic token");
    }
    for hint in inlay_hints(db, project, file, Some(range.span), InlayHintsConfig::default()) {
        assert!(hint.offset <= len, "inlay hint at {offset}");
    }
    for chain in selection_ranges(db, file, &[offset]) {
        chain.into_iter().for_each(|span| inside(span, "selection range"));
    }
}

/// What does not depend on a position, once per plan.
fn every_file_feature(db: &Database, project: Project, file: SourceFile) {
    let _ = format(file.text(db));
    for occurrence in file_occurrences(db, file) {
        assert!(
            occurrence.span.end() <= file.text(db).len(),
            "an occurrence outside the file"
        );
    }
    definitions(db, project);
    file_outline(db, file);
    forecast_document(db, project, |_, _| {});
    report(db, project, None);
    preview_html(db, project);
    folding_ranges(db, file);
    document_symbols(db, file);
    workspace_symbols(db, project, "a");
    code_lenses(db, project, file);
    critical_path(db, project);
    semantic_tokens(db, project, file, None);
    inlay_hints(db, project, file, None, InlayHintsConfig::default());
    let whole = FileRange {
        file,
        span: Span::new(0, file.text(db).len()),
    };
    let leveling = AssistConfig {
        leveling: true,
        today: Some(today()),
    };
    assists(db, project, whole, leveling);
}

fn every_offset(db: &Database, project: Project, file: SourceFile) {
    every_file_feature(db, project, file);
    let text = file.text(db);
    let len = text.len();
    for offset in (0..=len).filter(|o| text.is_char_boundary(*o)) {
        let mut end = (offset + 13).min(len);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        every_feature_at(db, project, file, offset, end.max(offset));
    }
}

fn example_plan(db: &Database) -> Vec<(Project, SourceFile)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    // The examples and those one folder down (the portfolio's programs,
    // with their externals), named as their imports name them.
    let mut paths: Vec<(String, std::path::PathBuf)> = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            for inner in std::fs::read_dir(&path).unwrap() {
                let inner = inner.unwrap().path();
                let file = inner.file_name().unwrap().to_string_lossy().into_owned();
                paths.push((format!("examples/{name}/{file}"), inner));
            }
        } else {
            paths.push((format!("examples/{name}"), path));
        }
    }
    paths.retain(|(name, _)| name.ends_with(".prog"));
    paths.sort();
    let files: Vec<SourceFile> = paths
        .iter()
        .map(|(name, p)| SourceFile::new(db, name.clone(), std::fs::read_to_string(p).unwrap().into()))
        .collect();
    files
        .iter()
        .map(|root| {
            (
                Project::new(db, *root, files.clone(), Settings::new(db, true)),
                *root,
            )
        })
        .collect()
}

#[test]
fn every_feature_answers_at_every_offset_of_the_examples() {
    let db = Database::default();
    let plans = example_plan(&db);
    assert_eq!(plans.len(), 7);
    for (project, file) in plans {
        every_offset(&db, project, file);
    }
}

/// The examples damaged the ways typing damages a plan: cut off anywhere,
/// a line gone, a closing brace gone, a word doubled.
fn damaged(text: &str, seed: usize) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let cut = (seed * 7919) % text.len();
    let cut = (0..=cut).rev().find(|c| text.is_char_boundary(*c)).unwrap_or(0);
    out.push(text[..cut].to_string());
    let gone = (seed * 31) % lines.len();
    out.push(
        lines
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != gone)
            .map(|(_, l)| *l)
            .collect::<Vec<_>>()
            .join("\n"),
    );
    if let Some(brace) = text.match_indices('}').map(|(i, _)| i).nth(seed % 20) {
        out.push(format!("{}{}", &text[..brace], &text[brace + 1..]));
    }
    if let Some(space) = text.match_indices(' ').map(|(i, _)| i).nth(seed * 13 % 200) {
        out.push(format!("{} after after ,, {}", &text[..space], &text[space..]));
    }
    out
}

#[test]
fn every_feature_answers_at_every_offset_of_damaged_plans() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let text = std::fs::read_to_string(dir.join("feature_rollout.prog")).unwrap();
    let teams = std::fs::read_to_string(dir.join("rollout_teams.prog")).unwrap();
    for seed in 1..4 {
        for broken in damaged(&text, seed) {
            let db = Database::default();
            let root = SourceFile::new(&db, "examples/feature_rollout.prog".into(), broken.into());
            let other = SourceFile::new(&db, "examples/rollout_teams.prog".into(), teams.clone().into());
            let project = Project::new(&db, root, vec![root, other], Settings::new(&db, true));
            every_offset(&db, project, root);
        }
    }
}
