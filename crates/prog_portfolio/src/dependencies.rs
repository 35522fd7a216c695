//! The dependencies between programs: an external of one program that is
//! another program's milestone (`from … milestone`), with the slack it
//! leaves the program waiting for it.

use chrono::NaiveDate;
use prog_db::{Database, Project};
use serde::Serialize;

use crate::ProgramRow;

/// One program waiting for another's milestone.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Dependency {
    /// The program that waits (its id), and its external.
    pub waiting: String,
    pub external: String,
    /// The program whose milestone it is: its id when it is in the
    /// portfolio, else the path the `from` names.
    pub on: String,
    pub milestone: String,
    /// When the other program's forecast puts the milestone (or when it was
    /// done), and when the waiting program needs it by.
    pub expected: Option<NaiveDate>,
    pub needed_by: NaiveDate,
    /// `needed_by` minus `expected`, in working days: negative, the days it
    /// delays the waiting program's finish.
    pub slack_days: Option<f64>,
    pub delivered: bool,
}

impl Dependency {
    /// `3d slack`, `2d late`, `delivered`, `no date`.
    pub fn slack_text(&self) -> String {
        match self.slack_days {
            _ if self.delivered => "delivered".to_string(),
            None => "no date".to_string(),
            Some(days) if days < 0.0 => format!("{}d late", fmt_days(-days)),
            Some(days) => format!("{}d slack", fmt_days(days)),
        }
    }

    /// Late: it delays the program waiting for it.
    pub fn is_late(&self) -> bool {
        !self.delivered && self.slack_days.is_some_and(|d| d < 0.0)
    }
}

/// Working days as the plan's reports write them (`3`, `2.5`, `0.13`).
fn fmt_days(days: f64) -> String {
    prog_plan::Work((days * prog_plan::Work::HOURS_PER_DAY as f64).round() as i64).days_text()
}

/// The dependencies of the programs that analysed (`rows` in the order of
/// `programs`), in that order.
pub(crate) fn dependencies(db: &Database, programs: &[Project], rows: &[ProgramRow]) -> Vec<Dependency> {
    let program_of = |path: &str| {
        rows.iter()
            .find(|row| prog_db::same_path(&row.path) == prog_db::same_path(path))
            .map(|row| row.id.clone())
    };
    let mut out = Vec::new();
    for (project, row) in programs.iter().zip(rows).filter(|(_, row)| row.errors.is_empty()) {
        let plan = prog_db::plan_shape(db, *project);
        let timings = prog_db::external_timings(db, *project);
        for target in prog_db::program_targets(db, *project) {
            let found = plan
                .externals
                .iter()
                .zip(timings)
                .find(|(e, _)| plan.task(e.task).id == target.external);
            let Some((external, timing)) = found else { continue };
            out.push(Dependency {
                waiting: row.id.clone(),
                external: target.external.clone(),
                on: program_of(&target.path).unwrap_or_else(|| target.path.clone()),
                milestone: target.milestone.clone(),
                expected: timing.date,
                needed_by: timing.needed_by,
                slack_days: timing.date.map(|_| timing.slack.as_days()),
                delivered: !external.is_open(),
            });
        }
    }
    out
}
