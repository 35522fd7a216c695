//! Go to definition, references, document highlight and rename.

use prog_db::Project;
use prog_syntax::{Span, TokenKind};

use crate::names::{NameRole, file_occurrences, occurrence_at};
use crate::{FilePosition, FileRange, SourceChange, TextEdit};

/// The definition of the id under the cursor.
pub fn goto_definition(db: &dyn salsa::Database, project: Project, pos: FilePosition) -> Option<FileRange> {
    let occurrence = occurrence_at(db, pos.file, pos.offset)?;
    let definition = crate::definitions(db, project).get(&occurrence.name)?;
    Some(FileRange {
        file: definition.file,
        span: definition.name,
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reference {
    pub range: FileRange,
    pub is_definition: bool,
}

/// Every place in the plan that names the id under the cursor.
pub fn references(
    db: &dyn salsa::Database,
    project: Project,
    pos: FilePosition,
    include_declaration: bool,
) -> Vec<Reference> {
    let Some(occurrence) = occurrence_at(db, pos.file, pos.offset) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for &file in crate::plan_files(db, project) {
        for o in file_occurrences(db, file)
            .iter()
            .filter(|o| o.name == occurrence.name)
        {
            let is_definition = matches!(o.role, NameRole::Definition { .. });
            if is_definition && !include_declaration {
                continue;
            }
            out.push(Reference {
                range: FileRange { file, span: o.span },
                is_definition,
            });
        }
    }
    out
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HighlightKind {
    /// Where the id is defined.
    Write,
    Read,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Highlight {
    pub span: Span,
    pub kind: HighlightKind,
}

/// The id under the cursor everywhere in the same file.
pub fn highlights(db: &dyn salsa::Database, project: Project, pos: FilePosition) -> Vec<Highlight> {
    references(db, project, pos, true)
        .into_iter()
        .filter(|r| r.range.file == pos.file)
        .map(|r| Highlight {
            span: r.range.span,
            kind: if r.is_definition {
                HighlightKind::Write
            } else {
                HighlightKind::Read
            },
        })
        .collect()
}

/// The id that a rename at the cursor would change, if it can be renamed.
pub fn prepare_rename(db: &dyn salsa::Database, project: Project, pos: FilePosition) -> Result<Span, String> {
    let occurrence =
        occurrence_at(db, pos.file, pos.offset).ok_or_else(|| "there is no id here to rename".to_string())?;
    if !crate::definitions(db, project).contains_key(&occurrence.name) {
        return Err(format!("`{}` is not defined in this plan", occurrence.name));
    }
    Ok(occurrence.span)
}

/// Renames the id under the cursor at its definition and every reference, in every file.
pub fn rename(
    db: &dyn salsa::Database,
    project: Project,
    pos: FilePosition,
    new_name: &str,
) -> Result<SourceChange, String> {
    prepare_rename(db, project, pos)?;
    check_id(new_name)?;
    let definitions = crate::definitions(db, project);
    if definitions.contains_key(new_name) {
        return Err(format!("`{new_name}` is already defined in this plan"));
    }
    let mut change = SourceChange::default();
    for r in references(db, project, pos, true) {
        change.push(
            r.range.file,
            TextEdit {
                span: r.range.span,
                insert: new_name.to_string(),
            },
        );
    }
    Ok(change)
}

/// Whether `name` can be written as an id: `[A-Za-z_][A-Za-z0-9_]*` and no keyword.
pub(crate) fn check_id(name: &str) -> Result<(), String> {
    let tokens = prog_syntax::lex(name);
    match tokens.as_slice() {
        [token] if token.kind == TokenKind::Ident => Ok(()),
        [token] if token.kind.keyword_text().is_some() => Err(format!("`{name}` is a keyword")),
        _ => Err(format!(
            "`{name}` is not a valid id (letters, digits and `_`, not starting with a digit)"
        )),
    }
}
