//! The nesting limit: groups deeper than [`MAX_GROUP_DEPTH`] are cut out of
//! the tokens before parsing.
//!
//! The parser, and every pass over the tree after it, recurse once per
//! level of groups, so an unbounded depth would overflow the stack. The scan
//! here follows the parser's idea of where bodies end (`}`, or recovery at
//! an item keyword that cannot be inside the body) so that it counts the
//! depth the parser would build.

use chumsky::span::SimpleSpan;

use crate::lexer::TokenKind;
use crate::{Span, SyntaxError};

/// How deep groups may nest. A work breakdown needs a handful of levels;
/// the limit keeps the parser and the passes over the tree far inside the
/// 2 MiB stack of a worker thread, and a nested document outline inside
/// the 128 levels a JSON reader such as serde_json accepts.
pub const MAX_GROUP_DEPTH: usize = 32;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Body {
    Group,
    /// The body of any other item, or a `{` out of place.
    Other,
}

/// Removes from `tokens` every group that would nest deeper than
/// [`MAX_GROUP_DEPTH`], with everything inside it, and reports each at its
/// `group` keyword.
pub(crate) fn limit_nesting(tokens: &mut Vec<(TokenKind, SimpleSpan)>) -> Vec<SyntaxError> {
    use TokenKind as T;
    let mut errors = Vec::new();
    let mut open: Vec<Body> = Vec::new();
    let mut depth = 0;
    // The last `group` keyword, while only its id and title follow it.
    let mut group_keyword: Option<usize> = None;
    // While cutting: where the cut starts, and the bodies open outside it.
    let mut cutting: Option<(usize, usize)> = None;
    let mut cuts: Vec<std::ops::Range<usize>> = Vec::new();
    for i in 0..tokens.len() {
        let (kind, _) = tokens[i];
        let group_at = group_keyword.filter(|_| kind == T::LBrace);
        if !matches!(kind, T::Ident | T::String | T::UnterminatedString) {
            group_keyword = None;
        }
        let closes_before = match kind {
            T::RBrace => 0,
            // A body other than a group's ends at the next item.
            T::Task | T::Milestone | T::Group => leading(&open, Body::Other),
            // No item holds these: every body ends.
            k if k.is_item_keyword() && k != T::Calendar => open.len(),
            _ => 0,
        };
        for _ in 0..closes_before {
            close(&mut open, &mut depth);
        }
        if let Some((from, outside)) = cutting
            && open.len() <= outside
        {
            cuts.push(from..i);
            cutting = None;
        }
        match (kind, group_at) {
            (T::Group, _) => group_keyword = Some(i),
            (T::LBrace, Some(at)) => {
                if depth == MAX_GROUP_DEPTH && cutting.is_none() {
                    errors.push(too_deep(tokens[at].1));
                    cutting = Some((at, open.len()));
                }
                open.push(Body::Group);
                depth += 1;
            }
            (T::LBrace, None) => open.push(Body::Other),
            (T::RBrace, _) => {
                close(&mut open, &mut depth);
                if let Some((from, outside)) = cutting
                    && open.len() <= outside
                {
                    cuts.push(from..i + 1);
                    cutting = None;
                }
            }
            _ => {}
        }
    }
    if let Some((from, _)) = cutting {
        cuts.push(from..tokens.len());
    }
    if !cuts.is_empty() {
        let mut index = 0;
        let mut next_cut = cuts.iter().peekable();
        tokens.retain(|_| {
            while next_cut.peek().is_some_and(|c| c.end <= index) {
                next_cut.next();
            }
            let keep = !next_cut.peek().is_some_and(|c| c.contains(&index));
            index += 1;
            keep
        });
    }
    errors
}

/// How many bodies of `kind` are open at the top of `open`.
fn leading(open: &[Body], kind: Body) -> usize {
    open.iter().rev().take_while(|b| **b == kind).count()
}

fn close(open: &mut Vec<Body>, depth: &mut usize) {
    if open.pop() == Some(Body::Group) {
        *depth -= 1;
    }
}

fn too_deep(at: SimpleSpan) -> SyntaxError {
    SyntaxError {
        span: Span::new(at.start, at.end),
        message: format!(
            "groups nest more than {MAX_GROUP_DEPTH} levels deep here; this group and everything in it are left out"
        ),
        hint: Some("flatten the work breakdown: move this group up a level".to_string()),
    }
}
