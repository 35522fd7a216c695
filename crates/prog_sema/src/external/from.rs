//! `from "PATH" milestone ID`: an external that is another program's
//! milestone. Its date comes from that program's forecast (the database
//! analyses the other plan), so the external may not promise one itself.

use prog_syntax::{Span, TokenKind};

use crate::{Code, Diagnostic, Diagnostics, Location};

/// P119 on an `expected` beside a `from` (`seen`: the single-valued
/// statements of the external, with their keywords' spans).
pub(crate) fn expected_beside_from(
    seen: &[(TokenKind, Span)],
    at: impl Fn(Span) -> Location,
    diagnostics: &mut Diagnostics,
) {
    let given = |keyword| seen.iter().find(|(k, _)| *k == keyword).map(|(_, span)| *span);
    let (Some(from), Some(expected)) = (given(TokenKind::From), given(TokenKind::Expected)) else {
        return;
    };
    let d = Diagnostic::error(
        Code::FromWithExpected,
        at(expected),
        "an external from another program's milestone takes its date from that program's forecast",
    )
    .with_hint("remove `expected`: the other plan's schedule says when the milestone comes")
    .with_related(at(from), "the milestone it waits for");
    diagnostics.push(d);
}
