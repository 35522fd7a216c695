//! Lenses over milestones and groups, and the critical path as a list.

use prog_db::{Project, SourceFile};
use prog_plan::Work;
use prog_syntax::Span;
use prog_syntax::ast::DeclKind;

use crate::FileRange;
use crate::baseline;
use crate::inlay_hints::float_label;
use crate::model::task_of;
use crate::syntax::file_outline;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeLens {
    /// The declaration's keyword.
    pub span: Span,
    pub title: String,
    pub action: LensAction,
}

/// What clicking a lens does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LensAction {
    ShowCriticalPath,
    /// Nothing: the lens only informs.
    None,
}

/// `2027-01-27 · critical` over every milestone; `2027-01-04 → 2027-01-27 · float 2d`
/// over every group; with a baseline, `vs baseline: finish +4d, 3 milestones late`
/// over the program.
pub fn code_lenses(db: &dyn salsa::Database, project: Project, file: SourceFile) -> Vec<CodeLens> {
    let schedule = prog_db::schedule(db, project);
    let cal = prog_db::work_calendar(db, project);
    let outline = file_outline(db, file);
    let program = outline
        .iter()
        .find(|d| d.kind == DeclKind::Program)
        .and_then(|d| {
            Some(CodeLens {
                span: d.keyword_span,
                title: baseline::program_lens(db, project)?,
                action: LensAction::None,
            })
        });
    let dated = outline
        .iter()
        .filter(|d| matches!(d.kind, DeclKind::Milestone | DeclKind::Group))
        .filter_map(|d| {
            let task = task_of(db, project, &d.name.as_ref()?.text)?;
            let t = schedule.tasks.get(task.index())?;
            let (start, finish) = cal.span_dates(t.es, t.ef);
            let when = if d.kind == DeclKind::Milestone || t.ef <= t.es {
                finish.to_string()
            } else {
                format!("{start} → {finish}")
            };
            Some(CodeLens {
                span: d.keyword_span,
                title: format!("{when} · {}", float_label(t)),
                action: LensAction::ShowCriticalPath,
            })
        });
    program.into_iter().chain(dated).collect()
}

/// One step of the critical path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CriticalStep {
    pub id: String,
    pub title: Option<String>,
    pub start: String,
    pub finish: String,
    pub duration: Work,
    /// The id at its definition, when it is in one of the plan's files.
    pub location: Option<FileRange>,
}

/// The longest chain of the schedule, first to last.
pub fn critical_path(db: &dyn salsa::Database, project: Project) -> Vec<CriticalStep> {
    let plan = &prog_db::resolved(db, project).plan;
    let schedule = prog_db::schedule(db, project);
    let cal = prog_db::work_calendar(db, project);
    let definitions = crate::definitions(db, project);
    schedule
        .critical_path
        .iter()
        .map(|&id| {
            let task = plan.task(id);
            let t = schedule.times(id);
            let (start, finish) = cal.span_dates(t.es, t.ef);
            CriticalStep {
                id: task.id.to_string(),
                title: (*task.title).clone(),
                start: start.to_string(),
                finish: finish.to_string(),
                duration: t.duration(),
                location: definitions.get(task.id.as_str()).map(|d| FileRange {
                    file: d.file,
                    span: d.name,
                }),
            }
        })
        .collect()
}
