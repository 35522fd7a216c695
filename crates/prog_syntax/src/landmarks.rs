//! The braces and item keywords of a text, found without making every
//! token: cutting a file into items needs only where items may start and
//! how deep in braces each point is, and the lexer's full pass cost
//! several times as much. Finds exactly the braces and item keywords the
//! lexer ([`crate::tokens`]) finds, at the same offsets; a random test
//! holds the two together.

use memchr::memchr2;

use crate::lexer::TokenKind;

/// A brace or an item keyword, and where it starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Landmark {
    pub offset: usize,
    pub kind: TokenKind,
}

/// The landmarks of `text`, which starts at a token's start.
pub fn landmarks(text: &str) -> impl Iterator<Item = Landmark> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    // One loop over the bytes, a step per byte of blanks and of words: a
    // plan's text is mostly those.
    std::iter::from_fn(move || {
        while let Some(&byte) = bytes.get(at) {
            let start = at;
            at += 1;
            let kind = match CLASS[usize::from(byte)] {
                // Blanks, commas, characters no token starts with: tokens
                // that shape nothing.
                OTHER => continue,
                OPEN => TokenKind::LBrace,
                CLOSE => TokenKind::RBrace,
                QUOTE => {
                    at = string_end(bytes, start);
                    continue;
                }
                HASH => {
                    at = memchr2(b'\n', b'\r', &bytes[start..]).map_or(bytes.len(), |i| start + i);
                    continue;
                }
                DIGIT => {
                    at = number_end(bytes, start);
                    continue;
                }
                // A sign before a digit starts a duration or a malformed
                // number, which take no fraction.
                SIGN => {
                    if bytes.get(at).is_some_and(u8::is_ascii_digit) {
                        at = malformed_end(bytes, at);
                    }
                    continue;
                }
                class => {
                    while bytes.get(at).is_some_and(|&b| is_word(b)) {
                        at += 1;
                    }
                    match item_keyword(&bytes[start..at]).filter(|_| class == KEYWORD) {
                        Some(kind) => kind,
                        None => continue,
                    }
                }
            };
            return Some(Landmark { offset: start, kind });
        }
        None
    })
}

/// What a byte starts, for [`landmarks`].
const OTHER: u8 = 0;
/// A letter or `_` no item keyword starts with.
const WORD: u8 = 1;
/// A letter an item keyword starts with.
const KEYWORD: u8 = 2;
const DIGIT: u8 = 3;
const QUOTE: u8 = 4;
const HASH: u8 = 5;
const OPEN: u8 = 6;
const CLOSE: u8 = 7;
const SIGN: u8 = 8;

const CLASS: [u8; 256] = {
    let mut class = [OTHER; 256];
    let mut b = 0;
    while b < 256 {
        class[b] = match b as u8 {
            b'a' | b'c' | b'e' | b'g' | b'i' | b'm' | b'p' | b'r' | b's' | b't' => KEYWORD,
            b'A'..=b'Z' | b'a'..=b'z' | b'_' => WORD,
            b'0'..=b'9' => DIGIT,
            b'"' => QUOTE,
            b'#' => HASH,
            b'{' => OPEN,
            b'}' => CLOSE,
            b'+' | b'-' => SIGN,
            _ => OTHER,
        };
        b += 1;
    }
    class
};

/// How many bytes from the start of `bytes` are `class`.
fn run(bytes: &[u8], class: impl Fn(u8) -> bool) -> usize {
    bytes.iter().position(|&b| !class(b)).unwrap_or(bytes.len())
}

fn is_word(b: u8) -> bool {
    matches!(CLASS[usize::from(b)], WORD | KEYWORD | DIGIT)
}

/// Where the string token starting at `start` (its quote) ends: after its
/// closing quote, or, unterminated, before the line break, the end of the
/// text or a backslash that escapes nothing.
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut at = start + 1;
    loop {
        match bytes.get(at) {
            None | Some(b'\n' | b'\r') => return at,
            Some(b'"') => return at + 1,
            Some(b'\\') => match bytes.get(at + 1) {
                None | Some(b'\n') => return at,
                // A character of several bytes: its first is escaped, the
                // others are no quote, backslash or line break.
                Some(_) => at += 2,
            },
            Some(_) => at += 1,
        }
    }
}

/// Where the token starting with the digit at `start` ends: the longest of
/// what the lexer's number-like tokens match. `Malformed` (digits, letters,
/// `_`, `%`, `-`) covers dates and durations; numbers, percents and rates
/// may go further, by a fraction and a `%` or `/d` (a `%` after a number
/// with `_` is a token of its own to the lexer: no landmark either way).
fn number_end(bytes: &[u8], start: usize) -> usize {
    let malformed = malformed_end(bytes, start);
    let digits = |from: usize| from + run(&bytes[from..], |b| b.is_ascii_digit() || b == b'_');
    let mut number = digits(start + 1);
    if bytes.get(number) == Some(&b'.') && bytes.get(number + 1).is_some_and(u8::is_ascii_digit) {
        number = digits(number + 2);
    }
    match (bytes.get(number), bytes.get(number + 1)) {
        (Some(b'%'), _) => number += 1,
        (Some(b'/'), Some(b'd' | b'h')) => number += 2,
        _ => {}
    }
    malformed.max(number)
}

/// Where `Malformed` from the digit at `start` ends.
fn malformed_end(bytes: &[u8], start: usize) -> usize {
    start + 1 + run(&bytes[start + 1..], |b| is_word(b) || b == b'%' || b == b'-')
}

fn item_keyword(word: &[u8]) -> Option<TokenKind> {
    use TokenKind as T;
    // From `team` to `stakeholder`: most words (ids) are turned away here.
    if !(4..=11).contains(&word.len()) {
        return None;
    }
    Some(match word {
        b"program" => T::Program,
        b"person" => T::Person,
        b"team" => T::Team,
        b"task" => T::Task,
        b"milestone" => T::Milestone,
        b"group" => T::Group,
        b"risk" => T::Risk,
        b"approval" => T::Approval,
        b"calendar" => T::Calendar,
        b"import" => T::Import,
        b"stakeholder" => T::Stakeholder,
        b"action" => T::Action,
        b"external" => T::External,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::{CLASS, KEYWORD, Landmark, item_keyword, landmarks};
    use crate::lexer::{KEYWORDS, TokenKind, tokens};

    fn by_lexer(text: &str) -> Vec<Landmark> {
        tokens(text)
            .filter(|t| matches!(t.kind, TokenKind::LBrace | TokenKind::RBrace) || t.kind.is_item_keyword())
            .map(|t| Landmark {
                offset: t.span.start(),
                kind: t.kind,
            })
            .collect()
    }

    /// Random texts of pieces that meet at every edge the lexer has: keywords
    /// against letters, digits and signs, numbers with fractions, percents
    /// and rates, strings with escapes and line breaks, comments, non-ASCII.
    #[test]
    fn finds_what_the_lexer_finds() {
        let pieces = [
            "task",
            "group",
            "milestone",
            "external",
            "program",
            "calendar",
            "import",
            "tasks",
            "_",
            "x",
            "t1",
            " ",
            "\n",
            "\r",
            "\t",
            "\u{b}",
            "{",
            "}",
            ",",
            ".",
            "..",
            "\"",
            "\\",
            "#",
            "%",
            "/",
            "/d",
            "/h",
            "-",
            "+",
            "1",
            "12",
            "2027-01-04",
            "5d",
            "1_0",
            ".5",
            "é",
            "\u{feff}",
            "d",
            "h",
            "\"a\\\"b\"",
            "\\\r",
            "\\\n",
        ];
        let mut rng = fastrand::Rng::with_seed(5);
        for _ in 0..100_000 {
            let text: String = (0..rng.usize(0..12))
                .map(|_| pieces[rng.usize(..pieces.len())])
                .collect();
            assert_eq!(landmarks(&text).collect::<Vec<_>>(), by_lexer(&text), "{text:?}");
        }
    }

    /// Every keyword of the lexer is an item keyword here exactly when it
    /// is one there: a new item keyword must be added to both.
    #[test]
    fn item_keywords_are_the_lexers() {
        for keyword in KEYWORDS {
            let text = keyword.keyword_text().unwrap();
            assert_eq!(
                item_keyword(text.as_bytes()).filter(|_| CLASS[usize::from(text.as_bytes()[0])] == KEYWORD),
                keyword.is_item_keyword().then_some(keyword),
                "{text}"
            );
        }
    }

    #[test]
    fn a_plan_has_its_items_landmarks() {
        let text =
            "program p { start 2027-01-04 }\ntask a \"a { task\" { after b # task {\n}\n12.5%task 800/dgroup";
        let found: Vec<(usize, TokenKind)> = landmarks(text).map(|l| (l.offset, l.kind)).collect();
        assert_eq!(
            found,
            by_lexer(text)
                .into_iter()
                .map(|l| (l.offset, l.kind))
                .collect::<Vec<_>>()
        );
        assert_eq!(found.len(), 8, "{found:?}");
    }
}
