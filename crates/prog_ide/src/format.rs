//! The canonical layout of a `.prog` file. Every comment is kept; the
//! result does not depend on how the input was laid out, apart from blank
//! lines (at most one is kept where the input had any), so formatting twice
//! changes nothing.
//!
//! Layout: one item or statement per line, two spaces of indentation per
//! body, and `a, b` lists. A body the author began on the line of its `{`
//! stays on that line (statements two spaces apart) when it holds no comment
//! and no nested item and fits in [`WIDTH`] columns, as Prettier keeps an
//! object literal on one line; any other body is laid out one statement per line.

use prog_syntax::{Token, TokenKind};

/// Lines are kept under this many columns where the layout allows it.
pub const WIDTH: usize = 100;
const INDENT: &str = "  ";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatError {
    pub message: String,
}

/// Formats a whole file; a file with syntax errors is left alone.
pub fn format(text: &str) -> Result<String, FormatError> {
    if text.len() > prog_db::MAX_TEXT_BYTES {
        return Err(FormatError {
            message: format!(
                "the file is over the {} MiB limit of a plan",
                prog_db::MAX_TEXT_BYTES >> 20
            ),
        });
    }
    let parse = prog_syntax::parse(text);
    if let Some(error) = parse.errors.first() {
        return Err(FormatError {
            message: format!(
                "the file has syntax errors (the first: {}); fix them first",
                error.message
            ),
        });
    }
    let mut f = Formatter {
        text,
        tokens: &parse.tokens,
        out: String::with_capacity(text.len()),
        depth: 0,
        inline: Vec::new(),
        at_line_start: true,
        glue: false,
    };
    f.run();
    Ok(f.out)
}

struct Formatter<'a> {
    text: &'a str,
    tokens: &'a [Token],
    out: String,
    depth: usize,
    /// Per open body: whether it is written on one line.
    inline: Vec<bool>,
    at_line_start: bool,
    /// The next token follows without a space (after `..`).
    glue: bool,
}

impl Formatter<'_> {
    fn run(&mut self) {
        let mut i = 0;
        while i < self.tokens.len() {
            let token = self.tokens[i];
            let newlines = self.newlines_before(i);
            match token.kind {
                TokenKind::Whitespace => {}
                TokenKind::Comment => {
                    let comment = self.text[token.span.start()..token.span.end()].trim_end();
                    if newlines == 0 && !self.at_line_start && !self.out.is_empty() {
                        self.out.push_str("  ");
                    } else {
                        self.new_line(newlines);
                        self.indent();
                    }
                    self.out.push_str(comment);
                    self.end_line();
                }
                TokenKind::LBrace => i = self.open_body(i),
                TokenKind::RBrace => self.close_body(),
                TokenKind::Comma => {
                    self.out.push(',');
                    self.glue = false;
                }
                TokenKind::DotDot => {
                    self.out.push_str("..");
                    self.glue = true;
                }
                // `role consulted`: the word of a role, not a statement.
                _ if self.follows_role(i) => self.word(token),
                // `from "PATH" milestone ID`: the statement goes on, no nested item.
                TokenKind::Milestone if self.follows_from_path(i) => self.word(token),
                kind if self.starts_line(kind) => {
                    self.new_line(newlines);
                    self.indent();
                    self.word(token);
                }
                kind => {
                    if self.at_line_start {
                        self.indent();
                    } else if self.depth > 0 && kind.is_statement_keyword() && !self.out.ends_with('{') {
                        // Statements on one line stand two spaces apart.
                        self.out.push_str("  ");
                    }
                    self.word(token);
                }
            }
            i += 1;
        }
        if !self.at_line_start {
            self.out.push('\n');
        }
    }

    /// Whether a token of this kind opens an item or a statement on a line of its own.
    fn starts_line(&self, kind: TokenKind) -> bool {
        if self.depth == 0 {
            return kind.is_item_keyword();
        }
        let nested_item = matches!(kind, TokenKind::Task | TokenKind::Milestone | TokenKind::Group);
        (nested_item || kind.is_statement_keyword()) && !self.inline.last().copied().unwrap_or(false)
    }

    fn follows_role(&self, i: usize) -> bool {
        let before = self.tokens[..i].iter().rev().find(|t| !t.kind.is_trivia());
        before.is_some_and(|t| t.kind == TokenKind::Role)
    }

    fn follows_from_path(&self, i: usize) -> bool {
        let mut before = self.tokens[..i].iter().rev().filter(|t| !t.kind.is_trivia());
        before.next().is_some_and(|t| t.kind == TokenKind::String)
            && before.next().is_some_and(|t| t.kind == TokenKind::From)
    }

    fn word(&mut self, token: Token) {
        let text = &self.text[token.span.start()..token.span.end()];
        if !self.glue && !matches!(self.out.chars().last(), None | Some('\n' | ' ')) {
            self.out.push(' ');
        }
        self.out.push_str(text);
        self.at_line_start = false;
        self.glue = false;
    }

    /// Writes `{`, and the whole body when it is empty. Returns the index of
    /// the last token consumed.
    fn open_body(&mut self, i: usize) -> usize {
        let close = self.matching_brace(i);
        let inner = &self.tokens[i + 1..close];
        let significant: Vec<&Token> = inner.iter().filter(|t| t.kind != TokenKind::Whitespace).collect();
        if self.at_line_start {
            self.indent();
            self.out.push('{');
        } else {
            self.out.push_str(" {");
        }
        self.at_line_start = false;
        if significant.is_empty() && close < self.tokens.len() {
            self.out.push('}');
            return close;
        }
        let statements = significant
            .iter()
            .filter(|t| t.kind.keyword_text().is_some())
            .count();
        let written_inline = inner.first().is_none_or(|t| {
            t.kind != TokenKind::Whitespace || !self.text[t.span.start()..t.span.end()].contains('\n')
        });
        let simple = written_inline
            && significant
                .iter()
                .all(|t| !matches!(t.kind, TokenKind::Comment | TokenKind::LBrace | TokenKind::RBrace));
        let line_len = self.out.len() - self.out.rfind('\n').map_or(0, |n| n + 1);
        let len = line_len + self.inline_len(&significant) + statements + 3;
        let inline = simple && close < self.tokens.len() && len <= WIDTH;
        self.inline.push(inline);
        self.depth += 1;
        if !inline {
            self.end_line();
        }
        i
    }

    fn close_body(&mut self) {
        self.depth = self.depth.saturating_sub(1);
        if self.inline.pop().unwrap_or(false) {
            self.out.push_str(" }");
        } else {
            if !self.at_line_start {
                self.out.push('\n');
                self.at_line_start = true;
            }
            self.indent();
            self.out.push('}');
        }
        self.at_line_start = false;
        self.glue = false;
    }

    /// The length of `tokens` written on one line.
    fn inline_len(&self, tokens: &[&Token]) -> usize {
        tokens.iter().map(|t| t.span.end() - t.span.start() + 1).sum()
    }

    fn matching_brace(&self, open: usize) -> usize {
        let mut depth = 0usize;
        for (j, t) in self.tokens.iter().enumerate().skip(open) {
            match t.kind {
                TokenKind::LBrace => depth += 1,
                TokenKind::RBrace => {
                    depth -= 1;
                    if depth == 0 {
                        return j;
                    }
                }
                _ => {}
            }
        }
        self.tokens.len()
    }

    /// Line breaks in the whitespace just before token `i`.
    fn newlines_before(&self, i: usize) -> usize {
        match i.checked_sub(1).map(|p| self.tokens[p]) {
            Some(t) if t.kind == TokenKind::Whitespace => {
                self.text[t.span.start()..t.span.end()].matches('\n').count()
            }
            _ => 0,
        }
    }

    /// Ends the current line, with one blank line after it where the input
    /// had one, except at the start of a file or a body.
    fn new_line(&mut self, newlines: usize) {
        if !self.at_line_start {
            self.out.push('\n');
        }
        let after_open = self.out.trim_end_matches('\n').ends_with('{');
        if newlines >= 2 && !self.out.is_empty() && !after_open && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
        self.at_line_start = true;
    }

    fn end_line(&mut self) {
        self.out.push('\n');
        self.at_line_start = true;
        self.glue = false;
    }

    fn indent(&mut self) {
        if self.at_line_start {
            for _ in 0..self.depth {
                self.out.push_str(INDENT);
            }
        }
        self.at_line_start = false;
    }
}
