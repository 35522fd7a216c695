//! A plan that Prog and TaskJuggler both level, and level by the same
//! rules, to compare `prog level` with `tj3` (which always levels).

use prog_plan::{Assignment, DepKind, Plan, Resource, ResourceId, ResourceKind, TaskKind, Work, WorkSpec};

use crate::tjp_text::tj_compatible;

/// `plan` reduced by [`tj_compatible`], then given `people` persons (`p0`,
/// `p1`, ...) at 100%, with no leave and no calendar of their own, and every
/// task with time assigned to one of them at 100% (the person of its first
/// assignment in `plan`, modulo `people`, else one by turns) with its
/// duration rounded up to whole days. In TaskJuggler such a task is an
/// `effort` allocated to its person; a person works on one task at a time,
/// a day at a time, in both tools. Every dependency becomes finish-to-start
/// with its gap rounded up to whole days, so that no work starts within a
/// day: `tj3` fails on start-to-start dependencies (`onstart`) between
/// leveled tasks ("This condition could not be met").
pub fn tj_leveling(plan: &Plan, people: usize) -> Plan {
    let people = people.max(1);
    let mut out = tj_compatible(plan).plan;
    out.resources = (0..people)
        .map(|p| Resource {
            id: format!("p{p}").into(),
            title: None,
            kind: ResourceKind::Person,
            capacity: 100,
            leave: Vec::new(),
            calendar: None,
            rate: None,
            key: None,
        })
        .collect();
    let whole_days =
        |hours: i64| (hours + Work::HOURS_PER_DAY - 1) / Work::HOURS_PER_DAY * Work::HOURS_PER_DAY;
    for (t, (task, original)) in out.tasks.iter_mut().zip(&plan.tasks).enumerate() {
        for dep in &mut task.deps {
            dep.kind = DepKind::FinishToStart;
            dep.lag = Work(whole_days(dep.lag.0));
        }
        if task.kind != TaskKind::Task {
            continue;
        }
        let person = original
            .assignments
            .first()
            .map_or(t % people, |a| a.resource.index() % people);
        task.work = Some(WorkSpec::Duration(Work(whole_days(task.duration().0))));
        task.assignments = vec![Assignment {
            resource: ResourceId(person as u32),
            units: 100,
        }]
        .into();
    }
    out
}
