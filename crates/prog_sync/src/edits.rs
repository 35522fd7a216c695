//! In-place edits of one declaration's statements, placed by the syntax
//! tree's spans so that nothing else of the text moves: a value replaced
//! where it is written, a statement removed with its line when it had one
//! of its own, a new statement inserted after the last one in the layout
//! the body has (one statement a line at that indentation, or on the
//! body's one line).

use std::ops::Range;

use prog_syntax::TokenKind;
use prog_syntax::ast::{Decl, Stmt, StmtValue};

/// Replace `range` of a text with `text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextEdit {
    pub range: Range<usize>,
    pub text: String,
}

/// One statement to change: its keyword, and its new value (`Some("")`
/// for `done`), or `None` to remove it.
pub type Wanted = (TokenKind, Option<String>);

/// The edits that make `decl`'s statements say what `wanted` does.
pub fn decl_edits(text: &str, decl: &Decl, wanted: &[Wanted]) -> Result<Vec<TextEdit>, String> {
    let mut edits = Vec::new();
    let mut removed = Vec::new();
    let mut inserted = Vec::new();
    for (keyword, value) in wanted {
        let stmt = decl.stmts.iter().find(|s| s.keyword == *keyword);
        match (stmt, value) {
            (Some(stmt), Some(value)) => edits.push(replace_value(stmt, *keyword, value)),
            (Some(stmt), None) => removed.push(stmt),
            (None, Some(value)) => inserted.push(statement(*keyword, value)),
            (None, None) => {}
        }
    }
    for stmt in &removed {
        edits.push(removal(text, stmt));
    }
    if !inserted.is_empty() {
        // After the last statement that stays: an item with a key always
        // keeps one, so a removed line and an inserted one never meet.
        let anchor = decl
            .stmts
            .iter()
            .filter(|s| !removed.contains(s))
            .map(|s| s.span.end())
            .max();
        edits.push(insertion(text, decl, anchor, &inserted)?);
    }
    Ok(edits)
}

/// `text` with `edits` applied; `None` if two of them overlap.
pub fn apply(text: &str, mut edits: Vec<TextEdit>) -> Option<String> {
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    if edits.windows(2).any(|w| w[0].range.end > w[1].range.start) {
        return None;
    }
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for edit in &edits {
        out.push_str(text.get(at..edit.range.start)?);
        out.push_str(&edit.text);
        at = edit.range.end;
    }
    out.push_str(text.get(at..)?);
    Some(out)
}

fn statement(keyword: TokenKind, value: &str) -> String {
    let word = keyword.keyword_text().unwrap_or_default();
    if value.is_empty() {
        word.to_string()
    } else {
        format!("{word} {value}")
    }
}

fn replace_value(stmt: &Stmt, keyword: TokenKind, value: &str) -> TextEdit {
    match &stmt.value {
        StmtValue::Amount(v) | StmtValue::Duration(v) | StmtValue::Date(v) => TextEdit {
            range: v.span.start()..v.span.end(),
            text: value.to_string(),
        },
        // A value that did not parse: the statement is written anew.
        _ => TextEdit {
            range: stmt.span.start()..stmt.span.end(),
            text: statement(keyword, value),
        },
    }
}

/// The offset of the `}` that ends `decl`'s body.
fn closing_brace(text: &str, decl: &Decl) -> Result<usize, String> {
    let close = decl.span.end().checked_sub(1);
    close
        .filter(|&c| text.as_bytes().get(c) == Some(&b'}'))
        .ok_or_else(|| "its body is not closed".to_string())
}

/// The line break the line holding `at` ends with (`\n` at the end of
/// the text): a file's own, found where the edit is, not by reading the
/// whole file for each edit.
fn newline_at(text: &str, at: usize) -> &'static str {
    if text[line_end(text, at)..].starts_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    }
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// The end of the line holding `at`, before its `\n` or `\r\n`.
fn line_end(text: &str, at: usize) -> usize {
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    if end > at && text.as_bytes()[end - 1] == b'\r' {
        end - 1
    } else {
        end
    }
}

/// The whole line when the statement had it alone (a comment after it
/// goes with it), else the statement and the spaces that separated it.
fn removal(text: &str, stmt: &Stmt) -> TextEdit {
    let (start, end) = (stmt.span.start(), stmt.span.end());
    let (first, last) = (line_start(text, start), line_end(text, end));
    let before = &text[first..start];
    let after = text[end..last].trim_start();
    if before.trim().is_empty() && (after.is_empty() || after.starts_with('#')) {
        let next_line = text[last..].find('\n').map_or(text.len(), |i| last + i + 1);
        return TextEdit {
            range: first..next_line,
            text: String::new(),
        };
    }
    let spaces_after = text[end..last].len() - after.len();
    if after.is_empty() || after.starts_with(['}', '#']) || before.trim().is_empty() {
        let spaces_before = before.len() - before.trim_end().len();
        let from = if before.trim().is_empty() {
            start
        } else {
            start - spaces_before
        };
        let to = if before.trim().is_empty() {
            end + spaces_after
        } else {
            end
        };
        TextEdit {
            range: from..to,
            text: String::new(),
        }
    } else {
        TextEdit {
            range: start..end + spaces_after,
            text: String::new(),
        }
    }
}

/// New statements after the body's last one: each on a line of its own
/// at that one's indentation, or on the same line when the body closes
/// there (`{ effort 2d  done }`).
fn insertion(
    text: &str,
    decl: &Decl,
    last: Option<usize>,
    statements: &[String],
) -> Result<TextEdit, String> {
    let newline = newline_at(text, decl.keyword_span.start());
    let close = closing_brace(text, decl)?;
    let header_end = decl
        .title
        .as_ref()
        .map(|t| t.span.end())
        .or(decl.name.as_ref().map(|n| n.span.end()));
    let header_end = header_end.unwrap_or(decl.keyword_span.end());
    let open = text[header_end..close]
        .find('{')
        .map(|i| header_end + i)
        .ok_or("it has no body")?;
    let anchor = last.unwrap_or(open + 1);
    let same_line = line_end(text, anchor) >= close;
    if same_line {
        if last.is_none() {
            // `{}` or `{ }`: the statements between the braces.
            let inside = format!(" {} ", statements.join("  "));
            return Ok(TextEdit {
                range: open + 1..close,
                text: inside,
            });
        }
        let added: String = statements.iter().map(|s| format!("  {s}")).collect();
        return Ok(TextEdit {
            range: anchor..anchor,
            text: added,
        });
    }
    let indent = match last {
        // The last statement's line's indentation, unless it shares the
        // line of the item's `{`, which is one level out.
        Some(last) if line_start(text, last) > open => indentation(text, last).to_string(),
        _ => format!("{}  ", indentation(text, decl.keyword_span.start())),
    };
    let at = line_end(text, anchor);
    let added: String = statements
        .iter()
        .map(|s| format!("{newline}{indent}{s}"))
        .collect();
    Ok(TextEdit {
        range: at..at,
        text: added,
    })
}

/// Declarations (`children`, unindented `.prog` text) added at the end of
/// the group `decl`, one level inside it, before its `}`.
pub fn children_insertion(text: &str, decl: &Decl, children: &str) -> Result<TextEdit, String> {
    let newline = newline_at(text, decl.keyword_span.start());
    let close = closing_brace(text, decl)?;
    let outer = indentation(text, decl.keyword_span.start());
    // The indentation of what the body has on lines of its own, else one
    // level (two spaces) in.
    let header_line = line_start(text, decl.keyword_span.start());
    let inner = decl
        .stmts
        .iter()
        .map(|s| s.span.start())
        .chain(decl.children.iter().map(|c| c.span.start()))
        .filter(|&at| line_start(text, at) > header_line && text[line_start(text, at)..at].trim().is_empty())
        .max()
        .map_or_else(|| format!("{outer}  "), |at| indentation(text, at).to_string());
    let lines: String = children
        .lines()
        .map(|line| {
            if line.is_empty() {
                newline.to_string()
            } else {
                format!("{inner}{line}{newline}")
            }
        })
        .collect();
    let close_line = line_start(text, close);
    if text[close_line..close].trim().is_empty() {
        return Ok(TextEdit {
            range: close_line..close_line,
            text: lines,
        });
    }
    // `group g { key "G" }`: the `}` goes to a line of its own.
    let spaces = text[..close].len() - text[..close].trim_end_matches([' ', '\t']).len();
    Ok(TextEdit {
        range: close - spaces..close,
        text: format!("{newline}{lines}{outer}"),
    })
}

fn indentation(text: &str, at: usize) -> &str {
    let start = line_start(text, at);
    let line = &text[start..line_end(text, start)];
    &line[..line.len() - line.trim_start().len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use TokenKind as T;

    /// The text of the first declaration of `before` after `wanted`.
    fn edited(before: &str, wanted: &[Wanted]) -> String {
        let parse = prog_syntax::parse(before);
        let decl = parse
            .file
            .decls()
            .find(|d| d.kind == prog_syntax::ast::DeclKind::Task)
            .unwrap();
        apply(before, decl_edits(before, decl, wanted).unwrap()).unwrap()
    }

    fn set(k: TokenKind, v: &str) -> Wanted {
        (k, Some(v.to_string()))
    }

    #[test]
    fn a_value_is_replaced_where_it_is_written() {
        let before = "task a {\n  effort 3d  # sized in planning\n  progress 40%  # from Jira\n}\n";
        let after = "task a {\n  effort 3d  # sized in planning\n  progress 60%  # from Jira\n}\n";
        assert_eq!(edited(before, &[set(T::Progress, "60%")]), after);
    }

    #[test]
    fn new_statements_follow_the_last_one_at_its_indentation() {
        let before = "group g {\n    task a \"A\" {\n        effort 3d  # note\n    }\n}\n";
        let after = "group g {\n    task a \"A\" {\n        effort 3d  # note\n        progress 10%\n        actual_start 2026-12-01\n    }\n}\n";
        assert_eq!(
            edited(
                before,
                &[set(T::Progress, "10%"), set(T::ActualStart, "2026-12-01")]
            ),
            after
        );
        let empty = "task a {\n}\n";
        assert_eq!(edited(empty, &[set(T::Done, "")]), "task a {\n  done\n}\n");
        let crlf = "task a {\r\n  effort 1d\r\n}\r\n";
        assert_eq!(
            edited(crlf, &[set(T::Done, "")]),
            "task a {\r\n  effort 1d\r\n  done\r\n}\r\n"
        );
    }

    #[test]
    fn a_body_on_one_line_stays_on_one_line() {
        let before = "task a \"A {x}\" { effort 2d  owner p }\n";
        assert_eq!(
            edited(before, &[set(T::Done, "")]),
            "task a \"A {x}\" { effort 2d  owner p  done }\n"
        );
        assert_eq!(
            edited("task a {}\n", &[set(T::Progress, "5%")]),
            "task a { progress 5% }\n"
        );
    }

    #[test]
    fn removed_statements_take_their_line_or_their_spaces() {
        let before = "task a {\n  effort 2d\n  done  # shipped\n  owner p\n}\n";
        assert_eq!(
            edited(before, &[(T::Done, None)]),
            "task a {\n  effort 2d\n  owner p\n}\n"
        );
        let inline = "task a { effort 2d  done  owner p }\n";
        assert_eq!(
            edited(inline, &[(T::Done, None)]),
            "task a { effort 2d  owner p }\n"
        );
        let last = "task a { effort 2d  done }\n";
        assert_eq!(edited(last, &[(T::Done, None)]), "task a { effort 2d }\n");
        let first = "task a { done  effort 2d }\n";
        assert_eq!(edited(first, &[(T::Done, None)]), "task a { effort 2d }\n");
    }

    #[test]
    fn a_statement_removed_and_one_added_share_a_line() {
        let before = "task a {\n  effort 2d\n  done\n}\n";
        let wanted = [(T::Done, None), set(T::Progress, "50%")];
        assert_eq!(
            edited(before, &wanted),
            "task a {\n  effort 2d\n  progress 50%\n}\n"
        );
    }

    #[test]
    fn children_go_at_the_end_of_a_group_one_level_in() {
        let child = "task n \"New\" {\n  key \"N-1\"\n}\n";
        let nested = |before: &str| {
            let parse = prog_syntax::parse(before);
            let group = parse
                .file
                .decls()
                .find(|d| d.kind == prog_syntax::ast::DeclKind::Group)
                .unwrap();
            apply(before, vec![children_insertion(before, group, child).unwrap()]).unwrap()
        };
        let before = "group g {\n    key \"G\"\n    task a { effort 1d }  # last\n}\n";
        assert_eq!(
            nested(before),
            "group g {\n    key \"G\"\n    task a { effort 1d }  # last\n    task n \"New\" {\n      key \"N-1\"\n    }\n}\n"
        );
        let inline = "  group g { key \"G\" }\n";
        assert_eq!(
            nested(inline),
            "  group g { key \"G\"\n    task n \"New\" {\n      key \"N-1\"\n    }\n  }\n"
        );
    }

    #[test]
    fn overlapping_edits_are_refused() {
        let edits = vec![
            TextEdit {
                range: 0..3,
                text: "x".into(),
            },
            TextEdit {
                range: 2..4,
                text: "y".into(),
            },
        ];
        assert_eq!(apply("abcdef", edits), None);
    }
}
