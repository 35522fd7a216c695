//! Circular dependencies: each loop is reported and broken at the statement
//! that closes it; every other dependency still holds.

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
    // `a after b` closes the loop and is ignored; `b after a` holds.
    assert_eq!(row(&s, a), (0.0, 2.0, 0.0, 2.0, 0.0, 0.0));
    assert_eq!(row(&s, bb), (2.0, 5.0, 2.0, 5.0, 0.0, 0.0));
    assert_eq!(row(&s, c), (2.0, 3.0, 4.0, 5.0, 2.0, 2.0));
    assert_eq!(row(&s, free), (0.0, 4.0, 1.0, 5.0, 1.0, 1.0));
    assert_eq!(s.critical_path, vec![a, bb]);
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
    // Each loop loses the one edge that closes it; the others and the edges
    // leaving the loops stay.
    assert_eq!(s.times(d).es, days(1));
    assert_eq!(s.times(e).es, days(2));
    assert_eq!(s.times(bb).es, days(1));
    assert_eq!(s.times(tail).es, days(3));
    assert_eq!(s.duration, days(4));
}

/// `group G { x; y after x }`, `z after G`, `G after z`: the loop runs
/// x → y → z → x; the edge back into x comes from the statement on G, which
/// is ignored for both x and y.
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
            edges: vec![dep(y, 0), dep(z, 0), dep(g, 0)],
        }]
    );
    assert_eq!(s.times(z).es, days(2));
    assert_eq!(s.times(after).es, days(2));
    assert_eq!(s.times(g).ef, days(2));
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
            // The first loop found: x → x, through the one statement.
            tasks: vec![x],
            edges: vec![dep(g, 0)],
        }]
    );
    assert_eq!(s.duration, days(1));
}

/// `t1 after t3`, `t2 after t1`, `t3 after t2`: broken at `t1 after t3`,
/// the three run one after the other instead of side by side.
#[test]
fn a_loop_is_broken_at_one_edge_and_keeps_the_others() {
    let mut b = Builder::new("2027-01-04");
    let t1 = b.task("t1", 1);
    let t2 = b.task("t2", 2);
    let t3 = b.task("t3", 3);
    b.after(t1, t3);
    b.after(t2, t1);
    b.after(t3, t2);
    let s = schedule(&b.plan);
    assert_eq!(
        s.cycles,
        vec![Cycle {
            tasks: vec![t1, t2, t3],
            edges: vec![dep(t2, 0), dep(t3, 0), dep(t1, 0)],
        }]
    );
    assert_eq!(row(&s, t1), (0.0, 1.0, 0.0, 1.0, 0.0, 0.0));
    assert_eq!(row(&s, t2), (1.0, 3.0, 1.0, 3.0, 0.0, 0.0));
    assert_eq!(row(&s, t3), (3.0, 6.0, 3.0, 6.0, 0.0, 0.0));
    assert_eq!(s.critical_path, vec![t1, t2, t3]);
}

/// Two loops through one task, `a ⇄ b` and `b ⇄ c`: each is reported and
/// broken at its own closing edge.
#[test]
fn loops_sharing_a_task_are_each_broken() {
    let mut b = Builder::new("2027-01-04");
    let a = b.task("a", 1);
    let bb = b.task("b", 1);
    let c = b.task("c", 1);
    b.after(bb, a);
    b.after(a, bb);
    b.after(c, bb);
    b.after(bb, c);
    let s = schedule(&b.plan);
    assert_eq!(
        s.cycles,
        vec![
            Cycle {
                tasks: vec![a, bb],
                edges: vec![dep(bb, 0), dep(a, 0)],
            },
            Cycle {
                tasks: vec![bb, c],
                edges: vec![dep(c, 0), dep(bb, 1)],
            },
        ]
    );
    assert_eq!(
        (s.times(a).es, s.times(bb).es, s.times(c).es),
        (days(0), days(1), days(2))
    );
}

/// A loop of 2,000 tasks is one loop of 2,000 edges, found in linear time,
/// and cut at one edge: the rest is a chain of 2,000 days.
#[test]
fn a_long_loop_is_one_cycle_cut_once() {
    let mut b = Builder::new("2027-01-04");
    let n = 2_000;
    let tasks: Vec<TaskId> = (0..n).map(|i| b.task(&format!("t{i}"), 1)).collect();
    b.after(tasks[0], tasks[n - 1]);
    for i in 1..n {
        b.after(tasks[i], tasks[i - 1]);
    }
    let s = schedule(&b.plan);
    assert_eq!(s.cycles.len(), 1);
    assert_eq!(s.cycles[0].edges.len(), n);
    assert_eq!(s.cycles[0].edges.last(), Some(&dep(tasks[0], 0)));
    assert_eq!(s.duration, days(n as i64));
}
