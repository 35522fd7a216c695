//! The dates other programs give the externals that wait for their
//! milestones (`from "PATH" milestone ID`): each other plan analysed as
//! the separate plan it is, its own forecast (the schedule from its own
//! status date) saying when the milestone comes, or, done, when it came.
//! A child of resolution, since the plan's shape takes these dates in.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;
use prog_plan::{DateRange, ExternalStatus, Network, Plan, TaskKind, WorkCalendar};
use prog_sema::{Code, Diagnostic, Location, Severity};

use super::{plan_shape, resolution, resolved};
use crate::files::{plan_files, why_unread};
use crate::inputs::{Project, Unreadable};
use crate::items::file_lowered;
use crate::programs::{
    MAX_PROGRAMS, Target, program_at, program_chains, program_links, program_targets, programs_full,
};

/// What one `from` gives its external.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// The milestone's date in the other plan's forecast, or the day it
    /// was done.
    Date { on: NaiveDate, done: bool },
    /// Why there is no date: the error said at the `from`.
    Failed {
        code: Code,
        message: String,
        hint: &'static str,
    },
}

/// The outcome of each of the plan's `from`s, indexed like
/// [`program_targets`].
#[salsa::tracked(returns(ref))]
pub(crate) fn program_outcomes(db: &dyn salsa::Database, project: Project) -> Vec<Outcome> {
    let targets = program_targets(db, project);
    if targets.is_empty() {
        return Vec::new();
    }
    let chains = program_chains(db, project);
    targets
        .iter()
        .zip(chains)
        .map(|(target, chain)| outcome(db, target, chain.as_deref()))
        .collect()
}

fn outcome(db: &dyn salsa::Database, target: &Target, chain: Option<&[String]>) -> Outcome {
    let failed = |code, message, hint| Outcome::Failed { code, message, hint };
    if let Some(chain) = chain {
        return failed(
            Code::ProgramsWaitOnEachOther,
            format!("programs wait on each other: {}", chain.join(" → ")),
            "one of them must not wait for the others: give its external an `expected` date instead",
        );
    }
    let path = &target.path;
    let Some(program) = program_at(db, path) else {
        let unreadable = Unreadable::get(db).reasons(db);
        let full = programs_full(db) && !unreadable.contains_key(path);
        let limit = format!("not read, past the limit of {MAX_PROGRAMS} programs");
        let why = if full {
            limit.as_str()
        } else {
            why_unread(unreadable, path)
        };
        return failed(
            Code::ProgramUnavailable,
            format!("cannot read the plan `{path}`: {why}"),
            "the path is relative to this file's folder",
        );
    };
    let errors = error_count(db, program);
    if errors > 0 {
        return failed(
            Code::ProgramUnavailable,
            format!(
                "the plan `{path}` has {errors} error{} of its own, so it has no forecast",
                if errors == 1 { "" } else { "s" }
            ),
            "`prog check` that plan to see them",
        );
    }
    let id = &target.milestone;
    match milestone_dates(db, program).get(id) {
        Some(Some((on, done))) => Outcome::Date { on: *on, done: *done },
        Some(None) => failed(
            Code::NotAMilestoneThere,
            format!("`{id}` in `{path}` is not a milestone"),
            "an external waits for another program's milestone: name one",
        ),
        None => failed(
            Code::NotAMilestoneThere,
            format!("`{path}` has no milestone `{id}`"),
            "name a milestone of that plan, by its id",
        ),
    }
}

/// The errors of another plan that leave its forecast meaningless: its
/// imports', syntax, values and names (not those of its own `from`s, whose
/// externals only lose a date).
fn error_count(db: &dyn salsa::Database, program: Project) -> usize {
    let files = plan_files(db, program);
    let lowering = files
        .files
        .iter()
        .flat_map(|file| file_lowered(db, *file).iter().flat_map(|c| c.diagnostics.iter()));
    files
        .import_errors
        .iter()
        .chain(lowering)
        .chain(resolved(db, program).diagnostics.iter())
        .filter(|d| d.severity == Severity::Error)
        .count()
}

/// Every task of another plan by id: for a milestone, its date in the
/// plan's forecast and whether it is done (then the date is the day it was,
/// if recorded); `None` for what is no milestone.
#[salsa::tracked(returns(ref))]
fn milestone_dates(
    db: &dyn salsa::Database,
    program: Project,
) -> BTreeMap<String, Option<(NaiveDate, bool)>> {
    let plan: &Plan = plan_shape(db, program);
    // The other program's schedule made here, not read from `scheduling`,
    // which comes after resolution: this plan's shape needs it.
    let cal = WorkCalendar::new(&resolution(db, program).shape);
    let schedule = prog_plan::schedule_on(plan, &Network::new(plan), &cal);
    plan.tasks
        .iter()
        .zip(&schedule.tasks)
        .map(|(task, times)| {
            let date = (task.kind == TaskKind::Milestone).then(|| {
                let forecast = cal.milestone_date(times.ef);
                let done = task.progress >= 100;
                let on = if done {
                    task.actuals.finish.unwrap_or(forecast)
                } else {
                    forecast
                };
                (on, done)
            });
            (task.id.to_string(), date)
        })
        .collect()
}

/// Whether another program gives a date to any of the plan's externals:
/// [`apply`] changes nothing otherwise.
pub(crate) fn dates_to_apply(db: &dyn salsa::Database, project: Project) -> bool {
    program_outcomes(db, project)
        .iter()
        .any(|outcome| matches!(outcome, Outcome::Date { .. }))
}

/// Puts each date an other program gives into the external waiting for it,
/// as `expected`, or `delivered` once the milestone is done, the external's
/// milestone pinned to it as lowering pins a written date.
pub(crate) fn apply(db: &dyn salsa::Database, project: Project, plan: &mut Plan) {
    let targets = program_targets(db, project);
    for (target, outcome) in targets.iter().zip(program_outcomes(db, project)) {
        let Outcome::Date { on, done } = *outcome else {
            continue;
        };
        let Some(index) = plan
            .externals
            .iter()
            .position(|e| plan.tasks[e.task.index()].id == target.external)
        else {
            continue;
        };
        let external = &mut plan.externals[index];
        if !external.is_open() {
            // Recorded delivered in this plan (`delivered`, or its status):
            // what arrived is no longer forecast.
            continue;
        }
        let task = &mut plan.tasks[external.task.index()];
        task.not_before = prog_plan::external::pin(on);
        if done {
            external.delivered = Some(on);
            external.status = ExternalStatus::Delivered;
            task.progress = 100;
            task.actuals.finish = Some(on);
        } else {
            external.expected = Some(DateRange { first: on, last: on });
        }
    }
}

/// The errors of the plan's `from`s, each at its statement.
#[salsa::tracked(returns(ref))]
pub(crate) fn program_errors(db: &dyn salsa::Database, project: Project) -> Arc<[Diagnostic]> {
    let links = program_links(db, project);
    links
        .iter()
        .zip(program_outcomes(db, project))
        .filter_map(|(link, outcome)| match outcome {
            Outcome::Failed { code, message, hint } => Some(
                Diagnostic::error(
                    *code,
                    Location {
                        file: link.file,
                        span: link.span,
                    },
                    message.clone(),
                )
                .with_hint(*hint),
            ),
            Outcome::Date { .. } => None,
        })
        .collect()
}
