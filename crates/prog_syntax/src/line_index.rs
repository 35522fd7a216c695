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
        let mut i = 0;
        while i < bytes.len() {
            let width = match (bytes[i], bytes.get(i + 1)) {
                (b'\r', Some(b'\n')) => 2,
                (b'\r' | b'\n', _) => 1,
                _ => 0,
            };
            if width == 0 {
                i += 1;
                continue;
            }
            line_ends.push(i);
            i += width;
            line_starts.push(i);
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
}
