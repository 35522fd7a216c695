//! Progress that contradicts the other actuals of one declaration, found
//! while lowering it (where the statements' places are known): P114, with
//! the meaning kept stated.

use prog_plan::Actuals;
use prog_syntax::{Span, TokenKind};

use crate::{Code, Diagnostic, Diagnostics, Location};

/// P114 for progress that contradicts the other actuals, with the meaning
/// kept: `done` and `actual_finish` mean finished, whatever `progress` says
/// (`done` then sets it to 100%); `remaining` on work not started is
/// dropped. `seen` holds each single-valued statement given, with where;
/// `progress` and `actuals` are the declaration's values.
pub(crate) fn contradictory_progress(
    progress_value: &mut Option<u8>,
    actuals: &mut Actuals,
    seen: &[(TokenKind, Span)],
    at: impl Fn(Span) -> Location,
    diagnostics: &mut Diagnostics,
) {
    use TokenKind as T;
    let given = |keyword| seen.iter().find(|(k, _)| *k == keyword).map(|(_, span)| *span);
    let (done, finish, progress, remaining) = (
        given(T::Done),
        given(T::ActualFinish),
        given(T::Progress),
        given(T::Remaining),
    );
    let percent = progress_value.unwrap_or(0);
    if let (Some(progress), Some(finished)) = (progress, done.or(finish))
        && percent < 100
    {
        let word = if done.is_some() { "done" } else { "actual_finish" };
        let d = Diagnostic::error(
            Code::InconsistentActuals,
            at(progress),
            format!("`progress {percent}%` contradicts `{word}`: the task is counted as finished (100%)"),
        )
        .with_related(at(finished), "finished here")
        .with_hint(format!(
            "remove `progress`, or `{word}` if the work is not finished"
        ));
        diagnostics.push(d);
    }
    if done.is_some() {
        *progress_value = Some(100);
    }
    let started = percent > 0 || done.is_some() || actuals.start.is_some() || actuals.finish.is_some();
    if let Some(remaining) = remaining
        && !started
    {
        let d = Diagnostic::error(
            Code::InconsistentActuals,
            at(remaining),
            "`remaining` on a task not started is ignored: the task runs its planned duration",
        )
        .with_hint("record `progress` or `actual_start` with it, or change the duration instead");
        diagnostics.push(d);
        actuals.remaining = None;
    }
}
