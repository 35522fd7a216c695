//! The plain diagnostic in codespan-reporting's layout, byte for byte,
//! without its cost per character: codespan writes each character of a
//! shown line, and of the line of carets under it, with a `write!` of its
//! own (about 300 instructions a character), which made printing a third
//! of a check with thousands of findings.
//!
//! Plain means: no colour, labels in one file, each on one line and alone
//! on it, and the lines shown (those labelled and the one between two that
//! are a line apart) of printable ASCII. That is what nearly every finding
//! of a plan is; anything else is left to codespan, and the tests compare
//! the two on random diagnostics.

use std::io::{self, Write};
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic, LabelStyle, Severity};
use codespan_reporting::files::Files;
use codespan_reporting::term::Config;

/// A labelled line, as shown.
struct Shown<'d> {
    index: usize,
    number: usize,
    range: Range<usize>,
    /// What comes between it and the labelled line before: nothing, the
    /// one line between (its number and range), or a break.
    before: Before,
    /// Where the label starts and ends in the line (at least one byte).
    label: Range<usize>,
    style: LabelStyle,
    message: &'d str,
}

enum Before {
    Nothing,
    Line(usize, Range<usize>),
    Break,
}

/// Writes `diagnostic` as codespan's `term::emit` would with `config` and
/// no colour, if it is plain; `Ok(false)`, having written nothing, if not.
pub fn render<'f>(
    out: &mut impl Write,
    config: &Config,
    files: &'f impl Files<'f, FileId = usize>,
    diagnostic: &Diagnostic<usize>,
) -> io::Result<bool> {
    let Some(first) = diagnostic.labels.first() else {
        return Ok(false);
    };
    let Ok(source) = files.source(first.file_id) else {
        return Ok(false);
    };
    let source = source.as_ref();
    let Some(Layout {
        lines,
        pad,
        locus,
        name,
    }) = layout(config, files, diagnostic, source)
    else {
        return Ok(false);
    };
    let chars = &config.chars;
    let mut text = String::with_capacity(256);
    text.push_str(match diagnostic.severity {
        Severity::Bug => "bug",
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Help => "help",
        Severity::Note => "note",
    });
    if let Some(code) = diagnostic.code.as_deref().filter(|c| !c.is_empty()) {
        text.push('[');
        text.push_str(code);
        text.push(']');
    }
    text.push_str(": ");
    text.push_str(&diagnostic.message);
    text.push('\n');
    let gutter = pad + 1;
    push_spaces(&mut text, gutter);
    text.push_str(&chars.snippet_start);
    text.push(' ');
    text.push_str(&name);
    text.push(':');
    text.push_str(itoa::Buffer::new().format(locus.line_number));
    text.push(':');
    text.push_str(itoa::Buffer::new().format(locus.column_number));
    text.push('\n');
    let empty = |text: &mut String| {
        push_spaces(text, gutter);
        text.push(chars.source_border_left);
        text.push('\n');
    };
    empty(&mut text);
    for line in &lines {
        match &line.before {
            Before::Nothing => {}
            Before::Line(number, range) => {
                source_line(
                    &mut text,
                    pad,
                    *number,
                    chars.source_border_left,
                    shown(&source[range.clone()]),
                );
            }
            Before::Break => {
                push_spaces(&mut text, gutter);
                text.push(chars.source_border_left_break);
                text.push('\n');
            }
        }
        let shown = shown(&source[line.range.clone()]);
        source_line(&mut text, pad, line.number, chars.source_border_left, shown);
        push_spaces(&mut text, gutter);
        text.push(chars.source_border_left);
        text.push(' ');
        let caret = match line.style {
            LabelStyle::Primary => chars.single_primary_caret,
            LabelStyle::Secondary => chars.single_secondary_caret,
        };
        // Marked up to one place past the end of the line, as codespan
        // marks a label at the end of a line.
        let past = shown.len() + 1;
        let (start, end) = (line.label.start.min(past), line.label.end.min(past));
        push_spaces(&mut text, start);
        (start..end).for_each(|_| text.push(caret));
        if !line.message.is_empty() {
            text.push(' ');
            text.push_str(line.message);
        }
        text.push('\n');
    }
    if !diagnostic.notes.is_empty() {
        empty(&mut text);
    }
    for note in &diagnostic.notes {
        for (i, line) in note.lines().enumerate() {
            push_spaces(&mut text, gutter);
            text.push(if i == 0 { chars.note_bullet } else { ' ' });
            text.push(' ');
            text.push_str(line);
            text.push('\n');
        }
    }
    text.push('\n');
    out.write_all(text.as_bytes())?;
    Ok(true)
}

/// What a plain diagnostic shows, found before anything is written.
struct Layout<'d> {
    lines: Vec<Shown<'d>>,
    pad: usize,
    locus: codespan_reporting::files::Location,
    name: String,
}

/// What `diagnostic` shows if it is plain, else `None`; `source` is the
/// text of its first label's file.
fn layout<'d, 'f>(
    config: &Config,
    files: &'f impl Files<'f, FileId = usize>,
    diagnostic: &'d Diagnostic<usize>,
    source: &str,
) -> Option<Layout<'d>> {
    // Lines of context around labels are codespan's to show.
    if config.before_label_lines != 0 || config.after_label_lines != 0 {
        return None;
    }
    let file = diagnostic.labels.first()?.file_id;
    let mut lines = Vec::with_capacity(diagnostic.labels.len());
    let mut pad = 0;
    for label in &diagnostic.labels {
        if label.file_id != file {
            return None;
        }
        let index = files.line_index(file, label.range.start).ok()?;
        if files.line_index(file, label.range.end).ok()? != index {
            return None;
        }
        let range = files.line_range(file, index).ok()?;
        let number = files.line_number(file, index).ok()?;
        pad = pad.max(number.ilog10() as usize + 1);
        let (start, end) = (label.range.start - range.start, label.range.end - range.start);
        lines.push(Shown {
            index,
            number,
            range,
            before: Before::Nothing,
            label: start..end.max(start + 1),
            style: label.style,
            message: &label.message,
        });
    }
    lines.sort_by_key(|line| line.index);
    for k in 1..lines.len() {
        let previous = lines[k - 1].index;
        lines[k].before = match lines[k].index - previous {
            0 => return None,
            1 => Before::Nothing,
            // The line between two shown a line apart is shown too.
            2 => Before::Line(
                files.line_number(file, previous + 1).ok()?,
                files.line_range(file, previous + 1).ok()?,
            ),
            _ => Before::Break,
        };
    }
    let between = lines.iter().filter_map(|line| match &line.before {
        Before::Line(_, range) => Some(range),
        _ => None,
    });
    let mut shown_ranges = lines.iter().map(|line| &line.range).chain(between);
    if !shown_ranges.all(|range| {
        source
            .get(range.clone())
            .is_some_and(|line| printable(shown(line)))
    }) {
        return None;
    }
    // The earliest primary label, else the earliest label, as codespan
    // chooses the location it names.
    let focus = diagnostic
        .labels
        .iter()
        .min_by_key(|label| (label.style != LabelStyle::Primary, label.range.start))?;
    Some(Layout {
        lines,
        pad,
        locus: files.location(file, focus.range.start).ok()?,
        name: files.name(file).ok()?.to_string(),
    })
}

/// A line as codespan shows it: without its line break.
fn shown(line: &str) -> &str {
    line.trim_end_matches(['\n', '\r', '\0'])
}

/// Printable ASCII, every character one column wide.
fn printable(text: &str) -> bool {
    text.bytes().all(|b| (b' '..=b'~').contains(&b))
}

/// Written piece by piece: through `write!`, the number's padding alone
/// cost more than the rest of a diagnostic.
fn source_line(text: &mut String, pad: usize, number: usize, border: char, shown: &str) {
    let mut digits = itoa::Buffer::new();
    let number = digits.format(number);
    push_spaces(text, pad.saturating_sub(number.len()));
    text.push_str(number);
    text.push(' ');
    text.push(border);
    text.push(' ');
    text.push_str(shown);
    text.push('\n');
}

fn push_spaces(text: &mut String, mut n: usize) {
    const SPACES: &str = "                                                                ";
    while n > 0 {
        let k = n.min(SPACES.len());
        text.push_str(&SPACES[..k]);
        n -= k;
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use codespan_reporting::diagnostic::{Diagnostic, Label, Severity};
    use codespan_reporting::files::SimpleFiles;
    use codespan_reporting::term::{self, Config, termcolor::NoColor};

    use super::render;
    use crate::clipped_lines::ClippedFiles;

    fn words(rng: &mut fastrand::Rng, most: usize) -> String {
        let pieces = [
            "a", "task", " ", "`x`", "{", "}", "after", "1d", "\"T\"", "#", "%", ",", "é", "\t", "\n",
        ];
        (0..rng.usize(0..=most))
            .map(|_| {
                // Mostly ASCII, now and then a character codespan measures
                // (a tab, a two-byte letter) or a line break.
                let i = if rng.u8(0..10) == 0 {
                    rng.usize(..pieces.len())
                } else {
                    rng.usize(..pieces.len() - 3)
                };
                pieces[i]
            })
            .collect()
    }

    /// A text of lines of every length, some past the clipping width, ends
    /// of line of both kinds, with or without a last one.
    fn text(rng: &mut fastrand::Rng) -> String {
        let mut text = String::new();
        for _ in 0..rng.usize(1..14) {
            let long = rng.u8(0..8) == 0;
            text.push_str(&words(rng, if long { 120 } else { 12 }).replace('\n', " "));
            text.push_str(if rng.u8(0..6) == 0 { "\r\n" } else { "\n" });
        }
        if rng.bool() {
            text.pop();
        }
        text
    }

    fn diagnostic(rng: &mut fastrand::Rng, text: &str) -> Diagnostic<usize> {
        let severity = [
            Severity::Error,
            Severity::Warning,
            Severity::Note,
            Severity::Help,
            Severity::Bug,
        ][rng.usize(..5)];
        let mut d = Diagnostic::new(severity).with_message(words(rng, 6));
        d = match rng.u8(0..3) {
            0 => d.with_code("P302"),
            1 => d.with_code(""),
            _ => d,
        };
        let starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .filter(|&i| i <= text.len())
            .collect();
        for _ in 0..rng.usize(0..4) {
            let line = rng.usize(..starts.len());
            let end_of_line = starts.get(line + 1).copied().unwrap_or(text.len() + 1) - 1;
            let start = rng.usize(starts[line]..=end_of_line.max(starts[line]));
            // Now and then across lines: codespan's case.
            let end = if rng.u8(0..10) == 0 {
                rng.usize(start..=text.len())
            } else {
                rng.usize(start..=end_of_line.max(start))
            };
            let (start, end) = (floor(text, start), floor(text, end));
            let label = if rng.u8(0..3) == 0 {
                Label::secondary(0, start..end)
            } else {
                Label::primary(0, start..end)
            };
            d.labels.push(label.with_message(words(rng, 4)));
        }
        d.notes = (0..rng.usize(0..3)).map(|_| words(rng, 8)).collect();
        d
    }

    /// `at`, moved back to a character boundary of `text`.
    fn floor(text: &str, mut at: usize) -> usize {
        at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    }

    /// Random diagnostics on random texts, through the clipping the
    /// printer uses: wherever the plain path takes one, it writes what
    /// codespan writes, byte for byte.
    #[test]
    fn plain_diagnostics_are_written_as_codespan_writes_them() {
        let mut rng = fastrand::Rng::with_seed(16);
        let config = Config::default();
        let (mut plain, mut other) = (0, 0);
        for _ in 0..3_000 {
            let text = text(&mut rng);
            let mut files = SimpleFiles::new();
            files.add("plan.prog".to_string(), Cow::Borrowed(text.as_str()));
            let mut clipped = ClippedFiles::new(&files, 1);
            let mut d = diagnostic(&mut rng, &text);
            clipped.focus(&mut d);
            let mut ours = Vec::new();
            if render(&mut ours, &config, &clipped, &d).expect("writes to memory") {
                plain += 1;
                let mut theirs = NoColor::new(Vec::new());
                term::emit_to_write_style(&mut theirs, &config, &clipped, &d).expect("codespan renders it");
                assert_eq!(
                    String::from_utf8_lossy(&ours),
                    String::from_utf8_lossy(theirs.get_ref()),
                    "{text:?}\n{d:?}"
                );
            } else {
                assert!(ours.is_empty());
                other += 1;
            }
        }
        // Both paths were taken, each many times.
        assert!(plain > 1_000 && other > 500, "{plain} plain, {other} not");
    }
}
