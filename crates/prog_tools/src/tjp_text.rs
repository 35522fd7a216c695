//! A plan model written as a TaskJuggler 3 project, to benchmark `tj3` and
//! `prog schedule` side by side on the same plans.
//!
//! Both tools are meant to do the same thing: the critical path method on
//! working time, without resource leveling. So the project has no resources
//! and no allocations: every task gets a `length` (working time), its
//! duration in Prog, effort-driven ones included. What TaskJuggler cannot say
//! is mapped first, by [`tj_compatible`], to a plan it can say exactly; that
//! plan written as `.prog` schedules the same in Prog as the `.tjp` in `tj3`.

use std::collections::{BTreeSet, HashSet};
use std::fmt::Write;

use chrono::{Days, NaiveDate};

use prog_plan::{Calendar, DepKind, Dependency, LevelOptions, Plan, TaskId, TaskKind, Work, WorkSpec};

/// The outcome of [`tj_compatible`].
#[derive(Clone, Debug, PartialEq)]
pub struct TjMapping {
    /// The plan TaskJuggler can express exactly.
    pub plan: Plan,
    pub changes: TjChanges,
}

/// What [`tj_compatible`] changed on the way.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TjChanges {
    /// FS and SS leads (negative lags) raised to 0: TaskJuggler has no
    /// negative gaps.
    pub leads_dropped: usize,
    /// Finish-to-finish dependencies (per pair of leaves) rewritten exactly,
    /// as FS or SS with a gap.
    pub ff_exact: usize,
    /// Finish-to-finish dependencies (per pair of leaves) that would need a
    /// negative SS gap; written as SS with gap 0, which is stricter.
    pub ff_approximated: usize,
    /// SS dependencies on a group, expanded to one per leaf of the group
    /// (Prog waits for every leaf to start; TaskJuggler's `onstart` on a
    /// container only for the first).
    pub ss_on_groups_expanded: usize,
    /// Dependencies from or to a group without leaves: no-ops in Prog.
    pub empty_group_deps_dropped: usize,
    /// Dependencies on the same predecessor merged into the strongest.
    pub duplicates_merged: usize,
    /// Group dependencies repeated inside the group, moved to its children.
    pub group_deps_pushed_down: usize,
    pub deadlines_dropped: usize,
    /// Tasks whose duration came from effort and assignments.
    pub efforts_as_lengths: usize,
}

/// `plan` reduced to what TaskJuggler expresses exactly, with the same
/// schedule in Prog except where [`TjMapping`] counts an approximation:
/// no resources, assignments, deadlines, risks or approvals; every task
/// has its duration as a fixed [`WorkSpec::Duration`] (a task without
/// any becomes a milestone); only FS and SS dependencies with gaps of 0 or
/// more, SS ones on leaves only; `not_before` no earlier than the start.
pub fn tj_compatible(plan: &Plan) -> TjMapping {
    let mut m = TjChanges::default();
    let mut out = plan.clone();
    let leaves = leaves(plan);
    let duration: Vec<i64> = plan.tasks.iter().map(|t| t.duration().0).collect();
    let mut deps: Vec<Vec<Dependency>> = vec![Vec::new(); plan.tasks.len()];
    for (t, task) in plan.tasks.iter().enumerate() {
        for dep in &task.deps {
            let on = dep.on.index();
            if leaves[t].is_empty() || leaves[on].is_empty() {
                m.empty_group_deps_dropped += 1;
                continue;
            }
            let lead = |m: &mut TjChanges| {
                if dep.lag.0 < 0 {
                    m.leads_dropped += 1;
                }
                Work(dep.lag.0.max(0))
            };
            match dep.kind {
                DepKind::FinishToStart => deps[t].push(Dependency {
                    lag: lead(&mut m),
                    ..*dep
                }),
                DepKind::StartToStart if plan.tasks[on].kind == TaskKind::Group => {
                    let lag = lead(&mut m);
                    m.ss_on_groups_expanded += 1;
                    deps[t].extend(leaves[on].iter().map(|&l| Dependency { on: l, lag, ..*dep }));
                }
                DepKind::StartToStart => deps[t].push(Dependency {
                    lag: lead(&mut m),
                    ..*dep
                }),
                // ef(x) >= ef(f) + lag for every leaf x of the task and f of
                // `on`, that is es(x) >= ef(on) + lag - d(x): an FS gap, or
                // es(x) >= es(f) + d(f) + lag - d(x): an SS gap per f.
                DepKind::FinishToFinish => {
                    for &x in &leaves[t] {
                        let gap = dep.lag.0 - duration[x.index()];
                        if gap >= 0 {
                            m.ff_exact += 1;
                            deps[x.index()].push(Dependency {
                                on: dep.on,
                                kind: DepKind::FinishToStart,
                                lag: Work(gap),
                            });
                            continue;
                        }
                        for &f in &leaves[on] {
                            let gap = duration[f.index()] + gap;
                            if gap >= 0 {
                                m.ff_exact += 1;
                            } else {
                                m.ff_approximated += 1;
                            }
                            deps[x.index()].push(Dependency {
                                on: f,
                                kind: DepKind::StartToStart,
                                lag: Work(gap.max(0)),
                            });
                        }
                    }
                }
            }
        }
    }
    let start = plan.program.start;
    for (task, deps) in out.tasks.iter_mut().zip(deps) {
        task.deps = merge(deps, &duration, &mut m).into();
        if task.kind == TaskKind::Task {
            if matches!(task.work, Some(WorkSpec::Effort(_))) {
                m.efforts_as_lengths += 1;
            }
            let d = task.duration();
            if d == Work::ZERO {
                task.kind = TaskKind::Milestone;
                task.work = None;
            } else {
                task.work = Some(WorkSpec::Duration(d));
            }
        } else {
            task.work = None;
        }
        if task.deadline.take().is_some() {
            m.deadlines_dropped += 1;
        }
        task.not_before = task.not_before.map(|d| d.max(start));
        task.estimate = Default::default();
        task.assignments.clear();
        task.owner = None;
        task.progress = 0;
    }
    push_down_repeats(&mut out, &duration, &mut m);
    out.resources.clear();
    out.risks.clear();
    out.approvals.clear();
    TjMapping {
        plan: out,
        changes: m,
    }
}

/// One dependency per predecessor: TaskJuggler rejects a task named twice.
/// On a leaf of duration `d`, SS with gap `g` is FS with gap `g - d`, so the
/// strongest of several is kept exactly; on a group all are FS.
fn merge(mut deps: Vec<Dependency>, duration: &[i64], m: &mut TjChanges) -> Vec<Dependency> {
    // How long after the predecessor's start the task may start.
    let after_start = |d: &Dependency| match d.kind {
        DepKind::StartToStart => d.lag.0,
        _ => duration[d.on.index()] + d.lag.0,
    };
    deps.sort_by_key(|d| (d.on, std::cmp::Reverse(after_start(d))));
    let before = deps.len();
    deps.dedup_by_key(|d| d.on);
    m.duplicates_merged += before - deps.len();
    for dep in &mut deps {
        let d = duration[dep.on.index()];
        let k = after_start(dep);
        (dep.kind, dep.lag) = if k >= d {
            (DepKind::FinishToStart, Work(k - d))
        } else {
            (DepKind::StartToStart, Work(k))
        };
    }
    deps
}

/// TaskJuggler copies a container's dependencies into its children, and
/// rejects a child that names the same predecessor again. A group dependency
/// on a predecessor that a task inside the group also names moves down to
/// the group's children (the same constraint in Prog), merging there.
fn push_down_repeats(plan: &mut Plan, duration: &[i64], m: &mut TjChanges) {
    let mut children: Vec<Vec<TaskId>> = vec![Vec::new(); plan.tasks.len()];
    for id in plan.task_ids() {
        if let Some(p) = plan.task(id).parent {
            children[p.index()].push(id);
        }
    }
    // Parents come before their children, so moved dependencies are checked
    // again at the next level.
    for g in 0..plan.tasks.len() {
        if plan.tasks[g].deps.is_empty() || children[g].is_empty() {
            continue;
        }
        let mut below = HashSet::new();
        let mut stack = children[g].clone();
        while let Some(t) = stack.pop() {
            below.extend(plan.task(t).deps.iter().map(|d| d.on));
            stack.extend(&children[t.index()]);
        }
        let (down, keep): (Vec<Dependency>, Vec<Dependency>) = std::mem::take(&mut plan.tasks[g].deps)
            .into_iter()
            .partition(|d| below.contains(&d.on));
        plan.tasks[g].deps = keep.into();
        m.group_deps_pushed_down += down.len();
        for &c in &children[g] {
            let mut deps = std::mem::take(&mut plan.tasks[c.index()].deps);
            deps.extend(down.iter().copied());
            plan.tasks[c.index()].deps = merge(deps.to_vec(), duration, m).into();
        }
    }
}

/// The TaskJuggler 3 project of `plan`, after [`tj_compatible`].
///
/// Working time is 9:00 to 17:00 on the working days of the plan's
/// calendar, its holidays are global `leaves holiday`, groups are container
/// tasks, dependencies name tasks by absolute path (`s0.g1.t5`), FS gaps
/// are `gaplength`, SS ones `onstart`, and a `not_before` is a dependency
/// on a milestone fixed at that date (a `start` would be a hard start that
/// TaskJuggler reports as an error when a dependency delays the task).
/// The project ends a year after Prog's finish of the same plan.
pub fn write_tjp(plan: &Plan) -> String {
    write_exact(&tj_compatible(plan).plan)
}

/// The TaskJuggler 3 project of a plan of [`tj_leveling`]: as
/// [`write_tjp`], with its persons as resources and each task as an
/// `effort` allocated to its person. The project ends a year after Prog's
/// leveled finish by its first priority rule.
pub fn write_tjp_leveling(plan: &Plan) -> String {
    write_exact(plan)
}

/// How long `plan` takes leveled by the first priority rule alone: a length
/// that any good leveling, TaskJuggler's included, stays near.
fn quick_leveled_length(plan: &Plan) -> Work {
    let cal = prog_plan::WorkCalendar::new(plan);
    let unleveled = prog_plan::schedule_with(plan, &cal);
    let options = LevelOptions {
        seed: 1,
        schedules: 1,
        time_limit: None,
    };
    prog_plan::level(plan, &cal, &unleveled, &options, |_| {})
        .map_or(unleveled.duration, |l| l.schedule.duration)
}

/// `plan`, which TaskJuggler expresses exactly, as a project.
fn write_exact(plan: &Plan) -> String {
    let length = if plan.resources.is_empty() {
        prog_plan::schedule(plan).duration
    } else {
        quick_leveled_length(plan)
    };
    let cal = prog_plan::WorkCalendar::new(plan);
    let start = plan.program.start;
    let end = cal.finish_date(length).max(start) + Days::new(366);

    let mut out = String::new();
    let p = &plan.program;
    let _ = writeln!(
        out,
        "project {} {} {start} - {end} {{",
        ident(&p.id),
        string(p.title.as_deref().unwrap_or(&p.id))
    );
    out.push_str("  timezone \"UTC\"\n  timingresolution 60min\n");
    let _ = writeln!(out, "  dailyworkinghours {}", Work::HOURS_PER_DAY);
    let calendar = plan.calendar();
    let workdays = calendar
        .map(|c| c.workdays)
        .filter(|w| w.contains(&true))
        .unwrap_or(Calendar::MONDAY_TO_FRIDAY);
    const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    for (day, working) in DAYS.iter().zip(workdays) {
        if working {
            let _ = writeln!(out, "  workinghours {day} 9:00 - 17:00");
        } else {
            let _ = writeln!(out, "  workinghours {day} off");
        }
    }
    out.push_str("}\n\n");
    for h in calendar.map_or(&[][..], |c| &c.holidays[..]) {
        let first = h.first.max(start);
        let last = h.last.min(end - Days::new(1));
        if first <= last {
            let days = (last - first).num_days() + 1;
            let _ = writeln!(out, "leaves holiday \"holiday\" {first} +{days}d");
        }
    }

    for r in &plan.resources {
        let _ = writeln!(out, "resource {} {}", ident(&r.id), string(&r.id));
    }
    let floors: BTreeSet<NaiveDate> = plan.tasks.iter().filter_map(|t| t.not_before).collect();
    for date in &floors {
        let _ = writeln!(
            out,
            "task {} \"not before {date}\" {{ milestone start {date} }}",
            floor_id(*date)
        );
    }
    out.push('\n');

    let mut paths: Vec<String> = Vec::with_capacity(plan.tasks.len());
    let mut children: Vec<Vec<TaskId>> = vec![Vec::new(); plan.tasks.len()];
    for id in plan.task_ids() {
        let task = plan.task(id);
        let path = match task.parent {
            Some(p) => {
                children[p.index()].push(id);
                format!("{}.{}", paths[p.index()], ident(&task.id))
            }
            None => ident(&task.id),
        };
        paths.push(path);
    }
    let writer = Writer {
        plan,
        paths: &paths,
        children: &children,
    };
    for id in plan.task_ids().filter(|t| plan.task(*t).parent.is_none()) {
        writer.task(id, 0, &mut out);
    }
    out
}

struct Writer<'a> {
    plan: &'a Plan,
    paths: &'a [String],
    children: &'a [Vec<TaskId>],
}

impl Writer<'_> {
    fn task(&self, id: TaskId, depth: usize, out: &mut String) {
        let task = self.plan.task(id);
        let indent = "  ".repeat(depth);
        let children = &self.children[id.index()];
        let title = task.title.as_deref().unwrap_or(&task.id);
        let _ = write!(out, "{indent}task {} {} {{", ident(&task.id), string(title));
        match (task.kind, task.work) {
            (TaskKind::Task, Some(WorkSpec::Duration(w))) if !task.assignments.is_empty() => {
                let person = &self.plan.resource(task.assignments[0].resource).id;
                let _ = write!(out, " effort {}h allocate {}", w.0, ident(person));
            }
            (TaskKind::Task, Some(WorkSpec::Duration(w))) => {
                let _ = write!(out, " length {}h", w.0);
            }
            // An empty group is a milestone at the start, like in Prog.
            (TaskKind::Group, _) if children.is_empty() => out.push_str(" milestone"),
            (TaskKind::Group, _) => {}
            _ => out.push_str(" milestone"),
        }
        let mut depends: Vec<String> = task
            .deps
            .iter()
            .map(|dep| {
                let mut attrs = String::new();
                if dep.kind == DepKind::StartToStart {
                    attrs.push_str(" onstart");
                }
                if dep.lag.0 > 0 {
                    let _ = write!(attrs, " gaplength {}h", dep.lag.0);
                }
                let path = &self.paths[dep.on.index()];
                if attrs.is_empty() {
                    path.clone()
                } else {
                    format!("{path} {{{attrs} }}")
                }
            })
            .collect();
        depends.extend(task.not_before.map(floor_id));
        if !depends.is_empty() {
            let _ = write!(out, " depends {}", depends.join(", "));
        }
        if children.is_empty() {
            out.push_str(" }\n");
            return;
        }
        out.push('\n');
        for &child in children {
            self.task(child, depth + 1, out);
        }
        let _ = writeln!(out, "{indent}}}");
    }
}

/// The leaves inside each task: itself for a leaf.
fn leaves(plan: &Plan) -> Vec<Vec<TaskId>> {
    let mut leaves: Vec<Vec<TaskId>> = vec![Vec::new(); plan.tasks.len()];
    for id in plan.task_ids().filter(|t| plan.task(*t).is_leaf()) {
        let mut at = Some(id);
        while let Some(t) = at {
            leaves[t.index()].push(id);
            at = plan.task(t).parent;
        }
    }
    leaves
}

fn floor_id(date: NaiveDate) -> String {
    format!("not_before_{}", date.format("%Y_%m_%d"))
}

/// A TaskJuggler identifier: letters, digits and `_`, not starting with a
/// digit.
fn ident(id: &str) -> String {
    let mut out: String = id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if !out.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        out.insert(0, '_');
    }
    out
}

fn string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(plan: &Plan, id: TaskId) -> String {
        let mut parts = vec![plan.task(id).id.clone()];
        let mut at = plan.task(id).parent;
        while let Some(p) = at {
            parts.push(plan.task(p).id.clone());
            at = plan.task(p).parent;
        }
        parts.reverse();
        parts.join(".")
    }

    #[test]
    fn one_tj_task_per_task_and_dependencies_by_path() {
        let plan = prog_plan::generate::plan(1200, 10, 3);
        let text = write_tjp(&plan);
        let floors: BTreeSet<_> = plan.tasks.iter().filter_map(|t| t.not_before).collect();
        let tasks = text
            .lines()
            .filter(|l| l.trim_start().starts_with("task "))
            .count();
        assert_eq!(tasks, plan.tasks.len() + floors.len());
        assert!(text.matches(" milestone").count() >= floors.len());
        // A finish-to-start dependency without lag, on a leaf of another
        // package, is named by its absolute path.
        let (task, on) = plan
            .tasks
            .iter()
            .enumerate()
            .find_map(|(t, task)| {
                let dep = task.deps.first()?;
                let nested = plan.task(dep.on).parent.and_then(|p| plan.task(p).parent);
                (dep.kind == DepKind::FinishToStart && dep.lag == Work::ZERO && nested.is_some())
                    .then_some((TaskId(t as u32), dep.on))
            })
            .expect("a plain dependency");
        let on = path(&plan, on);
        assert_eq!(on.matches('.').count(), 2, "{on}");
        let line = text
            .lines()
            .find(|l| {
                l.trim_start()
                    .starts_with(&format!("task {} ", plan.task(task).id))
            })
            .expect("the task");
        assert!(line.contains(&format!("depends {on}")), "{line}");
        assert!(text.contains("leaves holiday \"holiday\" 2027-05-01 +1d"));
    }

    #[test]
    fn mapping_only_delays_and_is_exact_without_approximations() {
        let plan = prog_plan::generate::plan(3000, 20, 5);
        let m = tj_compatible(&plan);
        let c = m.changes;
        assert!(c.ff_exact > 0 && c.leads_dropped > 0 && c.ss_on_groups_expanded > 0);
        assert!(m.plan.tasks.iter().all(|t| {
            t.deps
                .iter()
                .all(|d| d.lag.0 >= 0 && d.kind != DepKind::FinishToFinish)
        }));
        let before = prog_plan::schedule(&plan);
        let after = prog_plan::schedule(&m.plan);
        for (b, a) in before.tasks.iter().zip(&after.tasks) {
            assert!(a.es >= b.es);
        }
        // Without leads and approximated FF dependencies, nothing moves.
        let mut exact = plan.clone();
        for task in &mut exact.tasks {
            for dep in &mut task.deps {
                dep.lag = Work(dep.lag.0.max(0));
            }
        }
        let m = tj_compatible(&exact);
        if m.changes.ff_approximated == 0 {
            let before = prog_plan::schedule(&exact);
            let after = prog_plan::schedule(&m.plan);
            assert_eq!(before.tasks.len(), after.tasks.len());
            for (b, a) in before.tasks.iter().zip(&after.tasks) {
                assert_eq!((a.es, a.ef), (b.es, b.ef));
            }
        }
    }

    #[test]
    fn finish_to_finish_becomes_an_exact_gap() {
        let mut plan = prog_plan::generate::plan(60, 0, 1);
        // Keep only finish-to-finish dependencies between leaves, with lags
        // large enough for an exact mapping.
        for task in &mut plan.tasks {
            task.not_before = None;
            task.deps.clear();
        }
        let leaves: Vec<TaskId> = plan.task_ids().filter(|t| plan.task(*t).is_leaf()).collect();
        for pair in leaves.windows(2) {
            let long = Work(plan.task(pair[1]).duration().0 + 3);
            plan.tasks[pair[1].index()].deps.push(Dependency {
                on: pair[0],
                kind: DepKind::FinishToFinish,
                lag: long,
            });
        }
        let m = tj_compatible(&plan);
        assert_eq!(m.changes.ff_approximated, 0);
        assert_eq!(m.changes.ff_exact, leaves.len() - 1);
        let before = prog_plan::schedule(&plan);
        let after = prog_plan::schedule(&m.plan);
        for (b, a) in before.tasks.iter().zip(&after.tasks) {
            assert_eq!((a.es, a.ef), (b.es, b.ef));
        }
    }
}
