//! One escaping helper per output format, for user text (titles, names,
//! mitigations, messages). CSV quoting is the `csv` crate's.

use std::borrow::Cow;
use std::fmt;

/// Text for HTML and SVG (element content and quoted attribute values).
pub fn html(text: &str) -> Html<'_> {
    Html(text)
}

pub struct Html<'a>(&'a str);

impl fmt::Display for Html<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(at) = rest.find(['&', '<', '>', '"', '\'']) {
            f.write_str(&rest[..at])?;
            f.write_str(match rest.as_bytes()[at] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                _ => "&#39;",
            })?;
            rest = &rest[at + 1..];
        }
        f.write_str(rest)
    }
}

/// Text for a Markdown paragraph or table cell (reports, status, diffs
/// and the editor's hovers): Markdown punctuation is backslash-escaped,
/// HTML is written as entities, control characters and line breaks (which
/// would end a table row) become spaces. Mentions (`@everyone`,
/// `@org/team`, `a@b.c`) and autolinks (`https://…`, `www.…`) are broken
/// by a zero-width joiner, so that posting the text notifies nobody and
/// links nowhere; the text reads the same.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' | '!' | '$' => {
                out.push('\\');
                out.push(c);
            }
            // A joiner on each side: after, so that `@name` mentions
            // nobody; before, so that no renderer reads `a@b.c` as an
            // address (linkify-it takes a joiner after `@` into the
            // domain, and linked `cfo@example.com` to a punycode domain).
            '@' => {
                out.push(ZERO_WIDTH_JOINER);
                out.push(c);
                out.push(ZERO_WIDTH_JOINER);
            }
            // `https://`: GitHub links a scheme followed by `://`.
            ':' if chars.peek() == Some(&'/') => {
                out.push(c);
                out.push(ZERO_WIDTH_JOINER);
            }
            // `www.`: the other autolink, at the start of a word.
            '.' if ends_with_www(&out) => {
                out.push(ZERO_WIDTH_JOINER);
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

const ZERO_WIDTH_JOINER: char = '\u{200D}';

/// Whether `text` ends with the word `www`.
fn ends_with_www(text: &str) -> bool {
    let Some(at) = text.len().checked_sub(3) else {
        return false;
    };
    text.get(at..).is_some_and(|w| w.eq_ignore_ascii_case("www"))
        && !text[..at].ends_with(|c: char| c.is_alphanumeric())
}

/// Text printed on one line of a terminal (a table cell, a title): every
/// control character, line breaks and escape sequences' ESC included,
/// becomes a space, so that a plan cannot move the cursor, set the
/// window's title or forge lines.
pub fn terminal(text: &str) -> String {
    // Most texts have none: copied whole after a scan (see below).
    if !any_byte(text, |b| b < 0x20 || b == 0x7f || b == 0xc2) {
        return text.to_owned();
    }
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// A source text shown in a terminal (the lines a diagnostic quotes):
/// like [`terminal`], but line breaks and tabs are kept, and every byte
/// offset stays where it was (each control character becomes as many
/// spaces as it has bytes), so that spans still point at the same text.
pub fn terminal_source(text: &str) -> Cow<'_, str> {
    // Most texts have no control character: copied whole, after a scan
    // the compiler turns into vector compares (the text of a large plan is
    // megabytes, read a character at a time otherwise). `\r` and the
    // first byte of U+0080..U+00BF (the C1 controls among them) go the
    // careful way.
    let careful = |b: u8| (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7f || b == 0xc2;
    if !any_byte(text, careful) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' => out.push(c),
            '\r' if chars.peek() == Some(&'\n') => out.push(c),
            c if c.is_control() => (0..c.len_utf8()).for_each(|_| out.push(' ')),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Whether any byte of `text` is `careful`: in blocks the compiler turns
/// into vector compares, with no early exit inside a block.
fn any_byte(text: &str, careful: impl Fn(u8) -> bool) -> bool {
    text.as_bytes()
        .chunks(64)
        .any(|chunk| chunk.iter().fold(false, |found, &b| found | careful(b)))
}

/// Text for a Mermaid gantt title, section or task name. Mermaid has no
/// escape there: the characters it reads as syntax (`:` ends a task name,
/// `;` and `#` are separators and entity codes, `%%` starts a comment) and
/// those that could form HTML are replaced by look-alikes.
pub fn mermaid(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            ':' => '\u{2236}', // ∶ ratio
            ';' => '\u{FF1B}', // fullwidth semicolon
            '#' => '\u{FF03}', // fullwidth number sign
            '%' => '\u{FF05}', // fullwidth percent sign
            '<' => '\u{2039}', // ‹
            '>' => '\u{203A}', // ›
            '&' => '\u{FF06}', // fullwidth ampersand
            '"' => '\u{FF02}', // fullwidth quotation mark
            '`' => '\u{02CB}', // ˋ modifier grave
            '@' => '\u{FF20}', // fullwidth commercial at: no mention
            '\n' | '\r' | '\t' => ' ',
            c => c,
        })
        .collect()
}

/// Text for a double-quoted Graphviz string: quotes and backslashes (which
/// start Graphviz's own escapes such as `\N`) are escaped.
pub fn dot(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push_str("\\n"),
            _ => out.push(c),
        }
    }
    out
}

/// A spreadsheet cell that is text, never a formula: text starting with
/// `=`, `+`, `-`, `@`, a tab or a line break, also after leading
/// whitespace (spreadsheets skip it; OWASP's rule for CSV injection), gets
/// a leading `'`, as spreadsheets expect.
pub fn spreadsheet(text: &str) -> String {
    const FORMULA: [char; 4] = ['=', '+', '-', '@'];
    if text.starts_with(['\t', '\r', '\n']) || text.trim_start().starts_with(FORMULA) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_markup_and_quotes() {
        assert_eq!(
            html(r#"<script>alert("x" & 'y')</script>"#).to_string(),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
        );
        assert_eq!(html("plain é").to_string(), "plain é");
    }

    #[test]
    fn mermaid_has_no_syntax_left() {
        let out = mermaid("Ship: v2; 100% #1 <b>");
        assert!(!out.contains([':', ';', '%', '#', '<', '>']), "{out}");
    }

    #[test]
    fn dot_escapes_quotes_and_backslashes() {
        assert_eq!(dot(r#"a "b" \N"#), r#"a \"b\" \\N"#);
    }

    #[test]
    fn spreadsheet_cells_are_never_formulas() {
        assert_eq!(spreadsheet("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(spreadsheet("Build"), "Build");
        // Whitespace before the formula does not hide it (OWASP's rule:
        // spreadsheets skip it).
        assert_eq!(spreadsheet(" =1+1"), "' =1+1");
        assert_eq!(spreadsheet("\n@SUM(A1)"), "'\n@SUM(A1)");
        assert_eq!(spreadsheet(" \t-2"), "' \t-2");
        assert_eq!(spreadsheet(" Build - phase 2"), " Build - phase 2");
    }

    #[test]
    fn markdown_keeps_table_cells_whole() {
        assert_eq!(markdown("a | b\nc"), r"a \| b c");
        assert_eq!(markdown("<b>*x*</b>"), r"&lt;b&gt;\*x\*&lt;/b&gt;");
        assert_eq!(markdown("a\u{1b}]0;x\u{7}"), r"a \]0;x ");
    }

    /// No mention notifies anyone and no autolink survives when the
    /// Markdown is posted, and the text reads the same once the joiners
    /// are taken out.
    #[test]
    fn markdown_neutralises_mentions_and_autolinks() {
        let text = "@everyone @org/team see https://evil.example, WWW.evil.com or a@b.io; www2.x.y";
        let out = markdown(text);
        // No `a@` either: an address needs its name against the `@`.
        for live in ["@e", "@o", "@b", "a@", "https://", "WWW.", "www."] {
            assert!(!out.contains(live), "{live} in {out}");
        }
        assert_eq!(out.replace(ZERO_WIDTH_JOINER, ""), text);
    }

    #[test]
    fn terminal_text_has_no_control_characters() {
        let title = "a\u{1b}]0;pwned\u{7}b\u{1b}[2J\nc\u{9b}d";
        assert_eq!(terminal(title), "a ]0;pwned b [2J c d");
        assert_eq!(terminal("x\u{7f}y\tz"), "x y z");
        for plain in ["a title", "é © ü"] {
            assert_eq!(terminal(plain), plain);
        }
        let source = "x \u{1b}[2J\r\ny\u{9b}\tz\r";
        let shown = terminal_source(source);
        assert_eq!(shown, "x  [2J\r\ny  \tz ");
        assert_eq!(shown.len(), source.len());
        // Text without a control character is the same, whichever way it
        // is read: copied whole, or (from `©`, U+00A9, whose first byte
        // also starts the C1 controls) a character at a time.
        for plain in ["task a {\n\tduration 1d }\n", "é © ü", &"x".repeat(200)] {
            assert_eq!(terminal_source(plain), plain);
        }
        assert_eq!(
            terminal_source(&format!("{}\u{7f}", "y".repeat(70))),
            format!("{} ", "y".repeat(70))
        );
    }
}
