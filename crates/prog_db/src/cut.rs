//! Cutting a file at its top-level items, and cutting it again after an
//! edit by scanning only around the change.
//!
//! An item starts at an item keyword outside braces. At such a start the
//! lexer's whole state is "depth 0, at a token start", so two scans that
//! reach the same start in the same text agree from there on: a re-cut
//! rescans from the item before the change and stops at the first start,
//! past the change, that the old cut also had.

use prog_syntax::TokenKind;

/// Where an item starts, and whether it is an `import`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Cut {
    pub offset: usize,
    pub import: bool,
}

/// `text` cut into items, each item's text given to `intern`.
pub(crate) fn cut<T>(text: &str, mut intern: impl FnMut(&str) -> T) -> Vec<(Cut, T)> {
    let (cuts, _) = scan(text, 0, |_| false);
    with_texts(text, cuts, text.len(), &mut intern)
}

/// The cut of `new`, given the cut `old` of `old_text`: the items before and
/// after the changed bytes are taken over (moved), only those in between are
/// scanned and given to `intern`. Equal to `cut(new, intern)`.
pub(crate) fn recut<T: Clone>(
    old_text: &str,
    old: &[(Cut, T)],
    new: &str,
    mut intern: impl FnMut(&str) -> T,
) -> Vec<(Cut, T)> {
    let prefix = common_prefix(old_text.as_bytes(), new.as_bytes());
    let suffix = common_suffix(&old_text.as_bytes()[prefix..], &new.as_bytes()[prefix..]);
    // Items that end before the change are kept, except the last one: the
    // change may extend its final token into a following keyword (`}x`
    // before `task`), so that item's end is scanned again.
    let before = old.partition_point(|(c, _)| c.offset < prefix);
    let kept = before.saturating_sub(2);
    let start = old.get(kept).map_or(0, |(c, _)| c.offset);
    let changed_end = new.len() - suffix;
    // `new[i]` is `old_text[i - grown]` for every i at or after `changed_end`.
    let grown = new.len() as isize - old_text.len() as isize;
    let old_index = |offset: usize| {
        let at = (offset as isize - grown) as usize;
        old.binary_search_by_key(&at, |(c, _)| c.offset).ok()
    };
    let (scanned, resume) = scan(new, start, |offset| {
        offset >= changed_end && old_index(offset).is_some()
    });
    let mut items = old[..kept].to_vec();
    let scanned_end = resume.unwrap_or(new.len());
    items.extend(with_texts(new, scanned, scanned_end, &mut intern));
    if let Some(resume) = resume.and_then(old_index) {
        items.extend(old[resume..].iter().map(|(c, t)| {
            let offset = (c.offset as isize + grown) as usize;
            (Cut { offset, ..*c }, t.clone())
        }));
    }
    items
}

/// Gives each cut its text, the last one up to `end`.
fn with_texts<T>(
    text: &str,
    cuts: Vec<Cut>,
    end: usize,
    intern: &mut impl FnMut(&str) -> T,
) -> Vec<(Cut, T)> {
    let ends: Vec<usize> = cuts.iter().skip(1).map(|c| c.offset).chain([end]).collect();
    cuts.into_iter()
        .zip(ends)
        .map(|(c, end)| (c, intern(&text[c.offset..end])))
        .collect()
}

/// The item starts in `text` from `start`, which starts an item (or the
/// file); stops before the first later start for which `stop` holds, and
/// returns it.
fn scan(text: &str, start: usize, mut stop: impl FnMut(usize) -> bool) -> (Vec<Cut>, Option<usize>) {
    let mut cuts = Vec::new();
    let mut depth = 0usize;
    // The item at `start` is an import if its first token is `import`.
    let mut first = Some(start);
    for token in prog_syntax::tokens(&text[start..]) {
        let at = start + token.span.start;
        match token.kind {
            kind if kind.is_trivia() => continue,
            kind if depth == 0 && kind.is_item_keyword() && at > start => {
                if let Some(offset) = first.take() {
                    cuts.push(Cut {
                        offset,
                        import: false,
                    });
                }
                if stop(at) {
                    return (cuts, Some(at));
                }
                cuts.push(Cut {
                    offset: at,
                    import: kind == TokenKind::Import,
                });
                continue;
            }
            TokenKind::LBrace => depth += 1,
            TokenKind::RBrace => depth = depth.saturating_sub(1),
            _ => {}
        }
        if let Some(offset) = first.take() {
            cuts.push(Cut {
                offset,
                import: token.kind == TokenKind::Import,
            });
        }
    }
    if let Some(offset) = first {
        cuts.push(Cut {
            offset,
            import: false,
        });
    }
    (cuts, None)
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

    fn texts(text: &str) -> Vec<(Cut, String)> {
        cut(text, str::to_string)
    }

    #[test]
    fn cuts_before_item_keywords_outside_braces() {
        let text = "# intro\nimport \"a.prog\"\ntask a { x { task } }\n\"task\" milestone m";
        let items = texts(text);
        let pieces: Vec<(&str, bool)> = items.iter().map(|(c, t)| (t.as_str(), c.import)).collect();
        assert_eq!(
            pieces,
            [
                ("# intro\n", false),
                ("import \"a.prog\"\n", true),
                ("task a { x { task } }\n\"task\" ", false),
                ("milestone m", false),
            ]
        );
    }

    #[test]
    fn an_item_is_an_import_when_its_first_token_is_one() {
        assert!(texts("import \"a\" task b")[0].0.import);
        // Leading trivia is an item of its own, as at every other item start.
        let items = texts("  import \"a\"");
        assert_eq!((items[0].1.as_str(), items[0].0.import), ("  ", false));
        assert!(items[1].0.import);
        assert!(!texts("")[0].0.import);
        assert_eq!(texts("").len(), 1);
    }

    #[test]
    fn a_recut_rescans_only_near_the_change() {
        let old = "task a {}\ntask b {}\ntask c {}\ntask d {}\ntask e {}\n";
        let new = old.replace("task c {}", "task c { duration 2d }");
        let old_items = texts(old);
        let mut interned = Vec::new();
        let items = recut(old, &old_items, &new, |t| {
            interned.push(t.to_string());
            t.to_string()
        });
        assert_eq!(items, texts(&new));
        assert_eq!(interned, ["task b {}\n", "task c { duration 2d }\n"]);
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
        prop::collection::vec(piece, 0..60).prop_map(|p| p.concat())
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
            let old_items = texts(&old);
            prop_assert_eq!(recut(&old, &old_items, &new, str::to_string), texts(&new));
        }
    }
}
