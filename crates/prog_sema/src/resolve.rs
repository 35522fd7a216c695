//! Name resolution across files, and the checks that need the whole plan.

mod external;
mod links;
mod lists;
mod people;
mod symbols;

pub use lists::Lists;

use std::sync::Arc;

use chrono::NaiveDate;
use prog_plan::{
    Approval, ApprovalStatus, Calendar, Few, Plan, Program, Rare, Resource, ResourceKind, Risk, Task, TaskId,
    TaskKind,
};
use prog_syntax::Span;
use prog_syntax::ast::{DeclKind, SmolStr};
use rustc_hash::FxHashMap;

use crate::item::LoweredDecl;
use crate::suggest::closest;
use crate::task_values::{TaskValues, is_task};
use crate::values::Amount;
use crate::{Code, Diagnostic, Diagnostics, FileId, Location, Severity};
use links::{References, Target, Wanted};
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
    /// The values of the piece's tasks, in order, if they were taken out
    /// of its declarations (`LoweredDecl::take_task_values`): resolution
    /// puts them in.
    pub values: Option<Arc<[TaskValues]>>,
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
    r.resolve(pieces)
}

/// [`resolve`], for pieces made one at a time: each piece is resolved and
/// freed before the next is made, so that a plan's lowered declarations
/// are never all kept at once. Room is made up front for as many
/// declarations and tasks as are `expected` (the top-level items, say);
/// past them the model's lists grow as they are filled, where [`resolve`]
/// sizes them exactly from the pieces it is given.
pub fn resolve_each(expected: Expected, pieces: impl IntoIterator<Item = Piece>) -> Resolved {
    let mut r = Resolver::default();
    r.symbols.reserve(expected.declarations);
    r.reserve_tasks(expected.tasks);
    r.resolve(pieces)
}

/// How many declarations, and of them tasks (milestones, groups,
/// externals), a plan is known to have at least.
#[derive(Clone, Copy, Debug, Default)]
pub struct Expected {
    pub declarations: usize,
    pub tasks: usize,
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
    /// What the declarations lowered so far name, to look up at the end.
    references: References,
    /// Which of the references sets the program's calendar: the last
    /// `program` with the program's id says it.
    program_calendar: Option<usize>,
    /// The task values of the piece being resolved, and how many of them
    /// its tasks have taken.
    values: Option<(Arc<[TaskValues]>, usize)>,
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
        self.reserve_tasks(tasks);
        self.plan_calendars.reserve_exact(calendars);
        self.map.calendars.reserve_exact(calendars);
        self.resources.reserve_exact(resources);
        self.map.resources.reserve_exact(resources);
        self.risks.reserve_exact(risks);
        self.map.risks.reserve_exact(risks);
        self.approvals.reserve_exact(approvals);
        self.map.approvals.reserve_exact(approvals);
    }

    fn resolve(mut self, pieces: impl IntoIterator<Item = Piece>) -> Resolved {
        let mut root = None;
        for piece in pieces {
            root.get_or_insert(piece.file);
            let origin = Origin {
                file: piece.file,
                base: piece.base,
            };
            self.values = piece.values.map(|values| (values, 0));
            for decl in piece.decls.iter() {
                self.walk(origin, decl, None);
            }
        }
        self.link();
        self.finish(root.unwrap_or(FileId(0)))
    }

    /// Declares and lowers a declaration, then its children. Each is
    /// lowered as soon as it is declared, its references kept to be
    /// linked once the whole plan is declared (see [`links`]).
    fn walk(&mut self, file: Origin, decl: &LoweredDecl, parent: Option<TaskId>) {
        let index = self.declare(file, decl);
        self.lower(&Entry {
            file,
            decl,
            index,
            parent,
        });
        let me = is_task(decl.kind).then_some(TaskId(index));
        for child in &decl.children {
            self.walk(file, child, me);
        }
    }

    fn reserve_tasks(&mut self, tasks: usize) {
        self.tasks.reserve_exact(tasks);
        self.map.tasks.reserve_exact(tasks);
        self.map.deps.reserve(tasks);
        self.map.assignments.reserve(tasks);
    }

    /// Gives a declaration its index (returned) and its id a symbol.
    fn declare(&mut self, file: Origin, decl: &LoweredDecl) -> u32 {
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
        index
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
    /// not `wanted`.
    fn lookup(&mut self, name: &str, location: Location, wanted: Wanted) -> Option<Symbol> {
        let accepts = |kind| wanted.accepts(kind);
        let wanted = wanted.phrase();
        match self.symbols.get(name) {
            Some(symbol) if accepts(symbol.kind) => Some(*symbol),
            Some(symbol) => {
                let d = Diagnostic::error(
                    Code::WrongKind,
                    location,
                    format!(
                        "`{name}` is {}, but {wanted} is needed here",
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
                    closest(name, candidates)
                } else {
                    None
                };
                let mut d = Diagnostic::error(Code::UnknownId, location, format!("unknown id `{name}`"));
                d.hint = Some(
                    match suggestion {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => format!("define {wanted} with this id, or fix the spelling"),
                    }
                    .into(),
                );
                self.diagnostics.push(d);
                None
            }
        }
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
                let this = self.program.as_ref().is_some_and(|(p, _)| p.id == id);
                if this {
                    self.program_calendar = o.calendar.as_ref().map(|_| self.references.len());
                }
                if let Some(calendar) = &o.calendar {
                    self.refer(file, calendar, Target::ProgramCalendar);
                }
            }
            DeclKind::Calendar => self.plan_calendars.push(Calendar {
                id: id.to_string(),
                title,
                workdays: o.workdays.unwrap_or(Calendar::MONDAY_TO_FRIDAY),
                holidays: o.dates.clone(),
            }),
            DeclKind::Person | DeclKind::Team => {
                if let Some(calendar) = &o.calendar {
                    let resource = self.resources.len() as u32;
                    self.refer(file, calendar, Target::ResourceCalendar(resource));
                }
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
                    calendar: None,
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
                for name in &o.affects {
                    self.refer(file, name, Target::RiskAffects(index));
                }
                if let Some(owner) = &v.owner {
                    self.refer(file, owner, Target::RiskOwner(index));
                }
                let site = self.map.risks[index as usize];
                if v.owner.is_none() {
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
                    affects: Vec::new(),
                    owner: None,
                    mitigation: o.mitigation.clone(),
                });
            }
            DeclKind::Approval => {
                for name in &o.gates {
                    self.refer(file, name, Target::Gate(index));
                }
                for name in &o.approvers {
                    self.refer(file, name, Target::Approver(index));
                }
                self.approvals.push(Approval {
                    id: id.to_string(),
                    title,
                    gates: Vec::new(),
                    approvers: Vec::new(),
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
        for (name, kind, lag) in &v.deps {
            let (kind, lag) = (*kind, *lag);
            self.refer(
                file,
                name,
                Target::Dep {
                    task: index,
                    kind,
                    lag,
                },
            );
        }
        let kind = match decl.kind {
            DeclKind::Milestone | DeclKind::External => TaskKind::Milestone,
            DeclKind::Group => TaskKind::Group,
            _ => TaskKind::Task,
        };
        if let Some(owner) = &v.owner {
            let works = kind == TaskKind::Task;
            self.refer(file, owner, Target::Owner { task: index, works });
        }
        for (name, amount) in &v.assigns {
            let units = amount.map_or(100, |a| a.units());
            self.refer(file, name, Target::Assign { task: index, units });
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
        // Sized up front (the references filled in when linked): the
        // model of a large plan holds these lists for as long as its text.
        let assigned = v.assigns.len() + usize::from(v.owner.is_some());
        let mut task = Task {
            title: Rare::new(decl.title.as_deref().map(String::from)),
            parent,
            deps: Few::with_capacity(v.deps.len()),
            assignments: Few::with_capacity(assigned),
            key: Rare::new(v.key.as_deref().map(String::from)),
            ..Task::new(id, kind)
        };
        if let Some(values) = &v.task {
            values.apply(&mut task);
        }
        if let Some((values, taken)) = &mut self.values {
            if let Some(values) = values.get(*taken) {
                values.apply(&mut task);
            }
            *taken += 1;
        }
        self.tasks.push(task);
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
                resources: self.resources.into(),
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
