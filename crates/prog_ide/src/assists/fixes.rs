//! Quick fixes, one function per kind of diagnostic.

use prog_db::{Project, SourceFile};
use prog_plan::{Plan, ResourceId, ResourceKind, TaskId, Work};
use prog_sema::{Code, Diagnostic, Location};
use prog_syntax::Span;
use prog_syntax::ast::DeclKind;

use super::edit::{add_statement, decl_at, remove_name};
use super::{Assist, AssistConfig, AssistKind};
use crate::model::task_of;
use crate::names::{NameRole, occurrence_at};
use crate::{SourceChange, TextEdit};

pub(super) fn for_diagnostic(
    db: &dyn salsa::Database,
    project: Project,
    file: SourceFile,
    d: &Diagnostic,
    config: AssistConfig,
    out: &mut Vec<Assist>,
) {
    let mut fix = |title: String, change: SourceChange| {
        out.push(Assist {
            title,
            kind: AssistKind::QuickFix,
            diagnostic: Some(d.clone()),
            change,
        })
    };
    match d.code {
        Code::UnknownId => unknown_id(db, project, file, d.location.span, &mut fix),
        Code::Cycle => cycle(db, project, d, &mut fix),
        Code::DuplicateDependency => duplicate_dependency(db, file, d.location.span, &mut fix),
        Code::OverAllocation => over_allocation(db, project, file, d, config, &mut fix),
        Code::RiskWithoutOwner => risk_owner(db, project, file, d.location.span, &mut fix),
        Code::RiskWithoutMitigation => {
            if let Some(edit) = statement_in(
                db,
                file,
                d.location.span,
                "mitigation \"TODO: what will be done\"",
            ) {
                fix("Add a mitigation".to_string(), SourceChange::single(file, edit));
            }
        }
        _ => {}
    }
}

fn statement_in(db: &dyn salsa::Database, file: SourceFile, at: Span, statement: &str) -> Option<TextEdit> {
    let (item, decl) = decl_at(db, file, at.start())?;
    add_statement(&item, decl, statement, file.text(db))
}

/// Replace with the closest id of the right kind, or declare the missing one.
fn unknown_id(
    db: &dyn salsa::Database,
    project: Project,
    file: SourceFile,
    span: Span,
    fix: &mut impl FnMut(String, SourceChange),
) {
    let Some(occurrence) = occurrence_at(db, file, span.start()) else {
        return;
    };
    let NameRole::Reference(kind) = occurrence.role else {
        return;
    };
    let definitions = crate::definitions(db, project);
    let candidates = definitions
        .iter()
        .filter(|(_, d)| kind.accepts(d.kind))
        .map(|(name, _)| name.as_str());
    if let Some(best) = prog_sema::closest(&occurrence.name, candidates) {
        fix(
            format!("Replace with `{best}`"),
            SourceChange::single(
                file,
                TextEdit {
                    span: occurrence.span,
                    insert: best.to_string(),
                },
            ),
        );
    }
    let stub = match kind.stub_kind() {
        DeclKind::Person => format!("person {} {{ capacity 100% }}", occurrence.name),
        DeclKind::Milestone => format!("milestone {} {{}}", occurrence.name),
        DeclKind::Calendar => format!("calendar {} {{}}", occurrence.name),
        _ => format!("task {} \"TODO\" {{ duration 1d }}", occurrence.name),
    };
    let text = file.text(db);
    let end = text.len();
    let newline = if text.ends_with('\n') || text.is_empty() {
        ""
    } else {
        "\n"
    };
    fix(
        format!("Create {} `{}`", kind.stub_kind().keyword(), occurrence.name),
        SourceChange::single(
            file,
            TextEdit {
                span: Span::new(end, end),
                insert: format!("{newline}\n{stub}\n"),
            },
        ),
    );
}

/// One fix per edge of the cycle: remove that dependency.
fn cycle(
    db: &dyn salsa::Database,
    project: Project,
    d: &Diagnostic,
    fix: &mut impl FnMut(String, SourceChange),
) {
    let edges = std::iter::once(d.location).chain(d.related.iter().map(|r| r.location));
    for location in edges {
        let Some(file) = crate::file_of(db, project, location.file) else {
            continue;
        };
        let Some((item, decl)) = decl_at(db, file, location.span.start()) else {
            continue;
        };
        let (Some(task), Some(target)) = (&decl.name, occurrence_at(db, file, location.span.start())) else {
            continue;
        };
        if let Some(edit) = remove_name(&item, decl, target.span, file.text(db)) {
            fix(
                format!("Remove the dependency of `{}` on `{}`", task.text, target.name),
                SourceChange::single(file, edit),
            );
        }
    }
}

/// Remove the dependency given again, where it is given again.
fn duplicate_dependency(
    db: &dyn salsa::Database,
    file: SourceFile,
    span: Span,
    fix: &mut impl FnMut(String, SourceChange),
) {
    let Some((item, decl)) = decl_at(db, file, span.start()) else {
        return;
    };
    if let Some(edit) = remove_name(&item, decl, span, file.text(db)) {
        let target = &file.text(db)[span.start()..span.end()];
        fix(
            format!("Remove the repeated `{target}`"),
            SourceChange::single(file, edit),
        );
    }
}

/// The task a location is written in.
fn task_at(db: &dyn salsa::Database, project: Project, location: Location) -> Option<(SourceFile, String)> {
    let file = crate::file_of(db, project, location.file)?;
    let (_, decl) = decl_at(db, file, location.span.start())?;
    Some((file, decl.name.as_ref()?.text.to_string()))
}

/// Sequence this task after (or before) another of the same interval, or
/// hand it to someone with free capacity while it runs.
fn over_allocation(
    db: &dyn salsa::Database,
    project: Project,
    file: SourceFile,
    d: &Diagnostic,
    config: AssistConfig,
    fix: &mut impl FnMut(String, SourceChange),
) {
    let Some((_, this)) = task_at(db, project, d.location) else {
        return;
    };
    let plan = prog_db::plan_shape(db, project);
    let Some(this_id) = task_of(db, project, &this) else {
        return;
    };
    let mut others: Vec<(SourceFile, Location, String)> = d
        .related
        .iter()
        .filter_map(|r| task_at(db, project, r.location).map(|(f, t)| (f, r.location, t)))
        .filter(|(_, _, t)| *t != this)
        .collect();
    others.dedup_by(|a, b| a.2 == b.2);
    for (other_file, other_location, other) in others.iter().take(3) {
        let Some(other_id) = task_of(db, project, other) else {
            continue;
        };
        // Never offer an order that closes a loop.
        if !depends_on(plan, other_id, this_id) {
            if let Some(edit) = statement_in(db, file, d.location.span, &format!("after {other}")) {
                fix(
                    format!("Sequence `{this}` after `{other}`"),
                    SourceChange::single(file, edit),
                );
            }
        } else if !depends_on(plan, this_id, other_id)
            && let Some(edit) = statement_in(db, *other_file, other_location.span, &format!("after {this}"))
        {
            fix(
                format!("Sequence `{other}` after `{this}`"),
                SourceChange::single(*other_file, edit),
            );
        }
    }
    reassign(db, project, file, d, this_id, fix);
    if config.leveling {
        level_conflict(db, project, this_id, &others, fix);
    }
}

/// The leveling engine's order between the tasks of this conflict.
fn level_conflict(
    db: &dyn salsa::Database,
    project: Project,
    this: TaskId,
    others: &[(SourceFile, Location, String)],
    fix: &mut impl FnMut(String, SourceChange),
) {
    let mut tasks = vec![this];
    tasks.extend(
        others
            .iter()
            .filter_map(|(_, _, name)| task_of(db, project, name)),
    );
    let pairs = super::level::pairs_among(db, project, &tasks);
    if pairs.is_empty() {
        return;
    }
    if let Some(change) = super::level::after_statements(db, project, &pairs) {
        fix("Resolve this conflict as leveling would".to_string(), change);
    }
}

/// Whether `task` already waits for `on`, directly or through others.
fn depends_on(plan: &Plan, task: TaskId, on: TaskId) -> bool {
    let mut seen = vec![false; plan.tasks.len()];
    let mut stack = vec![task];
    while let Some(t) = stack.pop() {
        if t == on {
            return true;
        }
        if std::mem::replace(&mut seen[t.index()], true) {
            continue;
        }
        stack.extend(plan.task(t).deps.iter().map(|d| d.on));
        // A group's start and finish wait for its parent's dependencies too.
        stack.extend(plan.task(t).parent);
    }
    false
}

/// Offer the people (or teams) of the same kind who have the units free on
/// every day the task runs.
fn reassign(
    db: &dyn salsa::Database,
    project: Project,
    file: SourceFile,
    d: &Diagnostic,
    task: TaskId,
    fix: &mut impl FnMut(String, SourceChange),
) {
    let Some(name) = occurrence_at(db, file, d.location.span.start()) else {
        return;
    };
    let plan = prog_db::plan_shape(db, project);
    let schedule = prog_db::schedule(db, project);
    let Some(current) = plan
        .resources
        .iter()
        .position(|r| r.id == name.name)
        .map(|i| ResourceId(i as u32))
    else {
        return;
    };
    let Some(units) = plan
        .task(task)
        .assignments
        .iter()
        .find(|a| a.resource == current)
        .map(|a| a.units)
    else {
        return;
    };
    let times = schedule.times(task);
    let day = Work::HOURS_PER_DAY;
    let first = times.es.0.div_euclid(day).max(0) as usize;
    let last = (times.ef.0 + day - 1).div_euclid(day).max(0) as usize;
    let kind = plan.resource(current).kind;
    let mut offered = 0;
    for (i, resource) in plan.resources.iter().enumerate() {
        if offered == 3 || i == current.index() || resource.kind != kind {
            continue;
        }
        let (profile, _) = prog_db::resource_load(db, project, i as u32);
        let free = profile.fits(units, first..last);
        if free && first < last {
            offered += 1;
            let what = if kind == ResourceKind::Team {
                "team"
            } else {
                "person"
            };
            fix(
                format!("Reassign to `{}` ({what} free then)", resource.id),
                SourceChange::single(
                    file,
                    TextEdit {
                        span: name.span,
                        insert: resource.id.to_string(),
                    },
                ),
            );
        }
    }
}

/// Owner stub: whoever owns a task the risk affects, else the first person.
fn risk_owner(
    db: &dyn salsa::Database,
    project: Project,
    file: SourceFile,
    span: Span,
    fix: &mut impl FnMut(String, SourceChange),
) {
    let plan = &prog_db::resolved(db, project).plan;
    let Some(risk) =
        occurrence_at(db, file, span.start()).and_then(|o| plan.risks.iter().find(|r| r.id == o.name))
    else {
        return;
    };
    let owner = risk.affects.iter().find_map(|t| plan.task(*t).owner).or_else(|| {
        plan.resources
            .iter()
            .position(|r| r.kind == ResourceKind::Person)
            .map(|i| ResourceId(i as u32))
    });
    if let Some(owner) = owner {
        let id = &plan.resource(owner).id;
        if let Some(edit) = statement_in(db, file, span, &format!("owner {id}")) {
            fix(format!("Make `{id}` the owner"), SourceChange::single(file, edit));
        }
    }
}
