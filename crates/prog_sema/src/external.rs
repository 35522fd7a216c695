//! `external` declarations: lowering their statements, and the findings on
//! their timing (late, at risk or overdue on the critical path, no owner).

use chrono::NaiveDate;
use prog_plan::external::pin;
use prog_plan::{DateRange, ExternalStatus, ExternalTiming, Plan, Schedule, TaskId};
use prog_syntax::TokenKind;
use prog_syntax::ast::{Literal, StmtValue};

use crate::values::{self, ValueError};

mod from;
use crate::{Code, Diagnostic, Diagnostics, FileId, Location, Severity, SourceMap};
pub(crate) use from::expected_beside_from;

/// The promise of an external as written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExternalValues {
    pub contact: Option<String>,
    pub expected: Option<DateRange>,
    pub status: Option<ExternalStatus>,
    pub delivered: Option<NaiveDate>,
}

/// Stores one statement of an external; `false` for the statements an
/// external shares with other items (`owner`, `key`), which the caller
/// stores.
pub(crate) fn store(
    file: FileId,
    keyword: TokenKind,
    value: &StmtValue,
    external: &mut ExternalValues,
    diagnostics: &mut Diagnostics,
) -> bool {
    let at = |span| Location { file, span };
    let date = |lit: &Literal, diagnostics: &mut Diagnostics| {
        values::date(lit)
            .map_err(|(code, message, hint): ValueError| {
                let mut d = Diagnostic::error(code, at(lit.span), message);
                d.hint = hint.map(Into::into);
                diagnostics.push(d);
            })
            .ok()
    };
    match (keyword, value) {
        (TokenKind::Contact, StmtValue::Text(lit)) => external.contact = Some(lit.text.clone()),
        // The other program's plan is read and analysed by the database
        // (see `prog_db`'s `programs`), which puts the date in.
        (TokenKind::From, StmtValue::From(_)) => {}
        (TokenKind::Delivered, StmtValue::Date(lit)) => external.delivered = date(lit, diagnostics),
        (TokenKind::Expected, StmtValue::Dates(specs)) => {
            let Some(spec) = specs.first() else { return true };
            let first = date(&spec.first, diagnostics);
            let last = match &spec.last {
                Some(lit) => date(lit, diagnostics),
                None => first,
            };
            match (first, last) {
                (Some(first), Some(last)) if last < first => {
                    let span = spec
                        .first
                        .span
                        .cover(spec.last.as_ref().map_or(spec.first.span, |l| l.span));
                    diagnostics.push(Diagnostic::error(
                        Code::InvalidDate,
                        at(span),
                        "this range ends before it starts",
                    ));
                }
                (Some(first), Some(last)) => external.expected = Some(DateRange { first, last }),
                _ => {}
            }
        }
        (TokenKind::Status, StmtValue::Names(names)) => {
            let Some(name) = names.first() else { return true };
            external.status = ExternalStatus::from_word(&name.text);
            if external.status.is_none() || names.len() > 1 {
                let d = Diagnostic::error(
                    Code::InvalidValue,
                    at(name.span),
                    format!("`{}` is not the status of an external", name.text),
                )
                .with_hint("a status is requested, committed, at_risk or delivered");
                diagnostics.push(d);
            }
        }
        _ => return false,
    }
    true
}

/// What an external's promise sets of its milestone, once every
/// statement is read.
pub(crate) struct Settled {
    /// Pins it to the end of the day the plan waits for.
    pub not_before: Option<NaiveDate>,
    /// A delivery records the milestone done then.
    pub done: bool,
    pub finish: Option<NaiveDate>,
}

pub(crate) fn settle(external: &ExternalValues) -> Settled {
    let date = external.delivered.or(external.expected.map(|r| r.last));
    Settled {
        not_before: date.and_then(pin),
        done: external.delivered.is_some() || external.status == Some(ExternalStatus::Delivered),
        finish: external.delivered,
    }
}

/// The findings on externals: one that arrives after it is needed (naming
/// how much it delays the finish), an open one at risk or overdue on the
/// critical path, and one without an owner or a date. `timings` is
/// indexed like [`Plan::externals`].
pub fn external_findings(
    plan: &Plan,
    map: &SourceMap,
    schedule: &Schedule,
    timings: &[ExternalTiming],
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (external, timing) in plan.externals.iter().zip(timings) {
        let task = plan.task(external.task);
        let at = map.tasks[external.task.index()].name;
        let id = &task.id;
        if task.owner.is_none() {
            let d = Diagnostic::new(
                Code::ExternalWithoutOwner,
                Severity::Hint,
                at,
                format!("external `{id}` has no owner"),
            )
            .with_hint("add `owner PERSON`: the person in this program who chases it");
            out.push(d);
        }
        let Some(date) = timing.date else {
            let d = Diagnostic::warning(Code::ExternalWithoutDate, at, format!("external `{id}` has no `expected` date"))
                .with_hint("add `expected YYYY-MM-DD`, the date promised; until then the plan assumes it is there from the start");
            out.push(d);
            continue;
        };
        if !external.is_open() {
            continue;
        }
        if timing.slack.0 < 0 {
            let delay = (-timing.slack).working_days_text();
            let d = Diagnostic::warning(
                Code::ExternalLate,
                at,
                format!(
                    "external `{id}` is expected {date}, after it is needed ({}): it delays the finish by {delay}",
                    timing.needed_by
                ),
            )
            .with_hint("ask for an earlier date, or plan work that does not wait for it");
            out.push(d);
        }
        let critical = schedule
            .tasks
            .get(external.task.index())
            .is_some_and(|t| t.critical);
        let overdue = plan.program.status_date.is_some_and(|now| date < now);
        if critical && (external.status == ExternalStatus::AtRisk || overdue) {
            let why = if overdue {
                format!("overdue (expected {date}, not delivered)")
            } else {
                "at risk".to_string()
            };
            let d = Diagnostic::warning(
                Code::ExternalAtRiskOnCriticalPath,
                at,
                format!("external `{id}` is {why} and on the critical path"),
            )
            .with_hint(format!(
                "chase it: waiting for it are {}",
                blocked_text(plan, external.task)
            ));
            out.push(d);
        }
    }
    out
}

/// "`a`, `b`": what waits for `task`, for a hint.
fn blocked_text(plan: &Plan, task: TaskId) -> String {
    let blocked = prog_plan::external::blocked(plan, task);
    if blocked.is_empty() {
        return "nothing".to_string();
    }
    blocked
        .iter()
        .map(|t| format!("`{}`", plan.task(*t).id))
        .collect::<Vec<_>>()
        .join(", ")
}
