//! The semantic difference between two versions of a plan: not which lines
//! changed, but what the change does to the program.
//!
//! [`diff`] compares two scheduled plans ([`Side`]s) by id across the whole
//! plan (an item that moved to another file is the same item) and returns
//! a [`Diff`]:
//!
//! - the finish date moved, in working and calendar days, the changed tasks
//!   on the critical path that drive it ([`Diff::drivers`]) and one
//!   sentence saying so ([`Diff::headline`]);
//! - tasks and milestones that entered or left the critical path;
//! - per task, milestone and group: added, removed, and each edit (title,
//!   duration, effort, estimate, dependencies, owner, assignments,
//!   constraints, progress) with its start and finish moves;
//! - milestones moved, deadlines newly missed or met again;
//! - externals whose promise (expected, delivered, status) changed;
//! - risks (with the exposure delta), approvals and resources (capacity,
//!   leave) added, removed or changed, and over-allocations that appeared
//!   or vanished;
//! - blocked work, action items and stakeholders added, removed or
//!   changed ([`Diff::people`]);
//! - who to tell: each stakeholder whose interests moved, with why
//!   ([`Diff::tell`]);
//! - the budget at completion and the currency; SPI, CPI and EAC before
//!   and after; and with
//!   [`against_baseline`], both versions against a baseline.
//!
//! Dates moved are counted in working days on the new plan's calendar.
//! The crate reads only the span-free model; rendering is elsewhere.

mod budget;
mod headline;
mod matching;
mod model;
mod moves;
mod people;
mod promises;
mod register;
mod resources;
mod tasks;
mod tell;

pub use budget::{against_baseline, earned_value};
pub use model::*;
pub use promises::PromiseChange;

use prog_plan::{Load, Plan, Schedule, WorkCalendar};

/// One version of a plan with what was computed from it.
#[derive(Clone, Copy)]
pub struct Side<'a> {
    pub plan: &'a Plan,
    pub schedule: &'a Schedule,
    pub load: &'a Load,
    pub calendar: &'a WorkCalendar,
}

/// What changed from `old` to `new`.
pub fn diff(old: &Side, new: &Side) -> Diff {
    let ids = matching::TaskIndex::new(old.plan, new.plan);
    let mover = moves::Mover::new(old, new);
    let tasks = tasks::compare(old, new, &ids, &mover);
    let finish = moves::finish(old, new, &mover);
    let critical_path = moves::critical_change(old, new, &ids);
    let drivers = headline::drivers(old, new, &ids, &tasks, &finish);
    let program_change = Change::of(old.plan.program.id.clone(), new.plan.program.id.clone());
    let mut headline = headline::sentence(old, new, &finish, &drivers);
    if let Some(programs) = &program_change {
        headline = format!(
            "These are two different programs (`{}` and `{}`). {headline}",
            programs.old, programs.new
        );
    }
    let mut diff = Diff {
        schema: SCHEMA,
        program: new.plan.program.id.clone(),
        title: new.plan.program.title.clone(),
        program_change,
        headline,
        finish,
        drivers,
        critical_path,
        milestones: moves::milestones(old, new, &ids, &mover),
        deadlines: moves::deadlines(old, new, &ids),
        tasks,
        risks: register::risks(old.plan, new.plan),
        approvals: register::approvals(old.plan, new.plan),
        promises: promises::promises(old.plan, new.plan),
        resources: resources::resources(old.plan, new.plan),
        over_allocations: resources::overloads(old, new),
        budget: budget::budget(old.plan, new.plan),
        baseline: None,
        earned_value: budget::earned_value(old, new, None),
        people: people::compare(old.plan, new.plan),
        tell: Vec::new(),
    };
    diff.tell = tell::tell(old, new, &ids, &mover, &diff);
    diff
}
