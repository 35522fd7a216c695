//! Resolution: every item of the plan joined into the plan model, and the
//! model as scheduling reads it.

use std::sync::Arc;

use prog_plan::Plan;
use prog_sema::{Diagnostic, Expected, FileId, Piece, Resolved, SourceMap, TaskValues};

use crate::anchors::{Anchored, anchors};
use crate::cut::is_task_keyword;
use crate::files::plan_files;
use crate::inputs::Project;
use crate::items::{file_chunks, file_decls, file_lowered, take_lowered};
use crate::once::analysed_once;
use crate::titles::{Titles, take_titles, with_titles};

mod from_programs;
pub(crate) use from_programs::program_errors;

/// Resolution, anchored to items (see [`crate::anchors`]): the plan's shape
/// and titles, its source map and the diagnostics of resolution. Not run
/// again after an edit that changes no item's meaning, wherever it moves
/// items or their parts to.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Resolution {
    /// The model without titles, prose and task values.
    pub shape: Arc<Plan>,
    pub titles: Titles,
    pub source_map: Anchored<Arc<SourceMap>>,
    pub diagnostics: Anchored<Vec<Diagnostic>>,
}

#[salsa::tracked(returns(ref))]
pub(crate) fn resolution(db: &dyn salsa::Database, project: Project) -> Resolution {
    let files = &plan_files(db, project).files;
    // Each chunk is a piece of its own, numbered across the files.
    let Resolved {
        mut plan,
        source_map,
        diagnostics,
    } = if analysed_once(db) {
        // Its declarations and values are resolution's alone: each chunk
        // is lowered as the resolver comes to it, and freed once resolved.
        let chunks = || files.iter().flat_map(|file| file_chunks(db, *file));
        let items = chunks().flat_map(|at| at.chunk.items(db).iter());
        let expected = items.fold(Expected::default(), |mut expected, item| {
            let tasks = item.tasks as usize;
            let other = item.keyword.is_some_and(|k| !is_task_keyword(k));
            expected.declarations += tasks + usize::from(other);
            expected.tasks += tasks;
            expected
        });
        prog_sema::resolve_each(
            expected,
            chunks().enumerate().map(|(n, at)| {
                let lowered = take_lowered(db, at.chunk);
                Piece {
                    file: FileId(n as u32),
                    base: 0,
                    decls: lowered.decls,
                    values: Some(lowered.task_values),
                }
            }),
        )
    } else {
        let decls = files
            .iter()
            .flat_map(|file| file_decls(db, *file).iter().cloned());
        let pieces = decls.enumerate().map(|(n, decls)| Piece {
            file: FileId(n as u32),
            base: 0,
            decls,
            values: None,
        });
        prog_sema::resolve(pieces.collect())
    };
    let titles = take_titles(&mut plan);
    Resolution {
        shape: Arc::new(plan),
        titles,
        source_map: Anchored::new(Arc::new(source_map)),
        diagnostics: Anchored::new(diagnostics),
    }
}

/// The plan model with its source map (in the real files) and the
/// diagnostics of resolution. Placed on demand: the diagnostics do not need
/// it.
#[salsa::tracked(returns(ref))]
pub fn resolved(db: &dyn salsa::Database, project: Project) -> Resolved {
    let resolution = resolution(db, project);
    let anchors = anchors(db, project);
    Resolved {
        plan: with_titles(plan_shape(db, project), &resolution.titles),
        source_map: anchors.place_map(&resolution.source_map),
        diagnostics: anchors.place_diagnostics(&resolution.diagnostics).collect(),
    }
}

/// The model without titles and prose: what scheduling reads. Equal after
/// edits that change no schedule input, so salsa backdates it and nothing
/// downstream runs again. Resolution leaves the task values out (see
/// [`crate::items::LoweredChunk::anchored`]); they are put in here.
#[salsa::tracked(returns(deref))]
pub fn plan_shape(db: &dyn salsa::Database, project: Project) -> Shape {
    let shape = &resolution(db, project).shape;
    let once = analysed_once(db);
    let dates = from_programs::dates_to_apply(db, project);
    if once && !dates {
        return Shape {
            plan: shape.clone(),
            made_of: None,
        };
    }
    let mut plan = Plan::clone(shape);
    let values = (!once).then(|| task_values(db, project));
    if let Some(values) = values {
        put_values(&mut plan, values.iter().flat_map(|chunk| chunk.iter()));
    }
    from_programs::apply(db, project, &mut plan);
    Shape {
        plan: Arc::new(plan),
        made_of: values
            .filter(|_| !dates)
            .map(|values| (shape.clone(), values.clone())),
    }
}

/// The task values of a plan, a list per chunk.
type ChunkValues = Vec<Arc<[TaskValues]>>;

/// The plan [`plan_shape`] gives, and what it made it of when that was
/// only the resolved shape and the task values.
#[derive(Debug)]
pub struct Shape {
    plan: Arc<Plan>,
    made_of: Option<(Arc<Plan>, ChunkValues)>,
}

impl std::ops::Deref for Shape {
    type Target = Plan;

    fn deref(&self) -> &Plan {
        &self.plan
    }
}

/// Two shapes made of the same resolved shape (the same one: resolution did
/// not run again) are equal when their task values are, and differ when
/// not: comparing every task of a large plan after an edit of one value
/// was an eighth of the edit. Otherwise the plans are compared.
impl PartialEq for Shape {
    fn eq(&self, other: &Shape) -> bool {
        match (&self.made_of, &other.made_of) {
            (Some((a, values_a)), Some((b, values_b))) if Arc::ptr_eq(a, b) => {
                values_a.len() == values_b.len()
                    && values_a
                        .iter()
                        .zip(values_b)
                        .all(|(a, b)| Arc::ptr_eq(a, b) || a == b)
            }
            _ => self.plan == other.plan,
        }
    }
}

fn put_values<'a>(plan: &mut Plan, values: impl Iterator<Item = &'a TaskValues>) {
    for (task, values) in plan.tasks.iter_mut().zip(values) {
        values.apply(task);
    }
}

/// The task values of the plan, in task order, by chunk: equal after an
/// edit that moves things but changes no value, so the shape is not copied
/// again (and compared chunk by chunk, by address first).
#[salsa::tracked(returns(ref))]
fn task_values(db: &dyn salsa::Database, project: Project) -> ChunkValues {
    let files = &plan_files(db, project).files;
    files
        .iter()
        .flat_map(|file| file_lowered(db, *file))
        .map(|lowered| lowered.task_values.clone())
        .collect()
}

/// The anchored source map alone, so that a title edit does not redo the
/// findings on the schedule.
#[salsa::tracked(returns(ref))]
pub(crate) fn anchored_map(db: &dyn salsa::Database, project: Project) -> Anchored<Arc<SourceMap>> {
    resolution(db, project).source_map.clone()
}
