//! References between declarations, linked once every id of the plan is
//! declared.
//!
//! The resolver lowers each declaration into the model as soon as it is
//! declared, so that a piece's declarations can be freed before the next
//! piece is made; what a declaration names is kept here, about 60 bytes a
//! reference, and looked up at the end in the order it was written. The
//! lookups' diagnostics come out in that order, as if each declaration had
//! been lowered after the whole plan was declared.

use prog_plan::people::Party;
use prog_plan::{Assignment, CalendarId, DepKind, Dependency, ResourceId, StakeholderId, TaskId, Work};
use prog_syntax::ast::{DeclKind, SmolStr};

use super::{Origin, Resolver, SourceMap, is_resource};
use crate::item::NameRef;
use crate::task_values::is_task;
use crate::{Code, Diagnostic, Location};

/// The references of a plan, in the order written, in blocks of
/// [`BLOCK`]: a list grown by doubling would copy them as it grows and
/// keep up to half of it empty, and each block is freed once linked.
#[derive(Default)]
pub(super) struct References {
    blocks: Vec<Vec<Reference>>,
}

const BLOCK: usize = 4096;

impl References {
    fn push(&mut self, reference: Reference) {
        match self.blocks.last_mut() {
            Some(block) if block.len() < BLOCK => block.push(reference),
            _ => {
                let mut block = Vec::with_capacity(BLOCK);
                block.push(reference);
                self.blocks.push(block);
            }
        }
    }

    /// How many references there are: the serial of the next. Every
    /// block but the last is full.
    pub(super) fn len(&self) -> usize {
        self.blocks
            .last()
            .map_or(0, |last| (self.blocks.len() - 1) * BLOCK + last.len())
    }
}

/// A name written in a declaration, and where its target goes.
struct Reference {
    name: SmolStr,
    at: Location,
    to: Target,
}

/// Where a reference's target goes: the model's part that holds it, by
/// index.
#[derive(Clone, Copy)]
pub(super) enum Target {
    /// The program's calendar, if this is the reference that sets it
    /// (see `Resolver::program_calendar`).
    ProgramCalendar,
    ResourceCalendar(u32),
    Dep {
        task: u32,
        kind: DepKind,
        lag: Work,
    },
    /// A task's owner, who also works on it if it is a task (not a
    /// group's or a milestone's, accountable only).
    Owner {
        task: u32,
        works: bool,
    },
    Assign {
        task: u32,
        units: u32,
    },
    /// A task's RACI statements, by their index in `People::raci`.
    Consulted(u32),
    Informed(u32),
    Interest(u32),
    ActionOwner(u32),
    ActionAffects(u32),
    RiskAffects(u32),
    RiskOwner(u32),
    Gate(u32),
    Approver(u32),
}

/// What a reference may name.
#[derive(Clone, Copy)]
pub(super) enum Wanted {
    Task,
    Milestone,
    Resource,
    Calendar,
    Party,
}

impl Wanted {
    pub(super) fn accepts(self, kind: DeclKind) -> bool {
        match self {
            Wanted::Task | Wanted::Milestone => is_task(kind),
            Wanted::Resource => is_resource(kind),
            Wanted::Calendar => kind == DeclKind::Calendar,
            Wanted::Party => is_resource(kind) || kind == DeclKind::Stakeholder,
        }
    }

    /// What is needed, as an error message says it.
    pub(super) fn phrase(self) -> &'static str {
        match self {
            Wanted::Task => "a task, milestone or group",
            // Looked up among every task, so that naming a task that is
            // not a milestone says so, not that it is unknown.
            Wanted::Milestone => "a milestone",
            Wanted::Resource => "a person or team",
            Wanted::Calendar => "a calendar",
            Wanted::Party => "a person, team or stakeholder",
        }
    }
}

impl Target {
    fn wanted(self) -> Wanted {
        match self {
            Target::ProgramCalendar | Target::ResourceCalendar(_) => Wanted::Calendar,
            Target::Dep { .. } | Target::Interest(_) | Target::ActionAffects(_) | Target::RiskAffects(_) => {
                Wanted::Task
            }
            Target::Owner { .. }
            | Target::Assign { .. }
            | Target::ActionOwner(_)
            | Target::RiskOwner(_)
            | Target::Approver(_) => Wanted::Resource,
            Target::Consulted(_) | Target::Informed(_) => Wanted::Party,
            Target::Gate(_) => Wanted::Milestone,
        }
    }
}

/// The places of each task's dependencies and assignments, pushed to the
/// source map's lists task after task as the references are linked (a
/// task's references are consecutive, and the tasks in order).
#[derive(Default)]
struct Sites {
    /// The task whose lists are being gathered.
    task: usize,
    deps: Vec<Location>,
    assignments: Vec<Location>,
}

impl Sites {
    /// Pushes the lists of every task before `task`.
    fn reach(&mut self, map: &mut SourceMap, task: usize) {
        while self.task < task {
            map.deps.push(self.deps.drain(..));
            map.assignments.push(self.assignments.drain(..));
            self.task += 1;
        }
    }
}

impl Resolver {
    /// Keeps `name` to be looked up once the plan is declared.
    pub(super) fn refer(&mut self, file: Origin, name: &NameRef, to: Target) {
        self.references.push(Reference {
            name: name.text.clone(),
            at: file.at(name.span),
            to,
        });
    }

    /// Looks every reference up, in the order written, and puts each
    /// target found into the model.
    pub(super) fn link(&mut self) {
        let references = std::mem::take(&mut self.references);
        let mut sites = Sites::default();
        let references = references.blocks.into_iter().flatten();
        for (serial, Reference { name, at, to }) in references.enumerate() {
            let Some(symbol) = self.lookup(&name, at, to.wanted()) else {
                continue;
            };
            let index = symbol.index;
            match to {
                Target::ProgramCalendar => {
                    if let Some((program, _)) = self.program.as_mut()
                        && self.program_calendar == Some(serial)
                    {
                        program.calendar = Some(CalendarId(index));
                    }
                }
                Target::ResourceCalendar(r) => {
                    self.resources[r as usize].calendar = Some(CalendarId(index));
                }
                Target::Dep { task, kind, lag } => {
                    sites.reach(&mut self.map, task as usize);
                    let on = TaskId(index);
                    self.tasks[task as usize].deps.push(Dependency { on, kind, lag });
                    sites.deps.push(at);
                }
                Target::Owner { task, works } => {
                    let resource = ResourceId(index);
                    let task = task as usize;
                    self.tasks[task].owner = Some(resource);
                    if works {
                        sites.reach(&mut self.map, task);
                        self.tasks[task]
                            .assignments
                            .push(Assignment { resource, units: 100 });
                        sites.assignments.push(at);
                    }
                }
                Target::Assign { task, units } => {
                    sites.reach(&mut self.map, task as usize);
                    let resource = ResourceId(index);
                    self.tasks[task as usize]
                        .assignments
                        .push(Assignment { resource, units });
                    sites.assignments.push(at);
                }
                Target::Consulted(raci) => {
                    let party = party(symbol.kind, index);
                    self.people.raci[raci as usize].consulted.push(party);
                }
                Target::Informed(raci) => {
                    let party = party(symbol.kind, index);
                    self.people.raci[raci as usize].informed.push(party);
                }
                Target::Interest(s) => {
                    self.people.stakeholders[s as usize].interests.push(TaskId(index));
                }
                Target::ActionOwner(a) => {
                    self.people.actions[a as usize].owner = Some(ResourceId(index));
                }
                Target::ActionAffects(a) => {
                    self.people.actions[a as usize].affects.push(TaskId(index));
                }
                Target::RiskAffects(r) => self.risks[r as usize].affects.push(TaskId(index)),
                Target::RiskOwner(r) => self.risks[r as usize].owner = Some(ResourceId(index)),
                Target::Gate(a) if symbol.kind == DeclKind::Milestone => {
                    self.approvals[a as usize].gates.push(TaskId(index));
                }
                Target::Gate(_) => {
                    let d = Diagnostic::error(
                        Code::GateNotMilestone,
                        at,
                        format!(
                            "an approval gates a milestone, but `{name}` is {}",
                            symbol.kind.with_article()
                        ),
                    )
                    .with_related(symbol.location, "defined here")
                    .with_hint("add a milestone after this work and gate that");
                    self.diagnostics.push(d);
                }
                Target::Approver(a) => {
                    self.approvals[a as usize].approvers.push(ResourceId(index));
                }
            }
        }
        sites.reach(&mut self.map, self.tasks.len());
    }
}

fn party(kind: DeclKind, index: u32) -> Party {
    if kind == DeclKind::Stakeholder {
        Party::Stakeholder(StakeholderId(index))
    } else {
        Party::Resource(ResourceId(index))
    }
}
