//! Byte offsets to line and column: the one place that finds lines. Columns
//! are counted in UTF-8 bytes; the language server turns them into UTF-16
//! code units at its edge, for editors that ask.

use crate::Span;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineIndex {
    /// Byte offset of the start of every line; the first is 0.
    line_starts: Vec<usize>,
    /// Byte offset of the end of every line, before its line break.
    line_ends: Vec<usize>,
}

/// A zero-based position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

impl LineIndex {
    /// The lines of `text`, each ended by `\n`, `\r\n` or a lone `\r`, as
    /// the Language Server Protocol counts them.
    pub fn new(text: &str) -> LineIndex {
        let (mut line_starts, mut line_ends) = (vec![0], Vec::new());
        let bytes = text.as_bytes();
        // Found with memchr: the language server builds the index of a
        // document after each of its edits.
        let mut breaks = memchr::memchr2_iter(b'\n', b'\r', bytes);
        while let Some(i) = breaks.next() {
            line_ends.push(i);
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                breaks.next();
                line_starts.push(i + 2);
            } else {
                line_starts.push(i + 1);
            }
        }
        line_ends.push(text.len());
        LineIndex {
            line_starts,
            line_ends,
        }
    }

    /// The line and UTF-8 column of `offset` (clamped to the text).
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = offset.min(self.len());
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
        self.line_ends[line]
    }

    /// The length of the text.
    fn len(&self) -> usize {
        self.line_ends.last().copied().unwrap_or(0)
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

    #[test]
    fn cr_lf_and_crlf_each_end_a_line() {
        // As the LSP counts lines: `\r`, `\n` and `\r\n` are line breaks.
        let text = "ab\rcd\r\nef\ng";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(3), LineCol { line: 1, col: 0 });
        assert_eq!(index.line_col(5), LineCol { line: 1, col: 2 });
        assert_eq!(index.line_col(7), LineCol { line: 2, col: 0 });
        assert_eq!(index.line_col(10), LineCol { line: 3, col: 0 });
        assert_eq!(index.line_span(0), Some(Span::new(0, 2)));
        assert_eq!(index.line_span(1), Some(Span::new(3, 5)), "without the CRLF");
        assert_eq!(index.line_span(2), Some(Span::new(7, 9)));
        assert_eq!(index.line_span(3), Some(Span::new(10, 11)));
    }

    #[test]
    fn a_cr_before_a_crlf_and_a_cr_at_the_end_are_breaks_too() {
        let index = LineIndex::new("a\r\r\nb\r");
        let lines: Vec<Span> = (0..5).filter_map(|l| index.line_span(l)).collect();
        let expected = [Span::new(0, 1), Span::new(2, 2), Span::new(4, 5), Span::new(6, 6)];
        assert_eq!(lines, expected);
    }
}
