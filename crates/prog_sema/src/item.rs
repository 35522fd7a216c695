//! Lowering of one declaration: statements become typed values, references
//! stay names. Everything here is local to the declaration, so the
//! incremental layer can memoise it per item.

use chrono::NaiveDate;
use prog_plan::{ApprovalStatus, DateRange, DepKind, Estimate, Money, Rare, Work, WorkSpec};
use prog_syntax::ast::{Decl, DeclKind, Literal, Name, SmolStr, SourceFile, Stmt, StmtValue};
use prog_syntax::{Span, TokenKind};
use smallvec::SmallVec;
use thin_vec::ThinVec;

mod deps;
mod people;

pub use people::PeopleValues;

use crate::statements::{allowed, repeatable};
use crate::task_values::{TaskValues, is_task};
use crate::values::{self, Amount, ValueError};
use crate::{Code, Diagnostic, Diagnostics, FileId, Location};

/// A reference as written: resolved later, across files.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct NameRef {
    pub text: SmolStr,
    pub span: Span,
}

impl From<&Name> for NameRef {
    fn from(name: &Name) -> Self {
        NameRef {
            text: name.text.clone(),
            span: name.span,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoweredDecl {
    pub kind: DeclKind,
    pub name: Option<NameRef>,
    pub title: Option<Box<str>>,
    pub span: Span,
    pub values: DeclValues,
    /// Thin (one pointer) like the lists of [`DeclValues`]: a database keeps
    /// the lowered declaration of every task, most with no children.
    pub children: ThinVec<LoweredDecl>,
}

impl LoweredDecl {
    /// The id at the definition; empty when it is missing (a syntax error).
    pub fn id(&self) -> &str {
        self.name.as_ref().map_or("", |n| n.text.as_str())
    }

    /// Calls `f` on every span of the declaration and its children, in
    /// order: the declaration, its id, its references, then its children.
    /// Resolution reads no other span.
    pub fn spans_mut(&mut self, f: &mut impl FnMut(&mut Span)) {
        // Loop by loop rather than one chain of iterators: this runs twice
        // for every declaration of a plan, and the chain cost several
        // times the work.
        f(&mut self.span);
        let v = &mut self.values;
        for name in self.name.iter_mut().chain(v.owner.iter_mut()) {
            f(&mut name.span);
        }
        for (name, _) in &mut v.assigns {
            f(&mut name.span);
        }
        for (name, _, _) in &mut v.deps {
            f(&mut name.span);
        }
        if let Some(o) = &mut v.other {
            let lists = [&mut o.affects, &mut o.gates, &mut o.approvers];
            for name in o.calendar.iter_mut().chain(lists.into_iter().flatten()) {
                f(&mut name.span);
            }
        }
        for name in people::names_mut(&mut v.people) {
            f(&mut name.span);
        }
        for child in &mut self.children {
            child.spans_mut(f);
        }
    }
}

/// Every value a declaration can carry; which ones it may carry depends on
/// its kind (see [`allowed`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DeclValues {
    /// Work, dates, progress, cost and actuals: boxed and made only when
    /// one is written, since a database takes them out of every task it
    /// keeps (see [`LoweredDecl::take_task_values`]).
    pub task: Option<Box<TaskValues>>,
    pub owner: Option<NameRef>,
    /// `assign` entries; `None` means a full unit. Thin (one pointer), as
    /// most declarations have few or none.
    pub assigns: ThinVec<(NameRef, Option<Amount>)>,
    pub deps: ThinVec<(NameRef, DepKind, Work)>,
    /// `key "…"`: the item's id in another tool (MS Project's unique id, a
    /// tracker's issue key). Not schedule data: resolution keeps it beside
    /// the title.
    pub key: Option<Box<str>>,
    /// The values of the program, calendars, people, teams, risks and
    /// approvals: boxed, so that a task (most declarations) does not carry
    /// room for them.
    pub other: Option<Box<OtherValues>>,
    /// Stakeholders', actions', RACI and blocking values (see
    /// [`people`]): boxed like `other`.
    pub people: Option<Box<people::PeopleValues>>,
}

/// The values of a declaration other than a task's (see [`DeclValues`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OtherValues {
    pub start: Option<NaiveDate>,
    pub status_date: Option<NaiveDate>,
    pub calendar: Option<NameRef>,
    pub capacity: Option<Amount>,
    pub impact: Option<Work>,
    pub probability: Option<u8>,
    pub affects: Vec<NameRef>,
    pub gates: Vec<NameRef>,
    pub approvers: Vec<NameRef>,
    pub mitigation: Option<String>,
    pub status: Option<ApprovalStatus>,
    pub workdays: Option<[bool; 7]>,
    /// `holiday` dates of a calendar, `off` dates of a person or team.
    pub dates: Vec<DateRange>,
    pub rate: Option<Money>,
    pub currency: Option<String>,
    pub due: Option<NaiveDate>,
    /// The promise of an `external`.
    pub external: crate::external::ExternalValues,
}

/// What [`DeclValues::other`] gives for a declaration that has none.
static NO_OTHER_VALUES: std::sync::LazyLock<OtherValues> = std::sync::LazyLock::new(OtherValues::default);

impl DeclValues {
    /// The other values, all `None` or empty when there are none.
    pub fn other(&self) -> &OtherValues {
        self.other.as_deref().unwrap_or(&NO_OTHER_VALUES)
    }

    fn other_mut(&mut self) -> &mut OtherValues {
        self.other.get_or_insert_with(Box::default)
    }

    pub(crate) fn task_mut(&mut self) -> &mut TaskValues {
        self.task.get_or_insert_with(Box::default)
    }
}

impl DeclValues {
    /// Gives back the spare capacity of every list: a lowered declaration
    /// is kept for as long as its text is.
    fn shrink_to_fit(&mut self) {
        self.assigns.shrink_to_fit();
        self.deps.shrink_to_fit();
        if let Some(other) = &mut self.other {
            other.affects.shrink_to_fit();
            other.gates.shrink_to_fit();
            other.approvers.shrink_to_fit();
            other.dates.shrink_to_fit();
        }
        if let Some(people) = &mut self.people {
            people.interests.shrink_to_fit();
            people.consulted.shrink_to_fit();
            people.informed.shrink_to_fit();
        }
    }
}

/// Lowers every top-level declaration of a parsed file.
pub fn lower_file(file: FileId, source: &SourceFile, diagnostics: &mut Diagnostics) -> Vec<LoweredDecl> {
    source
        .items
        .iter()
        .filter_map(|item| match item {
            prog_syntax::ast::Item::Decl(decl) => Some(lower_decl(file, decl, diagnostics)),
            prog_syntax::ast::Item::Import(_) => None,
        })
        .collect()
}

pub fn lower_decl(file: FileId, decl: &Decl, diagnostics: &mut Diagnostics) -> LoweredDecl {
    let mut lowering = Lowering {
        file,
        kind: decl.kind,
        values: DeclValues::default(),
        seen: SmallVec::new(),
        deps: deps::Deps::default(),
        diagnostics,
    };
    for stmt in &decl.stmts {
        lowering.statement(stmt);
    }
    if let Some(task) = lowering.values.task.as_deref_mut() {
        // On a copy: a task's actuals are made only when written.
        let mut actuals = *task.actuals;
        crate::actuals::contradictory_progress(
            &mut task.progress,
            &mut actuals,
            &lowering.seen,
            |span| Location { file, span },
            lowering.diagnostics,
        );
        if actuals != *task.actuals {
            *task.actuals = actuals;
        }
    }
    let mut values = lowering.values;
    if decl.kind == DeclKind::External {
        crate::external::expected_beside_from(
            &lowering.seen,
            |span| Location { file, span },
            lowering.diagnostics,
        );
        let settled = crate::external::settle(&values.other().external);
        let task = values.task_mut();
        task.not_before = settled.not_before;
        if settled.done {
            task.progress = Some(100);
            task.actuals.finish = settled.finish;
        }
    }
    values.shrink_to_fit();
    let children = decl
        .children
        .iter()
        .map(|child| lower_decl(file, child, diagnostics))
        .collect();
    LoweredDecl {
        kind: decl.kind,
        name: decl.name.as_ref().map(NameRef::from),
        title: decl.title.as_ref().map(|t| t.text.as_str().into()),
        span: decl.span,
        values,
        children,
    }
}

struct Lowering<'a> {
    file: FileId,
    kind: DeclKind,
    values: DeclValues,
    /// Single-valued statements already given, with where: on the stack,
    /// as a declaration gives a few and every one of a plan is lowered.
    seen: SmallVec<[(TokenKind, Span); 8]>,
    deps: deps::Deps,
    diagnostics: &'a mut Diagnostics,
}

impl Lowering<'_> {
    fn at(&self, span: Span) -> Location {
        Location {
            file: self.file,
            span,
        }
    }

    fn report(&mut self, span: Span, (code, message, hint): ValueError) {
        let mut diagnostic = Diagnostic::error(code, self.at(span), message);
        diagnostic.hint = hint.map(Into::into);
        self.diagnostics.push(diagnostic);
    }

    fn value<T>(&mut self, lit: &Literal, result: Result<T, ValueError>) -> Option<T> {
        result.map_err(|e| self.report(lit.span, e)).ok()
    }

    fn statement(&mut self, stmt: &Stmt) {
        if stmt.value == StmtValue::Error {
            return; // the parser has said what is wrong
        }
        let keyword = stmt.keyword;
        let word = keyword.keyword_text().unwrap_or_default();
        if self.kind == DeclKind::Milestone && matches!(keyword, TokenKind::DurationKw | TokenKind::Effort) {
            let d = Diagnostic::error(
                Code::MilestoneDuration,
                self.at(stmt.span),
                format!("a milestone takes no time, so it cannot have `{word}`"),
            )
            .with_hint("make it a `task`, or remove this statement");
            self.diagnostics.push(d);
            return;
        }
        if !allowed(self.kind, keyword) {
            let d = Diagnostic::error(
                Code::MisplacedStatement,
                self.at(stmt.keyword_span),
                format!("`{word}` does not belong in {}", self.kind.with_article()),
            );
            self.diagnostics.push(d);
            return;
        }
        if !repeatable(keyword) {
            if let Some((_, first)) = self.seen.iter().find(|(k, _)| *k == keyword) {
                let d = Diagnostic::error(
                    Code::RepeatedStatement,
                    self.at(stmt.keyword_span),
                    format!("`{word}` is given more than once"),
                )
                .with_related(self.at(*first), "first given here");
                self.diagnostics.push(d);
                return;
            }
            self.seen.push((keyword, stmt.keyword_span));
        }
        self.store(keyword, &stmt.value, stmt.span);
    }

    fn store(&mut self, keyword: TokenKind, value: &StmtValue, span: Span) {
        use TokenKind as T;
        if self.kind == DeclKind::External
            && crate::external::store(
                self.file,
                keyword,
                value,
                &mut self.values.other_mut().external,
                self.diagnostics,
            )
        {
            return;
        }
        if people::is_people_statement(keyword, value) {
            people::store(
                self.kind,
                &mut self.values,
                keyword,
                value,
                self.file,
                self.diagnostics,
            );
            return;
        }
        match (keyword, value) {
            (_, StmtValue::Date(lit)) => {
                let date = self.value(lit, values::date(lit));
                let slot = match keyword {
                    T::Start => &mut self.values.other_mut().start,
                    T::StatusDate => &mut self.values.other_mut().status_date,
                    T::NotBefore => &mut self.values.task_mut().not_before,
                    T::ActualStart => &mut self.values.task_mut().actuals.start,
                    T::ActualFinish => &mut self.values.task_mut().actuals.finish,
                    T::Due => &mut self.values.other_mut().due,
                    _ => &mut self.values.task_mut().deadline,
                };
                *slot = date;
            }
            (_, StmtValue::Dates(specs)) => {
                for spec in specs {
                    let first = self.value(&spec.first, values::date(&spec.first));
                    let last = match &spec.last {
                        Some(lit) => self.value(lit, values::date(lit)),
                        None => first,
                    };
                    if let (Some(first), Some(last)) = (first, last) {
                        if last < first {
                            let d = Diagnostic::error(
                                Code::InvalidDate,
                                self.at(spec
                                    .first
                                    .span
                                    .cover(spec.last.as_ref().map_or(spec.first.span, |l| l.span))),
                                "this range ends before it starts",
                            );
                            self.diagnostics.push(d);
                        } else {
                            self.values.other_mut().dates.push(DateRange { first, last });
                        }
                    }
                }
            }
            (
                T::DurationKw | T::Effort | T::Impact | T::Remaining | T::ActualEffort,
                StmtValue::Duration(lit),
            ) => {
                let Some(work) = self.value(lit, values::duration(lit, false)) else {
                    return;
                };
                match keyword {
                    T::Impact => self.values.other_mut().impact = Some(work),
                    T::Remaining => self.values.task_mut().actuals.remaining = Some(work),
                    T::ActualEffort => self.values.task_mut().actuals.effort = Some(work),
                    _ if self.values.task.as_ref().is_some_and(|t| t.work.is_some()) => {
                        let d = Diagnostic::error(
                            Code::RepeatedStatement,
                            self.at(span),
                            "a task takes either a `duration` or an `effort`, not both",
                        );
                        self.diagnostics.push(d);
                    }
                    T::DurationKw => self.values.task_mut().work = Some(WorkSpec::Duration(work)),
                    _ => self.values.task_mut().work = Some(WorkSpec::Effort(work)),
                }
            }
            (_, StmtValue::Estimate(estimate)) => {
                let [o, m, p] = &**estimate;
                let o = self.value(o, values::duration(o, false));
                let m = self.value(m, values::duration(m, false));
                let p = self.value(p, values::duration(p, false));
                let (Some(optimistic), Some(likely), Some(pessimistic)) = (o, m, p) else {
                    return;
                };
                if !(optimistic <= likely && likely <= pessimistic) {
                    let d = Diagnostic::error(
                        Code::InvalidDuration,
                        self.at(span),
                        "an estimate is written optimistic, likely, pessimistic, each at least the one before",
                    );
                    self.diagnostics.push(d);
                    return;
                }
                *self.values.task_mut().estimate = Some(Estimate {
                    optimistic,
                    likely,
                    pessimistic,
                });
            }
            (T::Cost | T::ActualCost, StmtValue::Amount(lit)) => {
                let money = self.value(lit, values::money(lit));
                match keyword {
                    T::Cost => self.values.task_mut().cost = Rare::new(money),
                    _ => self.values.task_mut().actuals.cost = money,
                }
            }
            (T::RateKw, StmtValue::Amount(lit)) => {
                self.values.other_mut().rate = self.value(lit, values::rate(lit))
            }
            (_, StmtValue::Amount(lit)) => {
                let Some(amount) = self.value(lit, values::amount(lit)) else {
                    return;
                };
                match keyword {
                    T::Capacity => self.values.other_mut().capacity = Some(amount),
                    _ => {
                        let percent = match amount {
                            Amount::Percent(p) if p <= 100 => Some(p as u8),
                            _ => None,
                        };
                        if percent.is_none() {
                            let word = keyword.keyword_text().unwrap_or_default();
                            let d = Diagnostic::error(
                                Code::InvalidAmount,
                                self.at(lit.span),
                                format!("`{word}` takes a percentage from 0% to 100%, not `{}`", lit.text),
                            );
                            self.diagnostics.push(d);
                        }
                        if keyword == T::Progress {
                            self.values.task_mut().progress = percent;
                        } else {
                            self.values.other_mut().probability = percent;
                        }
                    }
                }
            }
            (_, StmtValue::Names(names)) => self.names(keyword, names, span),
            (_, StmtValue::Deps(deps)) => {
                let kind = match keyword {
                    T::StartWith => DepKind::StartToStart,
                    T::FinishWith => DepKind::FinishToFinish,
                    _ => DepKind::FinishToStart,
                };
                for dep in deps {
                    let lag = match &dep.lag {
                        Some(lit) => self.value(lit, values::duration(lit, true)),
                        None => Some(Work::ZERO),
                    };
                    let Some(lag) = lag else { continue };
                    let target = NameRef::from(&dep.target);
                    if let Err(first) = self.deps.add(&mut self.values.deps, target, kind, lag) {
                        let d = Diagnostic::warning(
                            Code::DuplicateDependency,
                            self.at(dep.target.span),
                            format!("`{}` is a dependency already", dep.target.text),
                        )
                        .with_related(self.at(first), "first given here")
                        .with_hint("remove this one: a task depends on another once");
                        self.diagnostics.push(d);
                    }
                }
            }
            (_, StmtValue::Assigns(assignees)) => {
                for a in assignees {
                    let amount = match &a.amount {
                        Some(lit) => match self.value(lit, values::amount(lit)) {
                            Some(amount) if amount.units() == 0 => {
                                let d = Diagnostic::error(
                                    Code::InvalidAmount,
                                    self.at(lit.span),
                                    format!("`assign {} {}` books nothing", a.who.text, lit.text),
                                )
                                .with_hint("give an amount above 0, or remove the assignment");
                                self.diagnostics.push(d);
                                continue;
                            }
                            Some(amount) => Some(amount),
                            None => continue,
                        },
                        None => None,
                    };
                    self.values.assigns.push((NameRef::from(&a.who), amount));
                }
            }
            (_, StmtValue::Text(lit)) => {
                let slot = match keyword {
                    T::Currency => &mut self.values.other_mut().currency,
                    // Read from syntax by the database's loader
                    // (`prog_db::baseline_ref`), so no edit of it reruns resolution.
                    T::Baseline => return,
                    T::Key => {
                        self.values.key = Some(lit.text.as_str().into());
                        return;
                    }
                    _ => &mut self.values.other_mut().mitigation,
                };
                *slot = Some(lit.text.clone());
            }
            (_, StmtValue::Flag) => self.values.task_mut().progress = Some(100),
            // `from` is only allowed in an external, which stored it.
            (_, StmtValue::Error | StmtValue::Duration(_) | StmtValue::From(_)) => {}
        }
    }

    fn names(&mut self, keyword: TokenKind, names: &[Name], span: Span) {
        use TokenKind as T;
        let single = |this: &mut Self| -> Option<NameRef> {
            if names.len() > 1 {
                let word = keyword.keyword_text().unwrap_or_default();
                let d = Diagnostic::error(
                    Code::InvalidValue,
                    this.at(span),
                    format!("`{word}` takes one id, not a list"),
                );
                this.diagnostics.push(d);
            }
            names.first().map(NameRef::from)
        };
        match keyword {
            T::Owner => self.values.owner = single(self),
            T::Calendar => self.values.other_mut().calendar = single(self),
            T::Status => {
                let Some(name) = single(self) else { return };
                self.values.other_mut().status = ApprovalStatus::from_word(&name.text);
                if self.values.other_mut().status.is_none() {
                    let other = &name.text;
                    let d = Diagnostic::error(
                        Code::InvalidValue,
                        self.at(name.span),
                        format!("`{other}` is not a status"),
                    )
                    .with_hint("a status is pending, approved or rejected");
                    self.diagnostics.push(d);
                }
            }
            T::Workdays => {
                let mut days = [false; 7];
                for name in names {
                    match weekday(&name.text) {
                        Some(day) => days[day] = true,
                        None => {
                            let d = Diagnostic::error(
                                Code::InvalidValue,
                                self.at(name.span),
                                format!("`{}` is not a weekday", name.text),
                            )
                            .with_hint("weekdays are mon, tue, wed, thu, fri, sat, sun");
                            self.diagnostics.push(d);
                        }
                    }
                }
                self.values.other_mut().workdays = Some(days);
            }
            T::Affects => self
                .values
                .other_mut()
                .affects
                .extend(names.iter().map(NameRef::from)),
            T::Gates => self
                .values
                .other_mut()
                .gates
                .extend(names.iter().map(NameRef::from)),
            _ => self
                .values
                .other_mut()
                .approvers
                .extend(names.iter().map(NameRef::from)),
        }
    }
}

/// Monday is 0.
fn weekday(word: &str) -> Option<usize> {
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let word = word.to_ascii_lowercase();
    DAYS.iter()
        .position(|day| word.len() >= 3 && day.starts_with(word.as_str()))
}

impl LoweredDecl {
    /// Takes the [`TaskValues`] out of this declaration and those inside
    /// it, in the order resolution numbers tasks (a declaration before its
    /// children); declarations of other kinds give none.
    pub fn take_task_values(&mut self, out: &mut Vec<TaskValues>) {
        if is_task(self.kind) {
            out.push(self.values.task.take().map(|t| *t).unwrap_or_default());
        }
        for child in &mut self.children {
            child.take_task_values(out);
        }
    }
}
