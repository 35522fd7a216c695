//! Byte offsets to line and column, and back. Columns are counted in UTF-8
//! bytes inside; UTF-16 code units only at the edge, for editors that ask.

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

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
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

    /// The byte offset of a line and UTF-8 column, `None` past the text.
    pub fn offset(&self, pos: LineCol) -> Option<usize> {
        let start = *self.line_starts.get(pos.line as usize)?;
        let end = self.line_end(pos.line as usize);
        let offset = start + pos.col as usize;
        (offset <= end).then_some(offset)
    }

    /// The span of a whole line, without its line break.
    pub fn line_span(&self, line: usize) -> Option<Span> {
        let start = *self.line_starts.get(line)?;
        Some(Span::new(start, self.line_end(line)))
    }

    fn line_end(&self, line: usize) -> usize {
        self.line_starts.get(line + 1).map_or(self.len, |next| next - 1)
    }

    /// The UTF-16 column of a UTF-8 column on `line` of `text`.
    pub fn utf16_col(&self, text: &str, pos: LineCol) -> u32 {
        let start = self
            .line_starts
            .get(pos.line as usize)
            .copied()
            .unwrap_or(self.len);
        let end = (start + pos.col as usize).min(self.len);
        text.get(start..end)
            .map_or(0, |s| s.encode_utf16().count() as u32)
    }

    /// The UTF-8 column of a UTF-16 column on `line` of `text`, clamped to the line.
    pub fn utf8_col(&self, text: &str, line: u32, utf16_col: u32) -> u32 {
        let Some(span) = self.line_span(line as usize) else {
            return 0;
        };
        let mut units = 0;
        for (i, c) in text[span.start..span.end].char_indices() {
            if units >= utf16_col {
                return i as u32;
            }
            units += c.len_utf16() as u32;
        }
        span.len() as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_to_lines_and_back() {
        let text = "ab\ncdé\n\nx";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        assert_eq!(index.line_col(0), LineCol { line: 0, col: 0 });
        assert_eq!(index.line_col(4), LineCol { line: 1, col: 1 });
        assert_eq!(index.line_col(8), LineCol { line: 2, col: 0 });
        assert_eq!(index.line_col(999), LineCol { line: 3, col: 1 });
        assert_eq!(index.offset(LineCol { line: 1, col: 4 }), Some(7));
        assert_eq!(index.offset(LineCol { line: 1, col: 5 }), None);
        assert_eq!(index.offset(LineCol { line: 9, col: 0 }), None);
    }

    #[test]
    fn utf16_columns_count_code_units() {
        let text = "é𝄞x";
        let index = LineIndex::new(text);
        // é is 2 bytes and 1 unit; 𝄞 is 4 bytes and 2 units.
        assert_eq!(index.utf16_col(text, LineCol { line: 0, col: 6 }), 3);
        assert_eq!(index.utf8_col(text, 0, 3), 6);
        assert_eq!(index.utf8_col(text, 0, 99), 7);
    }
}
