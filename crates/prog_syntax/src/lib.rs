//! The syntax of `.prog` files: tokens, a syntax tree with spans, and a
//! parser that recovers from errors so that one mistake hides nothing else.

pub mod ast;
mod descent;
mod landmarks;
mod lexer;
mod limits;
mod line_index;
mod nesting;
mod parser;
mod span;
mod syntax_errors;

pub use landmarks::{Landmark, landmarks};
pub use lexer::{KEYWORDS, Token, TokenKind, lex, statement_keywords, tokens};
pub use limits::MAX_BODY_ENTRIES;
pub use line_index::{LineCol, LineIndex};
pub use nesting::MAX_GROUP_DEPTH;
pub use parser::{Parse, parse, parse_tree};
pub use span::Span;
pub use syntax_errors::SyntaxError;
