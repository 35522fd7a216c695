//! Name resolution across files, and the checks that need the whole plan.

mod external;
mod lists;
mod people;
mod symbols;

pub use lists::Lists;

use std::sync::Arc;

use chrono::NaiveDate;
use prog_plan::{
    Approval, ApprovalStatus, Assignment, Calendar, CalendarId, Dependency, Few, Plan, Program, Rare,
    Resource, ResourceId, ResourceKind, Risk, Task, TaskId, TaskKind,
};
use prog_syntax::Span;
use prog_syntax::ast::{DeclKind, SmolStr};
use rustc_hash::FxHashMap;

use crate::item::{LoweredDecl, NameRef};
use crate::suggest::closest;
use crate::task_values::is_task;
use crate::values::Amount;
use crate::{Code, Diagnostic, Diagnostics, FileId, Location, Severity};
use symbols::Symbols;

/// The message of the P111 for a plan without any `program`.
pub const NO_PROGRAM: &str = "this plan has no `program`";

/// Where a declaration was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DeclSite {
    /// The id at the definition (the whole declaration if the id is missing).
    pub name: Location,
    pub decl: Location,
}

/// Where each part of the plan was written, indexed like the plan.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceMap {
    pub program: Option<DeclSite>,
    pub calendars: Vec<DeclSite>,
    pub resources: Vec<DeclSite>,
    pub tasks: Vec<DeclSite>,
    pub risks: Vec<DeclSite>,
    pub approvals: Vec<DeclSite>,
    pub stakeholders: Vec<DeclSite>,
    pub actions: Vec<DeclSite>,
    /// `deps[task][i]` is where `plan.tasks[task].deps[i]` names its target.
    pub deps: Lists<Location>,
    /// `assignments[task][i]` is where `plan.tasks[task].assignments[i]` was written.
    pub assignments: Lists<Location>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    pub plan: Plan,
    pub source_map: SourceMap,
    pub diagnostics: Vec<Diagnostic>,
}

/// A start date for plans that have none, so that the rest still analyses.
const FALLBACK_START: NaiveDate = match NaiveDate::from_ymd_opt(2000, 1, 3) {
    Some(date) => date,
    None => panic!("valid date"),
};

#[derive(Clone, Copy)]
struct Symbol {
    kind: DeclKind,
    index: u32,
    location: Location,
}

/// Lowered declarations of one file, or of a stretch of one file whose spans
/// count from byte `base` (the incremental layer lowers items one by one).
/// Shared with a cache, or the resolver's alone: then each piece's
/// declarations are freed as soon as they are resolved, not kept beside
/// the model resolution makes of them.
#[derive(Clone, Debug)]
pub struct Piece {
    pub file: FileId,
    pub base: usize,
    pub decls: Arc<Vec<LoweredDecl>>,
}

/// Where a piece's spans come from: its file, and the offset to add.
#[derive(Clone, Copy, Debug)]
struct Origin {
    file: FileId,
    base: usize,
}

impl Origin {
    fn at(self, span: Span) -> Location {
        Location {
            file: self.file,
            span: span.shifted(self.base),
        }
    }
}

/// Joins the lowered declarations of every file of a plan into one model.
/// The first piece's file is the root of the plan.
pub fn resolve(pieces: Vec<Piece>) -> Resolved {
    let mut r = Resolver::default();
    r.reserve(&pieces);
    let origin = |piece: &Piece| Origin {
        file: piece.file,
        base: piece.base,
    };
    for piece in &pieces {
        for decl in piece.decls.iter() {
            r.declare(origin(piece), decl);
        }
    }
    let root = pieces.first().map_or(FileId(0), |p| p.file);
    // Once every id is known, the declarations are lowered in the order
    // they were declared (each before its children), which numbers them
    // alike.
    let mut counts = [0; 8];
    for piece in pieces {
        for decl in piece.decls.iter() {
            r.lower_tree(origin(&piece), decl, None, &mut counts);
        }
    }
    r.finish(root)
}

/// A declaration being lowered once every id is known.
struct Entry<'a> {
    file: Origin,
    decl: &'a LoweredDecl,
    index: u32,
    parent: Option<TaskId>,
}

#[derive(Default)]
struct Resolver {
    symbols: Symbols,
    counts: [u32; 8],
    program: Option<(Program, DeclSite)>,
    plan_calendars: Vec<Calendar>,
    resources: Vec<Resource>,
    tasks: Vec<Task>,
    risks: Vec<Risk>,
    approvals: Vec<Approval>,
    people: prog_plan::People,
    externals: Vec<prog_plan::External>,
    map: SourceMap,
    /// Each `key` seen, by whether it is a resource's, with the id and
    /// place of the first item carrying it.
    keys: FxHashMap<(bool, SmolStr), (SmolStr, Location)>,
    diagnostics: Diagnostics,
    /// Names compared so far to find "did you mean"s: see [`SUGGESTION_BUDGET`].
    compared: usize,
}

/// How many names the resolver may compare in all to suggest a spelling.
/// Each unknown reference is compared with every id of its kind, so a plan
/// of 300,000 tasks each after a missing id would take 10¹¹ comparisons;
/// past the budget an unknown id gets no suggestion (about 0.1 s of work).
const SUGGESTION_BUDGET: usize = 2_000_000;

fn slot(kind: DeclKind) -> usize {
    match kind {
        DeclKind::Program => 0,
        DeclKind::Calendar => 1,
        DeclKind::Person | DeclKind::Team => 2,
        DeclKind::Task | DeclKind::Milestone | DeclKind::Group | DeclKind::External => 3,
        DeclKind::Risk => 4,
        DeclKind::Approval => 5,
        DeclKind::Stakeholder => 6,
        DeclKind::Action => 7,
    }
}

fn is_resource(kind: DeclKind) -> bool {
    matches!(kind, DeclKind::Person | DeclKind::Team)
}

impl Resolver {
    /// Room for every declaration of the plan, exactly: lists grown by
    /// doubling would leave up to half of each (a task is 192 bytes, and
    /// there are several lists a task) empty for as long as the plan is kept.
    fn reserve(&mut self, pieces: &[Piece]) {
        fn count(decls: &[LoweredDecl], counts: &mut [usize; 8]) {
            for decl in decls {
                counts[slot(decl.kind)] += 1;
                count(&decl.children, counts);
            }
        }
        let mut counts = [0; 8];
        for piece in pieces {
            count(&piece.decls, &mut counts);
        }
        let [_, calendars, resources, tasks, risks, approvals, _, _] = counts;
        self.symbols.reserve(counts.iter().sum());
        self.plan_calendars.reserve_exact(calendars);
        self.map.calendars.reserve_exact(calendars);
        self.resources.reserve_exact(resources);
        self.map.resources.reserve_exact(resources);
        self.tasks.reserve_exact(tasks);
        self.map.tasks.reserve_exact(tasks);
        self.map.deps.reserve(tasks);
        self.map.assignments.reserve(tasks);
        self.risks.reserve_exact(risks);
        self.map.risks.reserve_exact(risks);
        self.approvals.reserve_exact(approvals);
        self.map.approvals.reserve_exact(approvals);
    }

    /// Gives every declaration its index and its id a symbol.
    fn declare(&mut self, file: Origin, decl: &LoweredDecl) {
        let slot = slot(decl.kind);
        let index = self.counts[slot];
        self.counts[slot] += 1;
        let at = |span: Span| file.at(span);
        let site = DeclSite {
            name: at(decl.name.as_ref().map_or(decl.span, |n| n.span)),
            decl: at(decl.span),
        };
        if let Some(name) = &decl.name {
            let symbol = Symbol {
                kind: decl.kind,
                index,
                location: site.name,
            };
            if let Err(first) = self.symbols.declare(&name.text, symbol) {
                let d = Diagnostic::error(
                    Code::DuplicateId,
                    site.name,
                    format!("`{}` is defined more than once", name.text),
                )
                .with_related(first.location, "first defined here")
                .with_hint("ids are unique across the whole plan, imports included");
                self.diagnostics.push(d);
            }
        }
        match decl.kind {
            DeclKind::Program => {}
            DeclKind::Calendar => self.map.calendars.push(site),
            DeclKind::Person | DeclKind::Team => self.map.resources.push(site),
            DeclKind::Task | DeclKind::Milestone | DeclKind::Group | DeclKind::External => {
                self.map.tasks.push(site)
            }
            DeclKind::Risk => self.map.risks.push(site),
            DeclKind::Approval => self.map.approvals.push(site),
            DeclKind::Stakeholder => self.map.stakeholders.push(site),
            DeclKind::Action => self.map.actions.push(site),
        }
        if decl.kind == DeclKind::Program {
            self.declare_program(decl, site);
        }
        self.declare_key(decl, site);
        for child in &decl.children {
            self.declare(file, child);
        }
    }

    /// Lowers a declaration and its children, numbering them as
    /// [`Resolver::declare`] did with `counts`.
    fn lower_tree(
        &mut self,
        file: Origin,
        decl: &LoweredDecl,
        parent: Option<TaskId>,
        counts: &mut [u32; 8],
    ) {
        let slot = slot(decl.kind);
        let index = counts[slot];
        counts[slot] += 1;
        self.lower(&Entry {
            file,
            decl,
            index,
            parent,
        });
        let me = is_task(decl.kind).then_some(TaskId(index));
        for child in &decl.children {
            self.lower_tree(file, child, me, counts);
        }
    }

    /// Warns about a `key` already carried by another task, or another
    /// resource: a tool that matches items by key (an importer, a tracker
    /// sync) could not tell them apart. Tasks and resources have keys of
    /// their own, as MS Project numbers them apart.
    fn declare_key(&mut self, decl: &LoweredDecl, site: DeclSite) {
        let Some(key) = decl.values.key.as_deref() else {
            return;
        };
        let id = decl.name.as_ref().map_or("", |n| n.text.as_str());
        let family = (is_resource(decl.kind), SmolStr::new(key));
        match self.keys.get(&family) {
            Some((first_id, first)) => {
                let first = *first;
                let d = Diagnostic::warning(
                    Code::DuplicateKey,
                    site.name,
                    format!("`{id}` has the key \"{key}\" of `{first_id}` too"),
                )
                .with_related(first, format!("`{first_id}` has it first"))
                .with_hint("a key names one item in another tool: give each its own, or remove one");
                self.diagnostics.push(d);
            }
            None => {
                self.keys.insert(family, (SmolStr::new(id), site.name));
            }
        }
    }

    fn declare_program(&mut self, decl: &LoweredDecl, site: DeclSite) {
        if let Some((_, first)) = &self.program {
            let d = Diagnostic::error(Code::NoProgram, site.name, "a plan has one `program`")
                .with_related(first.name, "the program is defined here");
            self.diagnostics.push(d);
            return;
        }
        let start = decl.values.other().start.unwrap_or_else(|| {
            let d = Diagnostic::error(Code::NoProgram, site.name, "the program has no `start` date")
                .with_hint("add `start YYYY-MM-DD` to the program");
            self.diagnostics.push(d);
            FALLBACK_START
        });
        let program = Program {
            id: decl.id().to_string(),
            title: decl.title.as_deref().map(String::from),
            start,
            status_date: decl.values.other().status_date,
            calendar: None,
            currency: decl.values.other().currency.clone(),
        };
        self.program = Some((program, site));
    }

    /// Looks a reference up; reports it when it is unknown or of a kind
    /// that `accepts` refuses (`wanted` says what was expected).
    fn lookup(
        &mut self,
        file: Origin,
        name: &NameRef,
        accepts: fn(DeclKind) -> bool,
        wanted: &str,
    ) -> Option<Symbol> {
        let location = file.at(name.span);
        match self.symbols.get(name.text.as_str()) {
            Some(symbol) if accepts(symbol.kind) => Some(*symbol),
            Some(symbol) => {
                let d = Diagnostic::error(
                    Code::WrongKind,
                    location,
                    format!(
                        "`{}` is {}, but {wanted} is needed here",
                        name.text,
                        symbol.kind.with_article()
                    ),
                )
                .with_related(symbol.location, "defined here");
                self.diagnostics.push(d);
                None
            }
            None => {
                let suggestion = if self.compared + self.symbols.len() <= SUGGESTION_BUDGET {
                    self.compared += self.symbols.len();
                    let candidates = self
                        .symbols
                        .iter()
                        .filter(|(_, s)| accepts(s.kind))
                        .map(|(text, _)| text);
                    closest(&name.text, candidates)
                } else {
                    None
                };
                let mut d =
                    Diagnostic::error(Code::UnknownId, location, format!("unknown id `{}`", name.text));
                d.hint = Some(match suggestion {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("define {wanted} with this id, or fix the spelling"),
                });
                self.diagnostics.push(d);
                None
            }
        }
    }

    fn task_ref(&mut self, file: Origin, name: &NameRef) -> Option<TaskId> {
        self.lookup(file, name, is_task, "a task, milestone or group")
            .map(|s| TaskId(s.index))
    }

    fn resource_ref(&mut self, file: Origin, name: &NameRef) -> Option<ResourceId> {
        self.lookup(file, name, is_resource, "a person or team")
            .map(|s| ResourceId(s.index))
    }

    fn calendar_ref(&mut self, file: Origin, name: &NameRef) -> Option<CalendarId> {
        self.lookup(file, name, |k| k == DeclKind::Calendar, "a calendar")
            .map(|s| CalendarId(s.index))
    }

    fn lower(&mut self, entry: &Entry<'_>) {
        let Entry {
            file, decl, index, ..
        } = *entry;
        let v = &decl.values;
        let o = v.other();
        let id = decl.name.as_ref().map(|n| n.text.clone()).unwrap_or_default();
        let title = decl.title.as_deref().map(String::from);
        match decl.kind {
            DeclKind::Program => {
                let calendar = o.calendar.as_ref().and_then(|c| self.calendar_ref(file, c));
                if let Some((program, _)) = self.program.as_mut().filter(|(p, _)| p.id == id) {
                    program.calendar = calendar;
                }
            }
            DeclKind::Calendar => self.plan_calendars.push(Calendar {
                id: id.to_string(),
                title,
                workdays: o.workdays.unwrap_or(Calendar::MONDAY_TO_FRIDAY),
                holidays: o.dates.clone(),
            }),
            DeclKind::Person | DeclKind::Team => {
                let calendar = o.calendar.as_ref().and_then(|c| self.calendar_ref(file, c));
                if let (DeclKind::Person, Some(Amount::Units(units))) = (decl.kind, o.capacity)
                    && units > 100
                {
                    let site = self.map.resources[index as usize];
                    let d = Diagnostic::warning(
                        Code::InvalidAmount,
                        site.name,
                        format!(
                            "a person's capacity is a percentage, but this says {} people",
                            units / 100
                        ),
                    )
                    .with_hint(format!("did you mean `capacity {}%`?", units / 100));
                    self.diagnostics.push(d);
                }
                self.resources.push(Resource {
                    id,
                    title,
                    kind: if decl.kind == DeclKind::Person {
                        ResourceKind::Person
                    } else {
                        ResourceKind::Team
                    },
                    capacity: o.capacity.map_or(100, |c| c.units()),
                    leave: o.dates.clone(),
                    calendar,
                    rate: o.rate,
                    key: v.key.as_deref().map(String::from),
                });
            }
            DeclKind::Task | DeclKind::Milestone | DeclKind::Group => {
                self.lower_task(entry);
                self.lower_task_people(entry);
            }
            DeclKind::Stakeholder => self.lower_stakeholder(entry),
            DeclKind::Action => self.lower_action(entry),
            DeclKind::External => self.lower_external(entry),
            DeclKind::Risk => {
                let affects = o.affects.iter().filter_map(|n| self.task_ref(file, n)).collect();
                let owner = v.owner.as_ref().and_then(|n| self.resource_ref(file, n));
                let site = self.map.risks[index as usize];
                if owner.is_none() && v.owner.is_none() {
                    let d = Diagnostic::warning(
                        Code::RiskWithoutOwner,
                        site.name,
                        format!("risk `{id}` has no owner"),
                    )
                    .with_hint("add `owner PERSON`: a risk nobody owns is a risk nobody manages");
                    self.diagnostics.push(d);
                }
                if o.mitigation.is_none() {
                    let d = Diagnostic::warning(
                        Code::RiskWithoutMitigation,
                        site.name,
                        format!("risk `{id}` has no mitigation"),
                    )
                    .with_hint("add `mitigation \"...\"` with what will be done about it");
                    self.diagnostics.push(d);
                }
                self.risks.push(Risk {
                    id: id.to_string(),
                    title,
                    probability: o.probability,
                    impact: o.impact,
                    affects,
                    owner,
                    mitigation: o.mitigation.clone(),
                });
            }
            DeclKind::Approval => {
                let mut gates = Vec::new();
                for name in &o.gates {
                    let Some(symbol) = self.lookup(file, name, is_task, "a milestone") else {
                        continue;
                    };
                    if symbol.kind == DeclKind::Milestone {
                        gates.push(TaskId(symbol.index));
                    } else {
                        let d = Diagnostic::error(
                            Code::GateNotMilestone,
                            file.at(name.span),
                            format!(
                                "an approval gates a milestone, but `{}` is {}",
                                name.text,
                                symbol.kind.with_article()
                            ),
                        )
                        .with_related(symbol.location, "defined here")
                        .with_hint("add a milestone after this work and gate that");
                        self.diagnostics.push(d);
                    }
                }
                let approvers = o
                    .approvers
                    .iter()
                    .filter_map(|n| self.resource_ref(file, n))
                    .collect();
                self.approvals.push(Approval {
                    id: id.to_string(),
                    title,
                    gates,
                    approvers,
                    status: o.status.unwrap_or(ApprovalStatus::Pending),
                    due: o.due,
                });
            }
        }
    }

    fn lower_task(&mut self, entry: &Entry<'_>) {
        let Entry {
            file,
            decl,
            index,
            parent,
        } = *entry;
        let v = &decl.values;
        // Sized up front: the model of a large plan holds these lists for
        // as long as its text is.
        let mut deps = Few::with_capacity(v.deps.len());
        let mut dep_sites = Few::with_capacity(v.deps.len());
        for (name, kind, lag) in &v.deps {
            if let Some(on) = self.task_ref(file, name) {
                deps.push(Dependency {
                    on,
                    kind: *kind,
                    lag: *lag,
                });
                dep_sites.push(file.at(name.span));
            }
        }
        let kind = match decl.kind {
            DeclKind::Milestone | DeclKind::External => TaskKind::Milestone,
            DeclKind::Group => TaskKind::Group,
            _ => TaskKind::Task,
        };
        let owner = v.owner.as_ref().and_then(|n| self.resource_ref(file, n));
        let assigned = v.assigns.len() + usize::from(v.owner.is_some());
        let mut assignments = Few::with_capacity(assigned);
        let mut assignment_sites = Few::with_capacity(assigned);
        // Only a task's owner works on it; a group's or milestone's owner is accountable only.
        if let (Some(resource), TaskKind::Task, Some(name)) = (owner, kind, &v.owner) {
            assignments.push(Assignment { resource, units: 100 });
            assignment_sites.push(file.at(name.span));
        }
        for (name, amount) in &v.assigns {
            if let Some(resource) = self.resource_ref(file, name) {
                let units = amount.map_or(100, |a| a.units());
                assignments.push(Assignment { resource, units });
                assignment_sites.push(file.at(name.span));
            }
        }
        let id = decl.name.as_ref().map(|n| n.text.clone()).unwrap_or_default();
        if kind == TaskKind::Task && v.owner.is_none() && v.assigns.is_empty() {
            let site = self.map.tasks[index as usize];
            let d = Diagnostic::new(
                Code::Unassigned,
                Severity::Hint,
                site.name,
                format!("task `{id}` has no owner"),
            )
            .with_hint("add `owner PERSON` or `assign TEAM N`");
            self.diagnostics.push(d);
        }
        let mut task = Task {
            title: Rare::new(decl.title.as_deref().map(String::from)),
            parent,
            deps,
            assignments,
            owner,
            key: Rare::new(v.key.as_deref().map(String::from)),
            ..Task::new(id, kind)
        };
        if let Some(values) = &v.task {
            values.apply(&mut task);
        }
        self.tasks.push(task);
        self.map.deps.push(dep_sites);
        self.map.assignments.push(assignment_sites);
    }

    fn finish(mut self, root: FileId) -> Resolved {
        let program = match self.program.take() {
            Some((program, site)) => {
                self.map.program = Some(site);
                program
            }
            None => {
                let d = Diagnostic::error(
                    Code::NoProgram,
                    Location {
                        file: root,
                        span: Span::default(),
                    },
                    NO_PROGRAM,
                )
                .with_hint("start the plan with `program ID \"Title\" { start YYYY-MM-DD }`");
                self.diagnostics.push(d);
                Program {
                    id: String::new(),
                    title: None,
                    start: FALLBACK_START,
                    status_date: None,
                    calendar: None,
                    currency: None,
                }
            }
        };
        Resolved {
            plan: Plan {
                program,
                calendars: self.plan_calendars,
                resources: self.resources,
                tasks: self.tasks,
                risks: self.risks,
                approvals: self.approvals,
                people: self.people,
                externals: self.externals,
            },
            source_map: self.map,
            diagnostics: self.diagnostics.into_vec(),
        }
    }
}
