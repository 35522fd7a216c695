//! Float annotations after each task and milestone header, and with a
//! status date where the task stands: `done`, `60% · 3d left · critical`,
//! `2d overdue · float 4d`; with a baseline, how far the finish moved
//! against it: `+3d`, `−2d`. After each external's header, when it is
//! needed and its slack (see [`crate::external`]).

use prog_db::{Project, SourceFile};
use prog_plan::{TaskKind, TaskTimes, Work};
use prog_syntax::Span;
use prog_syntax::ast::DeclKind;

use crate::baseline;
use crate::model::task_of;
use crate::syntax::file_outline;
use crate::tracking;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InlayHintsConfig {
    /// `float 3d`, `critical` or `2d late` after task and milestone headers,
    /// with progress in front of it when the program has a status date.
    pub float: bool,
    /// `+3d` or `−2d` after task and milestone headers: the finish against
    /// the program's baseline, when it has one.
    pub baseline: bool,
}

impl Default for InlayHintsConfig {
    fn default() -> Self {
        InlayHintsConfig {
            float: true,
            baseline: true,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InlayHint {
    /// Shown just after this offset.
    pub offset: usize,
    pub label: String,
    /// More about the figure, for a tooltip.
    pub tooltip: String,
}

pub fn inlay_hints(
    db: &dyn salsa::Database,
    project: Project,
    file: SourceFile,
    range: Option<Span>,
    config: InlayHintsConfig,
) -> Vec<InlayHint> {
    let variance = if config.baseline {
        baseline::variance(db, project).as_ref()
    } else {
        None
    };
    if !config.float && variance.is_none() {
        return Vec::new();
    }
    let schedule = prog_db::schedule(db, project);
    let plan = prog_db::plan_shape(db, project);
    let now = schedule.now;
    let definitions = crate::definitions(db, project);
    file_outline(db, file)
        .iter()
        .filter(|d| matches!(d.kind, DeclKind::Task | DeclKind::Milestone))
        .filter(|d| range.is_none_or(|r| r.start() <= d.header_end && d.header_end <= r.end()))
        .filter_map(|d| {
            let name = d.name.as_ref()?;
            // A duplicate definition is not the task the model holds.
            let first = definitions.get(name.text.as_str())?;
            if first.file != file || first.name != name.span {
                return None;
            }
            let task = task_of(db, project, &name.text)?;
            let times = schedule.tasks.get(task.index())?;
            if plan.task(task).kind == TaskKind::Group {
                return None;
            }
            Some((d.header_end, task, times))
        })
        .flat_map(|(offset, task, times)| {
            let float = config.float.then(|| {
                let progress = now.and_then(|now| {
                    tracking::progress_label(plan.task(task), times, schedule.planned().times(task), now)
                });
                let label = match progress {
                    Some(done) if done == "done" => done,
                    Some(progress) => format!("{progress} · {}", float_label(times)),
                    None => float_label(times),
                };
                InlayHint {
                    offset,
                    label,
                    tooltip: format!(
                        "total float {}d, free float {}d (es {}, lf {})",
                        times.total_float.days_text(),
                        times.free_float.days_text(),
                        times.es.days_text(),
                        times.lf.days_text()
                    ),
                }
            });
            let moved = variance
                .and_then(|v| baseline::hint_label(v, task))
                .map(|(label, tooltip)| InlayHint {
                    offset,
                    label,
                    tooltip,
                });
            float.into_iter().chain(moved)
        })
        .chain(
            config
                .float
                .then(|| crate::external::header_labels(db, project, file, range))
                .into_iter()
                .flatten()
                .map(|(offset, label)| InlayHint {
                    offset,
                    label,
                    tooltip: "the last day it can arrive without delaying the finish, and the working \
                              days between the date promised and then"
                        .to_string(),
                }),
        )
        .collect()
}

/// `critical`, `float 3d`, or `2d late` when a deadline is missed.
pub(crate) fn float_label(times: &TaskTimes) -> String {
    if times.total_float < Work::ZERO {
        format!("{}d late", (-times.total_float).days_text())
    } else if times.critical {
        "critical".to_string()
    } else {
        format!("float {}d", times.total_float.days_text())
    }
}
