//! Cutting a file at its top-level items, grouped in chunks, and cutting
//! it again after an edit by scanning only around the change.
//!
//! An item starts at an item keyword outside braces. At such a start the
//! lexer's whole state is "depth 0, at a token start", so two scans that
//! reach the same start in the same text agree from there on.
//!
//! Items are grouped in chunks, the unit the database memoises: a plan of
//! 22,000 top-level items is a few thousand chunks, so what an edit costs
//! does not grow with the number of items. Where a chunk ends depends only
//! on the items since its start (see [`Rule`]), so a re-cut rescans from the
//! chunk before the change and stops at the first chunk start, past the
//! change, that the old cut also had.

use std::sync::Arc;

use prog_syntax::TokenKind;

/// Where an item starts, and whether it is an `import`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Cut {
    pub offset: usize,
    /// The item's first token, trivia aside: `import`, `program`, ...
    pub keyword: Option<TokenKind>,
    /// The `task`, `milestone`, `group` and `external` keywords in the
    /// item, its own included: at most as many tasks as it declares, for
    /// resolution to make room for them up front.
    pub tasks: u32,
}

impl Cut {
    pub fn is_import(&self) -> bool {
        self.keyword == Some(TokenKind::Import)
    }
}

/// Consecutive items: where the first starts, how long they are together,
/// and each item (offsets from the chunk's start).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ChunkCut {
    pub offset: usize,
    pub len: usize,
    pub items: Arc<[Cut]>,
}

/// Where chunks end: after an item whose head (its keyword and name)
/// hashes to a multiple of `every` (content-defined, so the same items end
/// chunks wherever they move, and an edit inside an item, to a value, a
/// title or a comment, moves no chunk boundary: the numbering of the
/// chunks, which resolution sees, stays), or once a chunk holds `items`
/// items or `bytes` bytes.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Rule {
    pub every: u64,
    pub items: usize,
    pub bytes: usize,
}

/// About 32 items a chunk, never more than 128 or (but for its last item)
/// 16 KB: an edit parses and lowers a few KB again. Against 16 items and
/// 8 KB, an edit on a plan of 22,000 items verifies half the chunks: 15 %
/// fewer instructions for a comment edit, 8 % for a duration edit (64
/// items: the comment edit lost what the duration edit gained).
pub(crate) const CHUNKS: Rule = Rule {
    every: 32,
    items: 128,
    bytes: 16384,
};

impl Rule {
    /// Whether a chunk of `items` items and `bytes` bytes, whose last item
    /// is `item`, ends there.
    fn ends(&self, item: &str, items: usize, bytes: usize) -> bool {
        items >= self.items || bytes >= self.bytes || fnv(head(item)).is_multiple_of(self.every)
    }
}

/// An item's keyword and name: its first two words. Empty for the leading
/// comments and blanks of a file, the one item that does not start with a
/// keyword, so that editing them moves no boundary either.
fn head(item: &str) -> &str {
    if !item.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return "";
    }
    // Byte by byte while the head is ASCII, as nearly every one is: a
    // byte past ASCII may start a space of Unicode's, which `words` knows.
    let bytes = item.as_bytes();
    let space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r');
    let mut at = 0;
    for wanted_space in [false, true, false] {
        while let Some(&b) = bytes.get(at).filter(|&&b| space(b) == wanted_space) {
            if !b.is_ascii() {
                return words(item);
            }
            at += 1;
        }
        if bytes.get(at).is_some_and(|b| !b.is_ascii()) {
            return words(item);
        }
    }
    item[..at].trim_end()
}

/// [`head`] by Unicode's words.
fn words(item: &str) -> &str {
    let mut words = item.split_whitespace();
    let (Some(first), Some(second)) = (words.next(), words.next()) else {
        return item.trim_end();
    };
    let end = second.as_ptr() as usize + second.len() - item.as_ptr() as usize;
    debug_assert!(item[..end].starts_with(first));
    &item[..end]
}

fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// `text` cut into chunks, each chunk's text given to `make`.
pub(crate) fn cut<T>(text: &str, rule: Rule, mut make: impl FnMut(&str) -> T) -> Vec<(ChunkCut, T)> {
    let (chunks, _) = scan_chunks(text, 0, rule, |_| false);
    with_texts(text, chunks, &mut make)
}

/// The chunks of `new`, given the chunks `old` of the last text, each
/// with what `make` gave for its text, which `text_of` reads back: the
/// chunks before and after the changed bytes are taken over (moved), only
/// those in between are scanned and given to `make`. Equal to
/// `cut(new, ..)`. The last text is read from its chunks, which cover it:
/// no copy of it is kept beside them.
pub(crate) fn recut<T: Clone>(
    old: &[(ChunkCut, T)],
    text_of: impl Fn(&T) -> &str,
    new: &str,
    rule: Rule,
    mut make: impl FnMut(&str) -> T,
) -> Vec<(ChunkCut, T)> {
    let old_len = old.last().map_or(0, |(c, _)| c.offset + c.len);
    let prefix = chunks_prefix(old, &text_of, new.as_bytes());
    let suffix = chunks_suffix(old, &text_of, prefix, new.as_bytes());
    // The change may extend the item before it (its final token into a
    // following keyword: `}x` before `task`), and the item before that
    // one is scanned again too, as when cutting items alone. Those are in
    // the chunk holding the change or the two before it (a big item is a
    // chunk of its own); the start of the chunk before those depends only
    // on the chunks before it, which are kept.
    let before = old.partition_point(|(c, _)| c.offset < prefix);
    let kept = before.saturating_sub(3);
    let start = old.get(kept).map_or(0, |(c, _)| c.offset);
    let changed_end = new.len() - suffix;
    // Byte i of `new` is byte `i - grown` of the last text for every i at or
    // after `changed_end`.
    let grown = new.len() as isize - old_len as isize;
    let old_index = |offset: usize| {
        let at = (offset as isize - grown) as usize;
        old.binary_search_by_key(&at, |(c, _)| c.offset).ok()
    };
    let (scanned, resume) = scan_chunks(new, start, rule, |offset| {
        offset >= changed_end && old_index(offset).is_some()
    });
    let mut chunks = old[..kept].to_vec();
    // A chunk scanned again that is also an old one (the same text and
    // items, where it was or moved by the change) keeps what it had: only
    // new chunk texts are made. Edits far apart (a whole-text change)
    // rescan everything between them.
    let unchanged = |c: &ChunkCut| {
        let text = &new[c.offset..c.offset + c.len];
        [c.offset as isize, c.offset as isize - grown]
            .into_iter()
            .filter_map(|at| usize::try_from(at).ok())
            .find_map(|at| {
                let old = &old[old.binary_search_by_key(&at, |(o, _)| o.offset).ok()?];
                let same = old.0.len == c.len && old.0.items == c.items && text_of(&old.1) == text;
                same.then(|| old.1.clone())
            })
    };
    chunks.extend(scanned.into_iter().map(|c| match unchanged(&c) {
        Some(made) => (c, made),
        None => {
            let made = make(&new[c.offset..c.offset + c.len]);
            (c, made)
        }
    }));
    if let Some(resume) = resume.and_then(old_index) {
        chunks.extend(old[resume..].iter().map(|(c, t)| {
            let offset = (c.offset as isize + grown) as usize;
            (ChunkCut { offset, ..c.clone() }, t.clone())
        }));
    }
    chunks
}

fn with_texts<T>(text: &str, chunks: Vec<ChunkCut>, make: &mut impl FnMut(&str) -> T) -> Vec<(ChunkCut, T)> {
    chunks
        .into_iter()
        .map(|c| {
            let made = make(&text[c.offset..c.offset + c.len]);
            (c, made)
        })
        .collect()
}

/// The chunks of `text` from `start`, which starts a chunk (or the file);
/// stops before the first later chunk start for which `stop` holds, and
/// returns it.
fn scan_chunks(
    text: &str,
    start: usize,
    rule: Rule,
    stop: impl FnMut(usize) -> bool,
) -> (Vec<ChunkCut>, Option<usize>) {
    let mut chunker = Chunker {
        text,
        rule,
        stop,
        starts: vec![start],
        items: 0,
        bytes: 0,
        last: None,
        resume: None,
    };
    let mut previous = start;
    let (mut cuts, _) = scan(text, start, |at| {
        let stopped = chunker.item(previous, at);
        previous = at;
        stopped
    });
    if chunker.resume.is_none() && cuts.last().is_some_and(|c| c.offset == previous) {
        chunker.item(previous, text.len());
    }
    let resume = chunker.resume;
    let end = resume.unwrap_or(text.len());
    // The item the scan stopped before was scanned to decide that.
    cuts.retain(|c| resume.is_none_or(|r| c.offset < r));
    let starts = chunker.starts;
    let mut cuts = cuts.into_iter().peekable();
    let chunks = starts
        .iter()
        .enumerate()
        .map(|(i, &offset)| {
            let next = starts.get(i + 1).copied();
            let chunk_end = next.unwrap_or(end);
            let mut items = Vec::new();
            // The last chunk takes every cut left: the empty item of an
            // empty text starts at its end.
            while let Some(cut) = cuts.next_if(|c| next.is_none_or(|next| c.offset < next)) {
                items.push(Cut {
                    offset: cut.offset - offset,
                    ..cut
                });
            }
            ChunkCut {
                offset,
                len: chunk_end - offset,
                items: items.into(),
            }
        })
        .collect();
    (chunks, resume)
}

/// Groups items in chunks as the scan completes them. Whether a chunk
/// starts at an item is known once that item is complete: a big item (of
/// `rule.bytes` or more) is a chunk of its own, so that an edit next to it
/// does not parse it again.
struct Chunker<'a, S> {
    text: &'a str,
    rule: Rule,
    stop: S,
    starts: Vec<usize>,
    /// Items and bytes of the current chunk.
    items: usize,
    bytes: usize,
    /// The length of the last item, and whether the chunk ends after it by
    /// the rule.
    last: Option<(usize, bool)>,
    /// Where the scan stopped: a chunk start for which `stop` held.
    resume: Option<usize>,
}

impl<S: FnMut(usize) -> bool> Chunker<'_, S> {
    /// The item `start..end` is complete; true to stop before it.
    fn item(&mut self, start: usize, end: usize) -> bool {
        let len = end - start;
        if let Some((last_len, ends)) = self.last
            && (ends || last_len >= self.rule.bytes || len >= self.rule.bytes)
        {
            (self.items, self.bytes) = (0, 0);
            if (self.stop)(start) {
                self.resume = Some(start);
                return true;
            }
            self.starts.push(start);
        }
        self.items += 1;
        self.bytes += len;
        let ends = self.rule.ends(&self.text[start..end], self.items, self.bytes);
        self.last = Some((len, ends));
        false
    }
}

/// The item starts in `text` from `start`, which starts an item (or the
/// file); stops before the first later start for which `stop` holds, and
/// returns it. Past the first token, only braces and item keywords count:
/// those are read without lexing the rest ([`prog_syntax::landmarks`]).
fn scan(text: &str, start: usize, mut stop: impl FnMut(usize) -> bool) -> (Vec<Cut>, Option<usize>) {
    let mut cuts = Vec::new();
    let Some(first) = prog_syntax::tokens(&text[start..]).find(|t| !t.kind.is_trivia()) else {
        cuts.push(Cut {
            offset: start,
            keyword: None,
            tasks: 0,
        });
        return (cuts, None);
    };
    // The item at `start` is its blanks and comments alone when an item
    // keyword follows them; else it is named by its first token, whatever
    // that is.
    let at = start + first.span.start();
    let blanks_alone = first.kind.is_item_keyword() && at > start;
    if blanks_alone {
        cuts.push(Cut {
            offset: start,
            keyword: None,
            tasks: 0,
        });
        if stop(at) {
            return (cuts, Some(at));
        }
    }
    cuts.push(Cut {
        offset: if blanks_alone { at } else { start },
        keyword: Some(first.kind),
        tasks: u32::from(is_task_keyword(first.kind)),
    });
    let mut depth = usize::from(first.kind == TokenKind::LBrace);
    let from = start + first.span.end();
    for landmark in prog_syntax::landmarks(&text[from..]) {
        let at = from + landmark.offset;
        match landmark.kind {
            TokenKind::LBrace => depth += 1,
            TokenKind::RBrace => depth = depth.saturating_sub(1),
            kind if depth == 0 => {
                if stop(at) {
                    return (cuts, Some(at));
                }
                cuts.push(Cut {
                    offset: at,
                    keyword: Some(kind),
                    tasks: u32::from(is_task_keyword(kind)),
                });
            }
            kind => {
                if let Some(item) = cuts.last_mut().filter(|_| is_task_keyword(kind)) {
                    item.tasks += 1;
                }
            }
        }
    }
    (cuts, None)
}

/// Whether `kind` starts a declaration that becomes a task.
pub(crate) fn is_task_keyword(kind: TokenKind) -> bool {
    use TokenKind as T;
    matches!(kind, T::Task | T::Milestone | T::Group | T::External)
}

/// How many bytes the text of the chunks `old` has in common with `new`
/// from the start.
fn chunks_prefix<T>(old: &[(ChunkCut, T)], text_of: &impl Fn(&T) -> &str, new: &[u8]) -> usize {
    let mut at = 0;
    for (_, made) in old {
        let text = text_of(made).as_bytes();
        // Most chunks are the same: one `memcmp` each.
        if new[at..].starts_with(text) {
            at += text.len();
            continue;
        }
        return at + common_prefix(text, &new[at..]);
    }
    at
}

/// How many bytes the text of the chunks `old` after `prefix` has in
/// common with `new` after `prefix`, from the end.
fn chunks_suffix<T>(
    old: &[(ChunkCut, T)],
    text_of: &impl Fn(&T) -> &str,
    prefix: usize,
    new: &[u8],
) -> usize {
    let mut same = 0;
    for (chunk, made) in old.iter().rev() {
        let text = &text_of(made).as_bytes()[prefix.saturating_sub(chunk.offset)..];
        let rest = &new[prefix..new.len() - same];
        if !rest.ends_with(text) {
            return same + common_suffix(text, rest);
        }
        same += text.len();
        if chunk.offset <= prefix {
            break;
        }
    }
    same
}

/// Compared in blocks first: `memcmp` is much faster than a byte loop.
const BLOCK: usize = 256;

fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + BLOCK <= n && a[i..i + BLOCK] == b[i..i + BLOCK] {
        i += BLOCK;
    }
    while i < n && a[i] == b[i] {
        i += 1;
    }
    i
}

fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let (a, b) = (&a[a.len() - n..], &b[b.len() - n..]);
    let mut i = 0;
    while i + BLOCK <= n && a[n - i - BLOCK..n - i] == b[n - i - BLOCK..n - i] {
        i += BLOCK;
    }
    while i < n && a[n - i - 1] == b[n - i - 1] {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Small chunks, so that short texts have several.
    const SMALL: Rule = Rule {
        every: 3,
        items: 4,
        bytes: 24,
    };

    /// Every item's text and whether it is an import.
    fn items(text: &str) -> Vec<(String, bool)> {
        let chunks = cut(text, CHUNKS, str::to_string);
        let mut items = Vec::new();
        for (chunk, chunk_text) in &chunks {
            assert_eq!(chunk_text, &text[chunk.offset..chunk.offset + chunk.len]);
            let ends = chunk.items.iter().skip(1).map(|c| c.offset).chain([chunk.len]);
            for (item, end) in chunk.items.iter().zip(ends) {
                items.push((chunk_text[item.offset..end].to_string(), item.is_import()));
            }
        }
        items
    }

    #[test]
    fn cuts_before_item_keywords_outside_braces() {
        let text = "# intro\nimport \"a.prog\"\ntask a { x { task } }\n\"task\" milestone m";
        let pieces: Vec<(String, bool)> = items(text);
        let expected = [
            ("# intro\n", false),
            ("import \"a.prog\"\n", true),
            ("task a { x { task } }\n\"task\" ", false),
            ("milestone m", false),
        ];
        assert_eq!(pieces, expected.map(|(t, i)| (t.to_string(), i)));
    }

    #[test]
    fn an_item_is_an_import_when_its_first_token_is_one() {
        assert!(items("import \"a\" task b")[0].1);
        // Leading trivia is an item of its own, as at every other item start.
        let all = items("  import \"a\"");
        assert_eq!(all[0], ("  ".to_string(), false));
        assert!(all[1].1);
        assert_eq!(items(""), [(String::new(), false)]);
    }

    /// An item's head, read byte by byte, is what Unicode's words make it.
    #[test]
    fn heads_are_the_first_two_words() {
        let pieces = [
            "task",
            "t1",
            " ",
            "\t",
            "\n",
            "\u{b}",
            "\u{a0}",
            "\u{85}",
            "é",
            "{",
            "x\u{2003}y",
            "\r\n",
        ];
        let mut rng = fastrand::Rng::with_seed(3);
        for _ in 0..20_000 {
            let item: String = (0..rng.usize(0..7))
                .map(|_| pieces[rng.usize(..pieces.len())])
                .collect();
            let expected = if item.starts_with(|c: char| c.is_ascii_alphabetic()) {
                words(&item)
            } else {
                ""
            };
            assert_eq!(head(&item), expected, "{item:?}");
        }
        assert_eq!(head("task a { duration 1d }"), "task a");
        assert_eq!(head("milestone\n  m"), "milestone\n  m");
        assert_eq!(head("program  "), "program");
    }

    /// Item starts as every token says: an item keyword outside braces
    /// starts one, the leading blanks are one when a keyword follows them,
    /// and task keywords are counted in the item that holds them.
    #[test]
    fn items_start_where_the_lexer_says() {
        fn by_lexer(text: &str) -> Vec<Cut> {
            let mut cuts: Vec<Cut> = Vec::new();
            let mut depth = 0usize;
            for t in prog_syntax::tokens(text).filter(|t| !t.kind.is_trivia()) {
                let (at, kind) = (t.span.start(), t.kind);
                if cuts.is_empty() && kind.is_item_keyword() && at > 0 {
                    cuts.push(Cut {
                        offset: 0,
                        keyword: None,
                        tasks: 0,
                    });
                }
                if cuts.is_empty() || (depth == 0 && kind.is_item_keyword()) {
                    let offset = if cuts.is_empty() { 0 } else { at };
                    cuts.push(Cut {
                        offset,
                        keyword: Some(kind),
                        tasks: 0,
                    });
                    cuts.last_mut().unwrap().tasks = u32::from(is_task_keyword(kind));
                    depth = usize::from(kind == TokenKind::LBrace);
                    continue;
                }
                match kind {
                    TokenKind::LBrace => depth += 1,
                    TokenKind::RBrace => depth = depth.saturating_sub(1),
                    kind if is_task_keyword(kind) => cuts.last_mut().unwrap().tasks += 1,
                    _ => {}
                }
            }
            if cuts.is_empty() {
                cuts.push(Cut {
                    offset: 0,
                    keyword: None,
                    tasks: 0,
                });
            }
            cuts
        }
        let pieces = [
            " ", "\n", "# c\n", "task", "group", "person", "x", "{", "}", "\"{\"", "5d", ",",
        ];
        let mut rng = fastrand::Rng::with_seed(9);
        for _ in 0..20_000 {
            let text: String = (0..rng.usize(0..10))
                .map(|_| pieces[rng.usize(..pieces.len())])
                .collect();
            assert_eq!(scan(&text, 0, |_| false).0, by_lexer(&text), "{text:?}");
        }
    }

    #[test]
    fn chunks_end_where_their_items_say() {
        let text: String = (0..40).map(|i| format!("task t{i} {{}}\n")).collect();
        let chunks = cut(&text, SMALL, |_| ());
        assert!(chunks.len() > 10, "{chunks:?}");
        assert!(chunks.iter().all(|(c, _)| c.items.len() <= 4));
        // The chunks cover the text, in order.
        let ends: Vec<usize> = chunks.iter().map(|(c, _)| c.offset + c.len).collect();
        let starts: Vec<usize> = chunks.iter().skip(1).map(|(c, _)| c.offset).collect();
        assert_eq!(&ends[..ends.len() - 1], &starts[..]);
        assert_eq!(ends.last(), Some(&text.len()));
    }

    #[test]
    fn a_recut_rescans_only_near_the_change() {
        let old: String = (0..200).map(|i| format!("task t{i} {{}}\n")).collect();
        let new = old.replace("task t100 {}", "task t100 { duration 2d }");
        let old_chunks = cut(&old, SMALL, str::to_string);
        let mut made = Vec::new();
        let chunks = recut(&old_chunks, String::as_str, &new, SMALL, |t| {
            made.push(t.to_string());
            t.to_string()
        });
        assert_eq!(chunks, cut(&new, SMALL, str::to_string));
        assert!(made.len() <= 4, "{made:?}");
        assert!(made.iter().any(|t| t.contains("duration 2d")));
    }

    /// Text made of the pieces that matter to cutting.
    fn source() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("task "),
            Just("import "),
            Just("group "),
            Just("{"),
            Just("}"),
            Just("\""),
            Just("#"),
            Just("\n"),
            Just(" "),
            Just("a"),
            Just("x"),
            Just("é"),
        ];
        prop::collection::vec(piece, 0..120).prop_map(|p| p.concat())
    }

    proptest! {
        #[test]
        fn a_recut_equals_a_fresh_cut(old in source(), at in any::<usize>(), len in 0usize..12, insert in source()) {
            let mut start = at % (old.len() + 1);
            while !old.is_char_boundary(start) { start -= 1; }
            let mut end = (start + len).min(old.len());
            while !old.is_char_boundary(end) { end += 1; }
            let insert: String = insert.chars().take(8).collect();
            let new = format!("{}{insert}{}", &old[..start], &old[end..]);
            for rule in [SMALL, CHUNKS] {
                let old_chunks = cut(&old, rule, str::to_string);
                prop_assert_eq!(recut(&old_chunks, String::as_str, &new, rule, str::to_string), cut(&new, rule, str::to_string));
            }
        }
    }
}
