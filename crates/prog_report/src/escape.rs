//! One escaping helper per output format, for user text (titles, names,
//! mitigations, messages). CSV quoting is the `csv` crate's.

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

/// Text for a Markdown paragraph or table cell; hovers write user text
/// with the same function.
pub use prog_plan::text::markdown;

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
/// `=`, `+`, `-`, `@` or a tab gets a leading `'`, as spreadsheets expect.
pub fn spreadsheet(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
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
    }
}
