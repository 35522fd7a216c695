//! Byte offsets to line and column: the one place that finds lines. Columns
//! are counted in UTF-8 bytes; the language server turns them into UTF-16
//! code units at its edge, for editors that ask.

use crate::Span;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineIndex {
    /// Byte offset of the start of every line; the first is 0.
    line_starts: Vec<usize>,
    len: usize,
}

/// A zero-based position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex {
            line_starts,
            len: text.len(),
        }
    }

    /// The line and UTF-8 column of `offset` (clamped to the text).
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = offset.min(self.len);
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        LineCol {
            line: line as u32,
            col: (offset - self.line_starts[line]) as u32,
        }
    }

    /// The span of a whole line, without its line break.
    pub fn line_span(&self, line: usize) -> Option<Span> {
        let start = *self.line_starts.get(line)?;
        Some(Span::new(start, self.line_end(line)))
    }

    fn line_end(&self, line: usize) -> usize {
        self.line_starts.get(line + 1).map_or(self.len, |next| next - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_to_lines_and_lines_to_spans() {
        let text = "ab\ncdé\n\nx";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(0), LineCol { line: 0, col: 0 });
        assert_eq!(index.line_col(4), LineCol { line: 1, col: 1 });
        assert_eq!(index.line_col(8), LineCol { line: 2, col: 0 });
        assert_eq!(index.line_col(999), LineCol { line: 3, col: 1 });
        assert_eq!(index.line_span(1), Some(Span::new(3, 7)));
        assert_eq!(index.line_span(3), Some(Span::new(9, 10)));
        assert_eq!(index.line_span(4), None);
    }
}
