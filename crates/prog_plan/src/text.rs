//! The user's text (titles, names, mitigations) written into Markdown:
//! one escaper for the reports and the editor's hovers.

/// Text for a Markdown paragraph or table cell: Markdown punctuation is
/// backslash-escaped, HTML is written as entities, and line breaks (which
/// would end a table row) become spaces.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' | '!' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::markdown;

    #[test]
    fn markdown_keeps_table_cells_whole() {
        assert_eq!(markdown("a | b\nc"), r"a \| b c");
        assert_eq!(markdown("<b>*x*</b>"), r"&lt;b&gt;\*x\*&lt;/b&gt;");
    }
}
