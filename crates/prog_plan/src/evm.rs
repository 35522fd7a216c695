//! Earned value at the status date, per task, per group and for the program,
//! with Lipke's earned schedule.
//!
//! - The unit is money when the plan has any `rate` or `cost` (a resource
//!   without a rate then costs nothing), otherwise person-days of planned
//!   work (units × working days; a task nobody is assigned to counts one
//!   unit).
//! - BAC is a task's planned labour (Σ units × rate × planned working days)
//!   plus its `cost`. PV is BAC times the share of the task's planned working
//!   time on or before the status date (linear within the task). EV is BAC
//!   times the share done. AC is `actual_cost`, else `actual_effort` at the
//!   assignees' rates (in person-days in the days unit). A task with earned
//!   value but neither makes AC, and every index built on it, unavailable for
//!   everything that contains it: it is never guessed.
//! - Earned schedule: ES is the working time from the start at which the
//!   planned PV curve reaches EV (linear between its breakpoints), AT the
//!   working time from the start to the status date.
//! - With an active baseline (the performance measurement baseline) BAC,
//!   PV and every task's budget are the baseline's, whatever the plan says
//!   now: a re-estimate shows as a cost overrun, not as a bigger budget.
//!   Work the baseline does not know has no budget until a rebaseline; it
//!   is listed as unbudgeted scope (with its estimate and what it cost) and
//!   left out of every program figure. [`measure`] is the one place that
//!   chooses the base.

use chrono::NaiveDate;

use crate::calendar::WorkCalendar;
use crate::model::{Plan, ResourceId, Task, TaskId, TaskKind, Work};
use crate::status;
use crate::task_times::TaskTimes;

/// What earned-value figures are counted in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// The plan's currency.
    Money,
    /// Person-days of planned work.
    PersonDays,
}

impl Unit {
    /// Money when the plan has any `rate` or `cost`, else person-days.
    pub fn of(plan: &Plan) -> Unit {
        if plan.resources.iter().any(|r| r.rate.is_some()) || plan.tasks.iter().any(|t| t.cost.is_some()) {
            Unit::Money
        } else {
            Unit::PersonDays
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Money => "money",
            Unit::PersonDays => "person_days",
        }
    }

    /// The unit [`Unit::as_str`] names, `None` for any other text.
    pub fn parse(text: &str) -> Option<Unit> {
        [Unit::Money, Unit::PersonDays]
            .into_iter()
            .find(|u| u.as_str() == text)
    }
}

/// Budget, planned value, earned value and actual cost of a task, a group or
/// the program, in [`Unit`]s.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Figures {
    pub bac: f64,
    pub pv: f64,
    pub ev: f64,
    /// `None` when some work with earned value has no actuals recorded.
    pub ac: Option<f64>,
}

/// `a / b`, or `None` when `b` is zero.
fn ratio(a: f64, b: f64) -> Option<f64> {
    (b != 0.0).then(|| a / b)
}

impl Figures {
    fn add(&mut self, other: &Figures) {
        self.bac += other.bac;
        self.pv += other.pv;
        self.ev += other.ev;
        self.ac = self.ac.zip(other.ac).map(|(a, b)| a + b);
    }

    /// Schedule variance, EV − PV.
    pub fn sv(&self) -> f64 {
        self.ev - self.pv
    }

    /// Schedule performance index, EV / PV.
    pub fn spi(&self) -> Option<f64> {
        ratio(self.ev, self.pv)
    }

    /// Cost variance, EV − AC.
    pub fn cv(&self) -> Option<f64> {
        Some(self.ev - self.ac?)
    }

    /// Cost performance index, EV / AC.
    pub fn cpi(&self) -> Option<f64> {
        ratio(self.ev, self.ac?)
    }

    /// Estimate at completion if costs go on as they went: BAC / CPI.
    pub fn eac(&self) -> Option<f64> {
        ratio(self.bac, self.cpi()?)
    }

    /// Estimate at completion if the rest goes as budgeted: AC + (BAC − EV).
    pub fn eac_at_budget(&self) -> Option<f64> {
        Some(self.ac? + (self.bac - self.ev))
    }

    /// Estimate at completion if both cost and schedule performance go on:
    /// AC + (BAC − EV) / (CPI × SPI).
    pub fn eac_cpi_spi(&self) -> Option<f64> {
        Some(self.ac? + ratio(self.bac - self.ev, self.cpi()? * self.spi()?)?)
    }

    /// Estimate to complete, EAC − AC.
    pub fn etc(&self) -> Option<f64> {
        Some(self.eac()? - self.ac?)
    }

    /// Variance at completion, BAC − EAC.
    pub fn vac(&self) -> Option<f64> {
        Some(self.bac - self.eac()?)
    }

    /// To-complete performance index, (BAC − EV) / (BAC − AC).
    pub fn tcpi(&self) -> Option<f64> {
        ratio(self.bac - self.ev, self.bac - self.ac?)
    }
}

/// Lipke's earned schedule, in working days from the program start.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct EarnedSchedule {
    /// When the plan expected the value earned so far.
    pub es: f64,
    /// Actual time: the status date.
    pub at: f64,
    /// The planned length of the program.
    pub planned_duration: f64,
}

impl EarnedSchedule {
    /// Whether any time has passed: a status date on or before the start
    /// has no actual time, and nothing built on it means anything.
    pub fn measured(&self) -> bool {
        self.at > 0.0
    }

    /// SPI(t) = ES / AT; `None` before the start.
    pub fn spi_t(&self) -> Option<f64> {
        if !self.measured() {
            return None;
        }
        ratio(self.es, self.at)
    }

    /// SV(t) = ES − AT, in working days.
    pub fn sv_t(&self) -> f64 {
        self.es - self.at
    }

    /// IEAC(t) = planned duration / SPI(t), in working days.
    pub fn ieac_t(&self) -> Option<f64> {
        ratio(self.planned_duration, self.spi_t()?)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct EarnedValue {
    pub status_date: NaiveDate,
    pub unit: Unit,
    /// Indexed by task id; a group holds the sum of what is inside it.
    pub tasks: Vec<Figures>,
    pub program: Figures,
    pub schedule: EarnedSchedule,
    /// Tasks with earned value but no `actual_cost` or `actual_effort`.
    pub missing_actuals: Vec<crate::TaskId>,
    /// With money as the unit: assigned resources that have no `rate`.
    pub unrated: Vec<ResourceId>,
    /// Work the baseline does not know (added since it was taken): no
    /// budget, and in no figure of the program or of its groups.
    pub unbudgeted: Vec<Unbudgeted>,
    /// Each leaf's planned (start, finish, budget), in hours: the PV curve.
    ramps: Vec<(i64, i64, f64)>,
}

impl EarnedValue {
    /// The planned value of the program at working time `at`.
    pub fn pv_at(&self, at: Work) -> f64 {
        self.ramps
            .iter()
            .map(|&(es, ef, bac)| {
                let times = TaskTimes {
                    es: Work(es),
                    ef: Work(ef),
                    ..TaskTimes::default()
                };
                bac * planned_share(times, at)
            })
            .sum()
    }
}

/// A task added since the baseline: what it would cost by the current plan
/// and what it has cost so far.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Unbudgeted {
    pub task: TaskId,
    /// Its budget as the current plan would set it.
    pub estimate: f64,
    pub ac: Option<f64>,
}

/// Earned value of `plan` at its status date, `None` without one, each
/// task's budget from the plan itself. `planned` holds the times PV is
/// measured against, indexed by task; `planned_end` is their program end.
pub fn earned_value(
    plan: &Plan,
    cal: &WorkCalendar,
    planned: &[TaskTimes],
    planned_end: Work,
) -> Option<EarnedValue> {
    earned_against(plan, cal, planned, planned_end, Unit::of(plan), None)
}

/// Earned value in `unit`; with `budgets` (a baseline's, indexed by task,
/// `None` for a task it does not know) each task's BAC comes from there.
pub(crate) fn earned_against(
    plan: &Plan,
    cal: &WorkCalendar,
    planned: &[TaskTimes],
    planned_end: Work,
    unit: Unit,
    budgets: Option<&[Option<f64>]>,
) -> Option<EarnedValue> {
    let status_date = plan.program.status_date?;
    let now = status::now(cal, status_date);
    let empty = Figures {
        ac: Some(0.0),
        ..Figures::default()
    };
    let mut tasks = vec![empty; plan.tasks.len()];
    let mut missing_actuals = Vec::new();
    let mut unrated = vec![false; plan.resources.len()];
    let mut ramps = Vec::new();
    let mut unbudgeted = Vec::new();
    for id in plan.task_ids() {
        let task = plan.task(id);
        if task.kind == TaskKind::Group {
            continue;
        }
        let times = planned.get(id.index()).copied().unwrap_or_default();
        let estimate = budget(plan, task, unit, &mut unrated);
        let ac = actual_cost(plan, task, unit);
        let bac = match budgets.map(|b| b.get(id.index()).copied().flatten()) {
            None => estimate,
            Some(Some(baselined)) => baselined,
            Some(None) => {
                unbudgeted.push(Unbudgeted {
                    task: id,
                    estimate,
                    ac,
                });
                continue;
            }
        };
        let ev = bac * status::done_share(task);
        if ac.is_none() && ev > 0.0 {
            missing_actuals.push(id);
        }
        tasks[id.index()] = Figures {
            bac,
            pv: bac * planned_share(times, now),
            ev,
            ac: ac.or((ev == 0.0).then_some(0.0)),
        };
        ramps.push((times.es.0, times.ef.0, bac));
    }
    // Children come after their group: adding in reverse rolls up nested groups.
    for id in plan.task_ids().rev() {
        if let Some(parent) = plan.task(id).parent {
            let child = tasks[id.index()];
            tasks[parent.index()].add(&child);
        }
    }
    let mut program = empty;
    for id in plan.task_ids().filter(|&id| plan.task(id).parent.is_none()) {
        program.add(&tasks[id.index()]);
    }
    let schedule = EarnedSchedule {
        es: earned_schedule(&ramps, program.ev) / Work::HOURS_PER_DAY as f64,
        at: now.as_days(),
        planned_duration: planned_end.as_days(),
    };
    Some(EarnedValue {
        status_date,
        unit,
        tasks,
        program,
        schedule,
        missing_actuals,
        unrated: (0..plan.resources.len() as u32)
            .map(ResourceId)
            .filter(|r| unrated[r.index()])
            .collect(),
        unbudgeted,
        ramps,
    })
}

/// Planned labour plus fixed cost, or planned person-days.
/// The program's budget at completion: every task's budget, in the plan's
/// [`Unit`], with or without a status date.
pub fn program_budget(plan: &Plan) -> f64 {
    let unit = Unit::of(plan);
    let mut unrated = vec![false; plan.resources.len()];
    plan.tasks
        .iter()
        .filter(|t| t.kind != TaskKind::Group)
        .map(|t| budget(plan, t, unit, &mut unrated))
        .sum()
}

fn budget(plan: &Plan, task: &Task, unit: Unit, unrated: &mut [bool]) -> f64 {
    let days = task.duration().as_days();
    match unit {
        Unit::PersonDays => {
            let units: u32 = task.assignments.iter().map(|a| a.units).sum();
            let units = if task.assignments.is_empty() { 100 } else { units };
            f64::from(units) / 100.0 * days
        }
        Unit::Money => {
            let labour: f64 = task
                .assignments
                .iter()
                .map(|a| {
                    let rate = plan.resource(a.resource).rate;
                    unrated[a.resource.index()] |= rate.is_none();
                    f64::from(a.units) / 100.0 * rate.map_or(0.0, |r| r.as_units()) * days
                })
                .sum();
            labour + task.cost.map_or(0.0, |c| c.as_units())
        }
    }
}

/// What was spent: `actual_cost`, else `actual_effort` at the assignees'
/// rates (shared by their units), in person-days in the days unit.
fn actual_cost(plan: &Plan, task: &Task, unit: Unit) -> Option<f64> {
    if let Some(cost) = task.actuals.cost {
        return Some(match unit {
            Unit::Money => cost.as_units(),
            // Money cannot be turned into person-days; effort can.
            Unit::PersonDays => task.actuals.effort?.as_days(),
        });
    }
    let effort = task.actuals.effort?.as_days();
    match unit {
        Unit::PersonDays => Some(effort),
        Unit::Money => {
            let units: f64 = task.assignments.iter().map(|a| f64::from(a.units)).sum();
            let rated: f64 = task
                .assignments
                .iter()
                .map(|a| f64::from(a.units) * plan.resource(a.resource).rate.map_or(0.0, |r| r.as_units()))
                .sum();
            Some(if units > 0.0 { effort * rated / units } else { 0.0 })
        }
    }
}

/// The share of `[es, ef)` before `now`; all or nothing for an instant.
fn planned_share(times: TaskTimes, now: Work) -> f64 {
    let (es, ef) = (times.es.0, times.ef.0);
    if ef <= es {
        return if ef <= now.0 { 1.0 } else { 0.0 };
    }
    ((now.0 - es) as f64 / (ef - es) as f64).clamp(0.0, 1.0)
}

/// The earliest working time, in hours, at which the planned value of
/// `ramps` (start, finish, budget: each spread evenly over its span, an
/// instant as a step) reaches `ev`; the end of the last ramp when it never
/// does, 0 when nothing is earned.
fn earned_schedule(ramps: &[(i64, i64, f64)], ev: f64) -> f64 {
    if ev <= 0.0 {
        return 0.0;
    }
    // (time, change of slope, step)
    let mut events: Vec<(i64, f64, f64)> = Vec::with_capacity(ramps.len() * 2);
    for &(es, ef, bac) in ramps.iter().filter(|r| r.2 > 0.0) {
        if ef > es {
            let slope = bac / (ef - es) as f64;
            events.push((es, slope, 0.0));
            events.push((ef, -slope, 0.0));
        } else {
            events.push((ef, 0.0, bac));
        }
    }
    events.sort_by_key(|e| e.0);
    let (mut at, mut value, mut slope) = (events.first().map_or(0, |e| e.0), 0.0f64, 0.0f64);
    for (time, d_slope, step) in events {
        let rise = slope * (time - at) as f64;
        if slope > 0.0 && value + rise >= ev {
            return at as f64 + (ev - value) / slope;
        }
        value += rise;
        at = time;
        if value + step >= ev {
            return at as f64;
        }
        value += step;
        slope += d_slope;
    }
    at as f64
}
