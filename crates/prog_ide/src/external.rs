//! What the editor says of an external: its promise, when it is needed and
//! its slack, in the hover and as an inlay hint after its header.

use std::fmt::Write;

use prog_db::{Project, SourceFile};
use prog_plan::{ExternalTiming, Plan, TaskId};
use prog_syntax::Span;
use prog_syntax::ast::DeclKind;

use crate::model::task_of;
use crate::syntax::file_outline;

/// `needed by 2027-02-10 · 3d slack`, `needed by 2027-02-10 · 2d late`, or
/// `delivered 2027-02-03`.
pub(crate) fn label(plan: &Plan, task: TaskId, timing: &ExternalTiming) -> Option<String> {
    let external = plan.external_of(task)?;
    if !external.is_open() {
        return Some(match external.delivered {
            Some(date) => format!("delivered {date}"),
            None => "delivered".to_string(),
        });
    }
    let slack = match timing.date {
        None => "no date".to_string(),
        Some(_) if timing.slack.0 < 0 => format!("{}d late", (-timing.slack).days_text()),
        Some(_) => format!("{}d slack", timing.slack.days_text()),
    };
    Some(format!("needed by {} · {slack}", timing.needed_by))
}

fn timing(db: &dyn salsa::Database, project: Project, plan: &Plan, task: TaskId) -> Option<ExternalTiming> {
    let index = plan.externals.iter().position(|e| e.task == task)?;
    prog_db::external_timings(db, project).get(index).copied()
}

/// The hover's lines about an external: its status, promise and contact,
/// and when it is needed with its slack. Nothing for other tasks.
pub(crate) fn hover_lines(
    db: &dyn salsa::Database,
    project: Project,
    plan: &Plan,
    task: TaskId,
    md: &mut String,
) {
    let (Some(external), Some(timing)) = (plan.external_of(task), timing(db, project, plan, task)) else {
        return;
    };
    let promise = match (external.delivered, external.expected) {
        (Some(date), _) => format!("delivered {date}"),
        (None, Some(range)) if range.first != range.last => {
            format!("expected {} .. {}", range.first, range.last)
        }
        (None, Some(range)) => format!("expected {}", range.first),
        (None, None) => "no date promised".to_string(),
    };
    let _ = writeln!(md, "external, {} · {promise}\n", external.status.as_str());
    if let Some(contact) = &external.contact {
        let _ = writeln!(md, "contact: {}\n", prog_report::escape::markdown(contact));
    }
    let id = &plan.task(task).id;
    if let Some(from) = prog_db::program_targets(db, project)
        .iter()
        .find(|t| t.external == *id)
    {
        let _ = writeln!(
            md,
            "milestone `{}` of {}, as that plan forecasts it\n",
            from.milestone,
            prog_report::escape::markdown(&from.path)
        );
    }
    if let Some(label) = label(plan, task, &timing) {
        let _ = writeln!(md, "{label}\n");
    }
}

/// After the header of each external of `file` in `range`: where its
/// inlay hint goes and its label.
pub(crate) fn header_labels(
    db: &dyn salsa::Database,
    project: Project,
    file: SourceFile,
    range: Option<Span>,
) -> Vec<(usize, String)> {
    let plan = prog_db::plan_shape(db, project);
    if plan.externals.is_empty() {
        return Vec::new();
    }
    file_outline(db, file)
        .iter()
        .filter(|d| d.kind == DeclKind::External)
        .filter(|d| range.is_none_or(|r| r.start() <= d.header_end && d.header_end <= r.end()))
        .filter_map(|d| {
            let task = task_of(db, project, &d.name.as_ref()?.text)?;
            let timing = timing(db, project, plan, task)?;
            Some((d.header_end, label(plan, task, &timing)?))
        })
        .collect()
}
