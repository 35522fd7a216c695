//! The plan generator, and plan shapes the lowering should never produce but
//! that must not bring the engine down.

mod common;

use common::*;
use prog_plan::*;

#[test]
fn generated_plans_are_acyclic_and_reproducible() {
    for tasks in [0, 1, 2, 21, 600, 5_000] {
        let plan = generate::plan(tasks, 50, 3);
        assert_eq!(plan.tasks.len(), tasks);
        assert_eq!(plan, generate::plan(tasks, 50, 3));
        let s = schedule(&plan);
        assert!(s.cycles.is_empty(), "{tasks}");
        for id in plan.task_ids() {
            for dep in &plan.task(id).deps {
                assert!(dep.on < id, "dependencies point backwards");
            }
            if let Some(parent) = plan.task(id).parent {
                assert!(parent < id && plan.task(parent).kind == TaskKind::Group);
            }
        }
        let cal = WorkCalendar::new(&plan);
        let load = load(&plan, &s, &cal);
        assert_eq!(load.profiles.len(), 50);
        ScheduleDoc::new(&plan, &s, &cal);
    }
    let plan = generate::plan(10_000, 50, 1);
    let s = schedule(&plan);
    // About three dependencies per leaf, years of work.
    let deps: usize = plan.tasks.iter().map(|t| t.deps.len()).sum();
    assert!((20_000..35_000).contains(&deps), "{deps}");
    assert!((200..2_000).contains(&(s.duration.0 / 8)), "{:?}", s.duration);
}

#[test]
fn malformed_parents_do_not_panic() {
    let mut b = Builder::new("2027-01-04");
    let g = b.group("g");
    let h = b.group("h");
    let x = b.task("x", 2);
    let y = b.task("y", 1);
    b.set_parent(g, h);
    b.set_parent(h, g);
    b.set_parent(x, g);
    b.set_parent(y, x); // a task as a parent
    b.after(y, h);
    let s = schedule(&b.plan);
    // The walk down from g meets h inside g first, so h covers no leaf.
    assert!(s.cycles.is_empty());
    assert_eq!(row(&s, g), (0.0, 2.0, 0.0, 2.0, 0.0, 0.0));
    assert_eq!(s.times(y).ef, days(1));
}

#[test]
fn a_long_cycle_in_a_large_plan() {
    let mut plan = generate::plan(20_000, 50, 5);
    let last = TaskId(plan.tasks.len() as u32 - 1);
    let first_leaf = plan
        .task_ids()
        .find(|&t| plan.task(t).kind == TaskKind::Task)
        .unwrap();
    plan.tasks[first_leaf.index()].deps.push(Dependency {
        on: last,
        kind: DepKind::FinishToStart,
        lag: Work::ZERO,
    });
    let s = schedule(&plan);
    assert_eq!(s.cycles.len(), 1);
    let cycle = &s.cycles[0];
    assert!(cycle.tasks.len() > 1 && cycle.tasks.contains(&last));
    assert!(cycle.edges.len() > 1);
    assert!(!s.critical_path.is_empty());
}
