//! Diagnostics for people (compiler-style, with the source line and a
//! marker) and for tools (JSON).

use std::borrow::Cow;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::termcolor::WriteColor;
use codespan_reporting::term::{self, termcolor};
use prog_db::{Database, Project, plan_files};
use prog_report::escape::{terminal, terminal_source};
use prog_sema::{Diagnostic, Severity};
use serde::Serialize;

use crate::clipped_lines::ClippedFiles;
use crate::plain_diagnostic;

/// Diagnostics of one or more plans, collected before printing: read
/// where the database keeps them, with the texts they quote (copied only
/// where a control character must be replaced).
#[derive(Default)]
pub struct DiagnosticsPrinter<'a> {
    files: SimpleFiles<String, Cow<'a, str>>,
    /// For each plan added, the printer's id of each of its files.
    plans: Vec<Vec<usize>>,
    /// Each diagnostic, with the plan it is of.
    entries: Vec<(usize, &'a Diagnostic)>,
    /// Warnings found but left out of `entries`: counted in the summary.
    warnings_not_shown: usize,
    /// How many files `files` holds.
    file_count: usize,
}

impl<'a> DiagnosticsPrinter<'a> {
    pub fn add(&mut self, db: &'a Database, project: Project, diagnostics: &[&'a Diagnostic]) {
        if diagnostics.is_empty() {
            return;
        }
        let ids: Vec<usize> = plan_files(db, project)
            .files
            .iter()
            .map(|f| self.files.add(terminal(f.path(db)), terminal_source(f.text(db))))
            .collect();
        self.file_count += ids.len();
        let plan = self.plans.len();
        self.plans.push(ids);
        self.entries.extend(diagnostics.iter().map(|d| (plan, *d)));
    }

    /// Counts `n` warnings that the caller leaves out in the summary line.
    pub fn count_warnings_not_shown(&mut self, n: usize) {
        self.warnings_not_shown += n;
    }

    pub fn print_text(&self) {
        use std::io::IsTerminal;
        let color = if std::io::stderr().is_terminal() {
            termcolor::ColorChoice::Auto
        } else {
            termcolor::ColorChoice::Never
        };
        // Buffered: unbuffered stderr costs a syscall per character. Written
        // out every 64 KiB, so that thousands of findings are not held whole.
        const FLUSH_AT: usize = 64 * 1024;
        let writer = termcolor::BufferWriter::stderr(color);
        let mut out = writer.buffer();
        let config = term::Config::default();
        let mut files = ClippedFiles::new(&self.files, self.file_count);
        for &(plan, d) in &self.entries {
            let mut diagnostic = to_codespan(&self.plans[plan], d);
            files.focus(&mut diagnostic);
            // Uncoloured, the plain ones are written apart (see the module).
            let plain = !out.supports_color()
                && plain_diagnostic::render(&mut out, &config, &files, &diagnostic).unwrap_or(false);
            if !plain {
                let _ = term::emit_to_write_style(&mut out, &config, &files, &diagnostic);
            }
            if out.len() >= FLUSH_AT {
                let _ = writer.print(&out);
                out.clear();
            }
        }
        let _ = writer.print(&out);
        let count = |s| self.entries.iter().filter(|(_, d)| d.severity == s).count();
        let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
        if errors + warnings == 0 {
            return;
        }
        let summary = format!(
            "{}, {}",
            plural(errors, "error"),
            plural(warnings + self.warnings_not_shown, "warning")
        );
        if self.warnings_not_shown > 0 {
            eprintln!("{summary} (only errors are shown here; `prog check` lists every problem)");
        } else {
            eprintln!("{summary}");
        }
    }

    pub fn print_json(&self) {
        // Columns counted through the same checkpoints as the text's.
        let files = ClippedFiles::new(&self.files, self.file_count);
        let list: Vec<JsonDiagnostic> = self
            .entries
            .iter()
            .map(|&(plan, d)| self.to_json(&files, &self.plans[plan], d))
            .collect();
        let _ = crate::emit_json(&list);
    }

    fn position(files: &ClippedFiles, file: usize, offset: usize) -> JsonPosition {
        use codespan_reporting::files::Files;
        let line = files.line_index(file, offset).unwrap_or(0);
        let column = files.column_number(file, line, offset).unwrap_or(1);
        JsonPosition {
            line: line + 1,
            column,
            offset,
        }
    }

    fn to_json(&self, files: &ClippedFiles, ids: &[usize], d: &Diagnostic) -> JsonDiagnostic {
        let file = ids[d.location.file.0 as usize];
        let location = |file: usize, span: prog_syntax::Span| JsonLocation {
            file: self.files.get(file).map(|f| f.name().clone()).unwrap_or_default(),
            start: Self::position(files, file, span.start()),
            end: Self::position(files, file, span.end()),
        };
        JsonDiagnostic {
            location: location(file, d.location.span),
            severity: d.severity.as_str(),
            code: d.code.as_str(),
            message: d.message.clone(),
            hint: d.hint.as_deref().map(str::to_owned),
            related: d
                .related
                .iter()
                .map(|r| JsonRelated {
                    location: location(ids[r.location.file.0 as usize], r.location.span),
                    message: r.message.clone(),
                })
                .collect(),
        }
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn to_codespan(ids: &[usize], d: &Diagnostic) -> CsDiagnostic<usize> {
    let severity = match d.severity {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Hint => CsSeverity::Help,
    };
    let file = |f: prog_sema::FileId| ids[f.0 as usize];
    let mut labels = vec![Label::primary(file(d.location.file), d.location.span)];
    labels.extend(d.related.iter().map(|r| {
        Label::secondary(file(r.location.file), r.location.span).with_message(terminal(&r.message))
    }));
    CsDiagnostic::new(severity)
        .with_code(d.code.as_str())
        .with_message(terminal(&d.message))
        .with_labels(labels)
        .with_notes(d.hint.iter().map(|h| format!("hint: {}", terminal(h))).collect())
}

#[derive(Serialize)]
struct JsonPosition {
    /// 1-based.
    line: usize,
    /// 1-based, in characters.
    column: usize,
    /// Byte offset from the start of the file.
    offset: usize,
}

#[derive(Serialize)]
struct JsonLocation {
    file: String,
    start: JsonPosition,
    end: JsonPosition,
}

#[derive(Serialize)]
struct JsonRelated {
    #[serde(flatten)]
    location: JsonLocation,
    message: String,
}

#[derive(Serialize)]
struct JsonDiagnostic {
    #[serde(flatten)]
    location: JsonLocation,
    severity: &'static str,
    code: &'static str,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    hint: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<JsonRelated>,
}
