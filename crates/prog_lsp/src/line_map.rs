//! LSP positions and byte offsets: the one place that knows the position
//! encoding. Offsets are UTF-8 inside; columns are UTF-16 code units unless
//! the client chose UTF-8.

use prog_ide::{LineCol, LineIndex, Span};
use tower_lsp_server::ls_types::{Position, Range};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

/// One file's text and line index, seen through an encoding.
pub struct LineMap<'a> {
    pub text: &'a str,
    pub index: &'a LineIndex,
    pub encoding: Encoding,
}

impl LineMap<'_> {
    /// The byte offset of `pos`; a column past the end of its line means the
    /// end of the line (as the protocol says); `None` for a line past the end.
    pub fn offset(&self, pos: Position) -> Option<usize> {
        let line = self.index.line_span(pos.line as usize)?;
        let text = &self.text[line.start()..line.end()];
        let col = match self.encoding {
            Encoding::Utf8 => {
                let mut col = (pos.character as usize).min(text.len());
                while !text.is_char_boundary(col) {
                    col -= 1;
                }
                col
            }
            Encoding::Utf16 => {
                let mut units = 0;
                let mut col = text.len();
                for (i, c) in text.char_indices() {
                    if units >= pos.character as usize {
                        col = i;
                        break;
                    }
                    units += c.len_utf16();
                }
                col
            }
        };
        Some(line.start() + col)
    }

    pub fn position(&self, offset: usize) -> Position {
        let LineCol { line, col } = self.index.line_col(offset.min(self.text.len()));
        let character = match self.encoding {
            Encoding::Utf8 => col,
            Encoding::Utf16 => {
                let start = self.index.line_span(line as usize).map_or(0, |s| s.start());
                let mut end = start + col as usize;
                while !self.text.is_char_boundary(end) {
                    end -= 1;
                }
                self.text[start..end].encode_utf16().count() as u32
            }
        };
        Position { line, character }
    }

    pub fn range(&self, span: Span) -> Range {
        Range {
            start: self.position(span.start()),
            end: self.position(span.end()),
        }
    }

    pub fn span(&self, range: Range) -> Option<Span> {
        let start = self.offset(range.start)?;
        let end = self.offset(range.end)?;
        (start <= end).then_some(Span::new(start, end))
    }
}

/// The byte offset of `pos` in an open document's rope, with the same
/// rules as [`LineMap::offset`], except that a line past the end means the
/// end of the text (an edit there appends).
pub fn rope_offset(rope: &ropey::Rope, pos: Position, encoding: Encoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_bytes();
    }
    let start = rope.line_to_byte(line);
    let mut col = 0;
    let mut units = 0;
    for c in rope.line(line).chars() {
        if c == '\n' || c == '\r' || units >= pos.character as usize {
            break;
        }
        units += match encoding {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        };
        if units > pos.character as usize {
            break;
        }
        col += c.len_utf8();
    }
    start + col
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map<'a>(text: &'a str, index: &'a LineIndex, encoding: Encoding) -> LineMap<'a> {
        LineMap {
            text,
            index,
            encoding,
        }
    }

    #[test]
    fn utf16_columns_count_surrogate_pairs_and_utf8_columns_count_bytes() {
        let text = "task a \"é😀x\" {}\nb";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap();
        let utf16 = map(text, &index, Encoding::Utf16);
        assert_eq!(utf16.position(x), Position::new(0, 11));
        assert_eq!(utf16.offset(Position::new(0, 11)), Some(x));
        let utf8 = map(text, &index, Encoding::Utf8);
        assert_eq!(utf8.position(x), Position::new(0, x as u32));
        assert_eq!(utf8.offset(Position::new(0, x as u32)), Some(x));
    }

    #[test]
    fn out_of_range_positions_clamp_to_the_line_or_fail_past_the_last_line() {
        let text = "ab\ncd";
        let index = LineIndex::new(text);
        let m = map(text, &index, Encoding::Utf16);
        assert_eq!(m.offset(Position::new(0, 99)), Some(2));
        assert_eq!(m.offset(Position::new(1, 1)), Some(4));
        assert_eq!(m.offset(Position::new(7, 0)), None);
        // Inside a multi-byte character (UTF-8 column): back to its start.
        let text = "é";
        let index = LineIndex::new(text);
        assert_eq!(
            map(text, &index, Encoding::Utf8).offset(Position::new(0, 1)),
            Some(0)
        );
    }

    #[test]
    fn rope_offsets_agree_with_the_line_map() {
        let text = "task a \"é😀x\" {}\r\nb\rc\n";
        let rope = ropey::Rope::from_str(text);
        let index = LineIndex::new(text);
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            let m = map(text, &index, encoding);
            for offset in (0..=text.len()).filter(|o| text.is_char_boundary(*o)) {
                let pos = m.position(offset);
                if text[..offset].ends_with('\r') {
                    continue;
                }
                assert_eq!(rope_offset(&rope, pos, encoding), offset, "{encoding:?} {pos:?}");
            }
        }
        assert_eq!(
            rope_offset(&rope, Position::new(9, 0), Encoding::Utf16),
            text.len()
        );
    }
}
