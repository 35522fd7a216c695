//! "Since REV": what changed in a week, from the diff of last week's plan
//! (read from git) with this one: the finish and milestones moved and why,
//! SPI, CPI and EAC before → after, and the tasks finished, started and
//! slipped.

use chrono::NaiveDate;
use prog_diff::{Diff, Driver, TaskChange};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SinceRevision {
    /// The git revision compared with, as given.
    pub rev: String,
    /// Working days the forecast finish moved (positive = later).
    pub finish_moved_days: f64,
    pub finish: FromTo<NaiveDate>,
    pub spi: FromTo<Option<f64>>,
    pub cpi: FromTo<Option<f64>>,
    pub eac: FromTo<Option<f64>>,
    /// Milestones whose forecast moved.
    pub milestones: Vec<MilestoneShift>,
    /// Why the finish moved: the changed tasks on the critical path.
    pub drivers: Vec<Driver>,
    pub finished: Vec<String>,
    pub started: Vec<String>,
    /// Tasks whose forecast finish moved later.
    pub slipped: Vec<String>,
    /// Risks added, removed or changed: `"new"`, `"closed"` (removed), or
    /// how the exposure moved (`"up"`, `"down"`, `"same"`).
    pub risks: Vec<(String, &'static str)>,
    /// Approvals added, removed or changed, with their status now
    /// (`"removed"` for one no longer in the plan).
    pub approvals: Vec<(String, &'static str)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct FromTo<T> {
    pub from: T,
    pub to: T,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MilestoneShift {
    pub id: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub moved_days: f64,
}

impl SinceRevision {
    pub fn new(rev: &str, diff: &Diff) -> SinceRevision {
        let figure = |f: fn(&prog_diff::EarnedValueChange) -> &prog_diff::Change<Option<f64>>| {
            diff.earned_value
                .as_ref()
                .map_or(FromTo { from: None, to: None }, |e| FromTo {
                    from: f(e).old,
                    to: f(e).new,
                })
        };
        let ids = |keep: fn(&TaskChange) -> bool| -> Vec<String> {
            diff.tasks
                .changed
                .iter()
                .filter(|c| keep(c))
                .map(|c| c.id.clone())
                .collect()
        };
        SinceRevision {
            rev: rev.to_string(),
            finish_moved_days: diff.finish.working_days.0.as_days(),
            finish: FromTo {
                from: diff.finish.old,
                to: diff.finish.new,
            },
            spi: figure(|e| &e.spi),
            cpi: figure(|e| &e.cpi),
            eac: figure(|e| &e.eac),
            milestones: diff
                .milestones
                .iter()
                .map(|m| MilestoneShift {
                    id: m.id.clone(),
                    from: m.moved.old,
                    to: m.moved.new,
                    moved_days: m.moved.working_days.0.as_days(),
                })
                .collect(),
            drivers: diff.drivers.clone(),
            finished: ids(finished),
            started: ids(|c| started(c) && !finished(c)),
            slipped: ids(|c| c.finish.as_ref().is_some_and(|m| m.is_later())),
            risks: risk_moves(diff),
            approvals: diff
                .approvals
                .added
                .iter()
                .map(|a| (a.id.clone(), a.status))
                .chain(
                    diff.approvals
                        .changed
                        .iter()
                        .filter_map(|a| Some((a.id.clone(), a.status.as_ref()?.new))),
                )
                .chain(diff.approvals.removed.iter().map(|a| (a.id.clone(), "removed")))
                .collect(),
        }
    }
}

fn risk_moves(diff: &Diff) -> Vec<(String, &'static str)> {
    let r = &diff.risks;
    r.added
        .iter()
        .map(|e| (e.id.clone(), "new"))
        .chain(r.changed.iter().map(|c| {
            let delta = c.exposure.as_ref().map_or(0.0, |e| e.delta_days);
            let trend = match delta {
                d if d > 0.0 => "up",
                d if d < 0.0 => "down",
                _ => "same",
            };
            (c.id.clone(), trend)
        }))
        .chain(r.removed.iter().map(|e| (e.id.clone(), "closed")))
        .collect()
}

fn finished(c: &TaskChange) -> bool {
    c.progress.as_ref().is_some_and(|p| p.old < 100 && p.new >= 100)
        || c.actual_finish
            .as_ref()
            .is_some_and(|f| f.old.is_none() && f.new.is_some())
}

fn started(c: &TaskChange) -> bool {
    c.progress.as_ref().is_some_and(|p| p.old == 0 && p.new > 0)
        || c.actual_start
            .as_ref()
            .is_some_and(|s| s.old.is_none() && s.new.is_some())
}

impl SinceRevision {
    /// "the finish moved +4 working days because `build` progress went
    /// from 50% to 20%": for the summary and the section's first line.
    pub fn finish_sentence(&self) -> String {
        let mut line = format!(
            "Since {}, the finish moved {} ({} → {})",
            self.rev,
            super::signed_working_days(self.finish_moved_days),
            self.finish.from,
            self.finish.to
        );
        let because: Vec<String> = self
            .drivers
            .iter()
            .map(|d| format!("{} {}", d.id, d.reasons.join(", ")))
            .collect();
        if !because.is_empty() {
            line.push_str(&format!(" because {}", because.join("; ")));
        }
        line.push('.');
        line
    }
}
