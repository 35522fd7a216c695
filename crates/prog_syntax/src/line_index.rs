//! Byte offsets to line and column: the one place that finds lines. Columns
//! are counted in UTF-8 bytes; the language server turns them into UTF-16
//! code units at its edge, for editors that ask.

use crate::Span;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineIndex {
    /// Byte offset of the start of every line; the first is 0.
    line_starts: Vec<usize>,
    /// The lines ended by `\r\n` (two bytes of line break, where `\n` or
    /// `\r` alone is one), in order: few texts have any.
    crlf: Vec<usize>,
    /// The length of the text.
    len: usize,
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
        let bytes = text.as_bytes();
        // The language server builds the index of a document after each of
        // its edits. Most texts have no `\r`: their lines are found 64
        // bytes at a time, the list grown as it goes and then fitted (a
        // count first took a fifth of the time).
        let mut line_starts = vec![0];
        let mut crlf = Vec::new();
        match memchr::memchr(b'\r', bytes) {
            None => newlines(bytes, |i| line_starts.push(i + 1)),
            Some(_) => {
                let mut breaks = memchr::memchr2_iter(b'\n', b'\r', bytes);
                while let Some(i) = breaks.next() {
                    if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                        breaks.next();
                        crlf.push(line_starts.len() - 1);
                        line_starts.push(i + 2);
                    } else {
                        line_starts.push(i + 1);
                    }
                }
            }
        }
        line_starts.shrink_to_fit();
        LineIndex {
            line_starts,
            crlf,
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
        match self.line_starts.get(line + 1) {
            Some(next) => next - 1 - usize::from(self.crlf.binary_search(&line).is_ok()),
            None => self.len,
        }
    }
}

/// Calls `found` with the offset of each `\n` of `bytes`, in order. Lines
/// are short: a search call per line (memchr's iterator) costs a hundred
/// instructions, where a mask of 64 bytes at a time costs a few per line.
fn newlines(bytes: &[u8], mut found: impl FnMut(usize)) {
    let mut at = 0;
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{__m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_set1_epi8};
        // SAFETY: SSE2 is part of every x86_64 processor, and each load
        // reads 16 of the 64 bytes of `block`, which are in `bytes`.
        unsafe {
            let newline = _mm_set1_epi8(b'\n' as i8);
            let mask_of = |from: *const u8| {
                let loaded = _mm_loadu_si128(from.cast::<__m128i>());
                u64::from(_mm_movemask_epi8(_mm_cmpeq_epi8(loaded, newline)) as u16)
            };
            for block in bytes.chunks_exact(64) {
                let p = block.as_ptr();
                let mut mask = mask_of(p)
                    | mask_of(p.add(16)) << 16
                    | mask_of(p.add(32)) << 32
                    | mask_of(p.add(48)) << 48;
                while mask != 0 {
                    found(at + mask.trailing_zeros() as usize);
                    mask &= mask - 1;
                }
                at += 64;
            }
        }
    }
    for (i, &b) in bytes.iter().enumerate().skip(at) {
        if b == b'\n' {
            found(i);
        }
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

    /// The lines as the protocol counts them, found one byte at a time.
    fn lines_one_by_one(text: &str) -> Vec<Span> {
        let b = text.as_bytes();
        let (mut lines, mut start, mut i) = (Vec::new(), 0, 0);
        while i < b.len() {
            if b[i] == b'\n' || b[i] == b'\r' {
                lines.push(Span::new(start, i));
                i += if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                start = i;
            } else {
                i += 1;
            }
        }
        lines.push(Span::new(start, b.len()));
        lines
    }

    proptest::proptest! {
        #[test]
        fn lines_are_found_as_one_byte_at_a_time_finds_them(
            text in "([ab\r\n]{0,3}|[\nxé]{0,40}|x{15,17}){0,40}"
        ) {
            let index = LineIndex::new(&text);
            let expected = lines_one_by_one(&text);
            let lines: Vec<Span> = (0..=expected.len()).filter_map(|l| index.line_span(l)).collect();
            proptest::prop_assert_eq!(lines, expected);
            let without_cr = text.replace('\r', "");
            let index = LineIndex::new(&without_cr);
            let expected = lines_one_by_one(&without_cr);
            let lines: Vec<Span> = (0..=expected.len()).filter_map(|l| index.line_span(l)).collect();
            proptest::prop_assert_eq!(lines, expected);
        }
    }

    #[test]
    fn a_cr_before_a_crlf_and_a_cr_at_the_end_are_breaks_too() {
        let index = LineIndex::new("a\r\r\nb\r");
        let lines: Vec<Span> = (0..5).filter_map(|l| index.line_span(l)).collect();
        let expected = [Span::new(0, 1), Span::new(2, 2), Span::new(4, 5), Span::new(6, 6)];
        assert_eq!(lines, expected);
    }
}
