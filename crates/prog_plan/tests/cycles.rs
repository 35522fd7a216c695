//! Circular dependencies are reported edge by edge; the rest still schedules.

mod common;

use common::*;
use prog_plan::*;

fn dep(task: TaskId, index: u32) -> DepRef {
    DepRef { task, index }
}

#[test]
fn two_tasks_waiting_for_each_other() {
    let mut b = Builder::new("2027-01-04");
    let a = b.task("a", 2);
    let bb = b.task("b", 3);
    let c = b.task("c", 1);
    let free = b.task("free", 4);
    b.after(a, bb);
    b.after(bb, a);
    b.after(c, a);
    let s = schedule(&b.plan);
    assert_eq!(
        s.cycles,
        vec![Cycle {
            tasks: vec![a, bb],
            edges: vec![dep(bb, 0), dep(a, 0)],
        }]
    );
    assert_eq!(row(&s, a), (0.0, 2.0, 1.0, 3.0, 1.0, 0.0));
    assert_eq!(row(&s, bb), (0.0, 3.0, 1.0, 4.0, 1.0, 1.0));
    assert_eq!(row(&s, c), (2.0, 3.0, 3.0, 4.0, 1.0, 1.0));
    assert_eq!(row(&s, free), (0.0, 4.0, 0.0, 4.0, 0.0, 0.0));
    assert_eq!(s.critical_path, vec![free]);
}

#[test]
fn self_dependency() {
    let mut b = Builder::new("2027-01-04");
    let other = b.task("other", 1);
    let a = b.task("a", 2);
    b.after(a, other);
    b.after(a, a);
    let s = schedule(&b.plan);
    assert_eq!(
        s.cycles,
        vec![Cycle {
            tasks: vec![a],
            edges: vec![dep(a, 1)],
        }]
    );
    assert_eq!(s.times(a).es, days(1));
    assert_eq!(s.critical_path, vec![other, a]);
}

#[test]
fn two_separate_cycles() {
    let mut b = Builder::new("2027-01-04");
    let c = b.task("c", 1);
    let d = b.task("d", 1);
    let e = b.task("e", 1);
    let a = b.task("a", 1);
    let bb = b.task("b", 1);
    let tail = b.task("tail", 1);
    b.after(d, c);
    b.after(e, d);
    b.after(c, e);
    b.after(a, bb);
    b.after(bb, a);
    b.after(tail, e);
    b.after(tail, bb);
    let s = schedule(&b.plan);
    assert_eq!(
        s.cycles,
        vec![
            Cycle {
                tasks: vec![c, d, e],
                edges: vec![dep(d, 0), dep(e, 0), dep(c, 0)],
            },
            Cycle {
                tasks: vec![a, bb],
                edges: vec![dep(bb, 0), dep(a, 0)],
            },
        ]
    );
    // Every edge inside a cycle is set aside; the edges leaving them stay.
    assert_eq!(s.times(e).es, days(0));
    assert_eq!(s.times(tail).es, days(1));
    assert_eq!(s.duration, days(2));
}

/// `group G { x; y after x }`, `z after G`, `G after z`: the cycle runs
/// x → z → x; the edge back into x comes from the statement on G.
#[test]
fn cycle_through_a_group() {
    let mut b = Builder::new("2027-01-04");
    let g = b.group("G");
    let x = b.task("x", 1);
    let y = b.task("y", 1);
    let z = b.task("z", 1);
    let after = b.task("after", 1);
    b.set_parent(x, g);
    b.set_parent(y, g);
    b.after(y, x);
    b.after(z, g);
    b.after(g, z);
    b.after(after, g);
    let s = schedule(&b.plan);
    assert_eq!(
        s.cycles,
        vec![Cycle {
            tasks: vec![x, y, z],
            edges: vec![dep(z, 0), dep(g, 0)],
        }]
    );
    assert_eq!(s.times(after).es, days(1));
    assert_eq!(s.times(g).ef, days(1));
}

/// `group G { x after G; y }`: x waits for y but not for itself.
#[test]
fn task_depending_on_its_own_group() {
    let mut b = Builder::new("2027-01-04");
    let g = b.group("G");
    let x = b.task("x", 1);
    let y = b.task("y", 2);
    b.set_parent(x, g);
    b.set_parent(y, g);
    b.after(x, g);
    let s = schedule(&b.plan);
    assert_eq!(
        s.cycles,
        vec![Cycle {
            tasks: vec![x],
            edges: vec![dep(x, 0)],
        }]
    );
    assert_eq!(row(&s, x), (2.0, 3.0, 2.0, 3.0, 0.0, 0.0));
    assert_eq!(s.critical_path, vec![y, x]);
}

#[test]
fn group_depending_on_itself() {
    let mut b = Builder::new("2027-01-04");
    let g = b.group("G");
    let x = b.task("x", 1);
    let y = b.task("y", 1);
    b.set_parent(x, g);
    b.set_parent(y, g);
    b.after(g, g);
    let s = schedule(&b.plan);
    assert_eq!(
        s.cycles,
        vec![Cycle {
            tasks: vec![x, y],
            // The shortest cycle through x: the edge x → x.
            edges: vec![dep(g, 0)],
        }]
    );
    assert_eq!(s.duration, days(1));
}
