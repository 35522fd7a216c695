//! The source lines a diagnostic shows, clipped around its labels: a plan
//! written on one line of megabytes shows a window of that line, not all
//! of it, for each diagnostic.
//!
//! codespan-reporting prints `source[line_range(line)]` for every line it
//! shows, so the clipping is a `Files` whose line ranges are windows of the
//! real lines. Line and column numbers stay those of the real file.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::ops::Range;

use codespan_reporting::diagnostic::Diagnostic;
use codespan_reporting::files::{Error, Files, SimpleFiles};

/// Lines longer than this (in bytes) show only a window.
const LONG_LINE: usize = 160;
/// Bytes shown before the first label and after the last on a long line.
const CONTEXT: usize = 40;

/// Characters are counted from these checkpoints (every this many bytes),
/// so that a column on a long line costs no more than on a short one.
const CHECKPOINT: usize = 4096;

/// `files` as the diagnostic last focused on shows them.
pub struct ClippedFiles<'a> {
    files: &'a SimpleFiles<String, Cow<'a, str>>,
    /// The window shown of each long line that has a label: (file, line, window).
    windows: Vec<(usize, usize, Range<usize>)>,
    /// Per file, the characters before each checkpoint, made when first needed.
    checkpoints: Vec<OnceCell<Vec<usize>>>,
}

impl<'a> ClippedFiles<'a> {
    pub fn new(files: &'a SimpleFiles<String, Cow<'a, str>>, count: usize) -> Self {
        ClippedFiles {
            files,
            windows: Vec::new(),
            checkpoints: (0..count).map(|_| OnceCell::new()).collect(),
        }
    }

    /// Shows the files as `diagnostic` needs them: its labels clipped to
    /// the windows of long lines, with a note for each clipped line.
    pub fn focus(&mut self, diagnostic: &mut Diagnostic<usize>) {
        let files = self.files;
        self.windows.clear();
        // The label ends on each long line, by (file, line).
        let mut points: Vec<(usize, usize, usize)> = Vec::new();
        for label in &diagnostic.labels {
            for at in [label.range.start, label.range.end] {
                if let Ok(line) = files.line_index(label.file_id, at)
                    && self.real_line(label.file_id, line).len() > LONG_LINE
                {
                    points.push((label.file_id, line, at));
                }
            }
        }
        points.sort_unstable();
        for group in points.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
            let (file, line) = (group[0].0, group[0].1);
            let (first, last) = (group[0].2, group[group.len() - 1].2);
            let real = self.real_line(file, line);
            let start = first.saturating_sub(CONTEXT).max(real.start);
            let end = (last + CONTEXT).min(start + LONG_LINE).min(real.end);
            let window = self.char_floor(file, start)..self.char_floor(file, end);
            let columns = self.column(file, line, window.start)..self.column(file, line, window.end);
            diagnostic.notes.push(format!(
                "note: line {} is {} characters long: shown from column {} to {}",
                line + 1,
                self.column(file, line, real.end) - 1,
                columns.start,
                columns.end
            ));
            self.windows.push((file, line, window));
        }
        for label in &mut diagnostic.labels {
            let window = |at: usize| {
                let line = files.line_index(label.file_id, at).ok()?;
                self.window(label.file_id, line)
            };
            if let Some(w) = window(label.range.start) {
                label.range.start = label.range.start.clamp(w.start, w.end);
            }
            if let Some(w) = window(label.range.end) {
                label.range.end = label.range.end.clamp(w.start, w.end);
            }
            label.range.end = label.range.end.max(label.range.start);
        }
    }

    fn window(&self, file: usize, line: usize) -> Option<Range<usize>> {
        self.windows
            .iter()
            .find(|(f, l, _)| (*f, *l) == (file, line))
            .map(|(_, _, w)| w.clone())
    }

    /// The line as it is in the file, without its line break.
    fn real_line(&self, file: usize, line: usize) -> Range<usize> {
        let range = self.files.line_range(file, line).unwrap_or(0..0);
        let text = self.files.source(file).map(|s| &s[range.clone()]).unwrap_or("");
        range.start..range.start + text.trim_end_matches(['\n', '\r']).len()
    }

    /// `at`, moved back to the start of the character it is in.
    fn char_floor(&self, file: usize, mut at: usize) -> usize {
        let source = self.files.source(file).unwrap_or("");
        at = at.min(source.len());
        while !source.is_char_boundary(at) {
            at -= 1;
        }
        at
    }

    /// The 1-based column of `at` in the real line.
    fn column(&self, file: usize, line: usize, at: usize) -> usize {
        let start = self.real_line(file, line).start;
        // A column fewer than CHECKPOINT bytes into its line is counted
        // from the line's start; a later one from the checkpoints.
        if at.saturating_sub(start) < CHECKPOINT {
            let bytes = self.files.source(file).unwrap_or("").as_bytes();
            let line = bytes.get(start..at.min(bytes.len())).unwrap_or(&[]);
            return chars_in(line) + 1;
        }
        self.chars_before(file, at)
            .saturating_sub(self.chars_before(file, start))
            + 1
    }

    /// How many characters the file has before byte `at`: the bytes that
    /// begin a character, counted from the checkpoint before `at`.
    fn chars_before(&self, file: usize, at: usize) -> usize {
        let bytes = self.files.source(file).unwrap_or("").as_bytes();
        let at = at.min(bytes.len());
        let Some(cell) = self.checkpoints.get(file) else {
            return chars_in(&bytes[..at]);
        };
        let checkpoints = cell.get_or_init(|| {
            let mut total = 0;
            let mut out = vec![0];
            for chunk in bytes.chunks(CHECKPOINT) {
                total += chars_in(chunk);
                out.push(total);
            }
            out
        });
        let k = at / CHECKPOINT;
        checkpoints[k] + chars_in(&bytes[k * CHECKPOINT..at])
    }
}

/// How many characters `bytes` holds: the bytes that begin one.
fn chars_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

impl<'a> Files<'a> for ClippedFiles<'a> {
    type FileId = usize;
    type Name = String;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<String, Error> {
        self.files.name(id)
    }

    fn source(&'a self, id: usize) -> Result<&'a str, Error> {
        self.files.source(id)
    }

    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, Error> {
        self.files.line_index(id, byte_index)
    }

    fn column_number(&'a self, id: usize, line_index: usize, byte_index: usize) -> Result<usize, Error> {
        Ok(self.column(id, line_index, byte_index))
    }

    /// The window of a long line with a label; the start of any other long
    /// line (one between the ends of a label over several lines).
    fn line_range(&'a self, id: usize, line_index: usize) -> Result<Range<usize>, Error> {
        if let Some(window) = self.window(id, line_index) {
            return Ok(window);
        }
        let range = self.files.line_range(id, line_index)?;
        if range.len() <= LONG_LINE {
            return Ok(range);
        }
        Ok(range.start..self.char_floor(id, range.start + LONG_LINE))
    }
}
