//! The weekly status report of `prog status`: where the program stands at
//! its status date, in earned value, milestones, late and coming work, and
//! one red/amber/green rating per area with the reason in words.
//!
//! [`StatusReport`] is also the JSON format (`docs/status.md` documents it);
//! [`markdown`] and [`html`] write it for people.

mod build;
pub mod html;
pub mod markdown;
mod people;
mod rag;
mod sections;
mod since;
mod trend;

use chrono::NaiveDate;
use serde::Serialize;

pub use build::since_baseline;
pub use people::stakeholders::{Audience, StakeholderDue, is_due};
pub use people::{ActionItem, BlockedWork};
pub use rag::{Level, Rating, Thresholds};
pub use sections::{Decision, TopRisk, Workstream};
pub use since::{FromTo, MilestoneShift, SinceRevision};
pub use trend::TrendPoint;

/// The JSON schema's name and version; bumped when a field changes meaning
/// or disappears.
pub const SCHEMA: &str = "prog-status/2";

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StatusReport {
    pub schema: &'static str,
    /// `None` when the program has none: nothing is measured then.
    pub status_date: Option<NaiveDate>,
    /// The executive summary: three to five sentences made from the facts.
    pub summary: Vec<String>,
    /// `"money"` or `"person_days"`.
    pub unit: &'static str,
    pub currency: Option<String>,
    pub plan: PlanDates,
    /// Earned value of the whole program (every figure `null` where it
    /// cannot be computed).
    pub program: ProgramFigures,
    pub tasks: Vec<TaskFigures>,
    pub milestones: Vec<MilestoneStatus>,
    /// Work that should have started or finished by the status date.
    pub late: Vec<LateWork>,
    /// What starts or finishes in the two weeks after the status date.
    pub next: Vec<NextEvent>,
    /// The critical path from the status date on, first to last.
    pub critical_path: Vec<String>,
    pub rag: Ratings,
    /// What moved since the active baseline, when there is one.
    pub since_baseline: Option<SinceBaseline>,
    /// Each top-level group, rated by its SPI and CPI.
    pub workstreams: Vec<Workstream>,
    /// Approvals pending (by due date) or rejected.
    pub decisions: Vec<Decision>,
    /// The dependency register: every external (left out of the JSON when
    /// there is none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub externals: Vec<crate::ExternalRow>,
    /// The open risks with the highest exposure (at most five).
    pub top_risks: Vec<TopRisk>,
    /// Open action items, overdue first.
    pub actions: Vec<ActionItem>,
    /// Blocked tasks and milestones not done, the least float first.
    pub blocked: Vec<BlockedWork>,
    /// The stakeholders due an update at the status date by their
    /// cadence, and with `--since` those whose interests moved, with why.
    pub stakeholders_due: Vec<StakeholderDue>,
    /// Whom the report was cut for (`--for`); `null` for everyone.
    pub audience: Option<Audience>,
    /// What changed since the plan at a git revision (`--since REV`).
    pub since: Option<SinceRevision>,
    /// Earned value at each of the last commits that changed the plan
    /// (`--trend N`), oldest first.
    pub trend: Vec<TrendPoint>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SinceBaseline {
    pub name: Option<String>,
    pub created: NaiveDate,
    pub baseline_finish: NaiveDate,
    /// Working days the forecast finish moved (positive = later).
    pub finish_variance_days: f64,
    /// Milestones whose date moved, with how far.
    pub milestones_moved: Vec<MilestoneMove>,
    pub added: Vec<String>,
    pub removed: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MilestoneMove {
    pub id: String,
    pub baseline: NaiveDate,
    pub forecast: NaiveDate,
    pub variance_days: f64,
}

impl StatusReport {
    /// How an amount in the report's unit is written: `EUR 12,500` or
    /// `12.5 person-days`.
    pub fn amount(&self, value: f64) -> String {
        amount(self.unit, self.currency.as_deref(), value)
    }
}

impl StatusReport {
    /// The report with what changed since a git revision, its summary
    /// saying so.
    pub fn with_since(mut self, since: SinceRevision) -> StatusReport {
        for m in &mut self.milestones {
            m.moved_since_days = Some(
                since
                    .milestones
                    .iter()
                    .find(|s| s.id == m.id)
                    .map_or(0.0, |s| s.moved_days),
            );
        }
        for risk in &mut self.top_risks {
            let moved = since.risks.iter().find(|(id, _)| *id == risk.id);
            risk.trend = Some(moved.map_or("same", |(_, trend)| trend));
        }
        self.since = Some(since);
        self.summary = sections::summary(&self);
        self
    }

    /// Why the program is rated as it is, in the reasons of the areas
    /// that set the rating, as plain text: "the schedule (SPI(t) 0.83;
    /// finish forecast as planned) and cost (…)". `None` when every area
    /// is green.
    pub fn rating_causes(&self) -> Option<String> {
        let level = self.rag.overall.level;
        if level == Level::Green {
            return None;
        }
        let causes: Vec<String> = self
            .rag
            .areas()
            .into_iter()
            .filter(|(_, rating)| rating.level == level)
            .map(|(area, rating)| {
                // The reason inside a sentence: no code spans (the summary is
                // plain text), its first word in lower case unless it is an
                // abbreviation ("overdue …", but "SPI(t) …").
                let reason = rating.reason.trim_end_matches('.').replace('`', "");
                let mut chars = reason.chars();
                let reason = match (chars.next(), chars.next()) {
                    (Some(first), Some(second)) if second.is_lowercase() => first
                        .to_lowercase()
                        .chain(reason[first.len_utf8()..].chars())
                        .collect(),
                    _ => reason,
                };
                format!("{} ({reason})", area.to_lowercase())
            })
            .collect();
        match causes.split_last()? {
            (last, []) => Some(format!("the {last}")),
            (last, first) => Some(format!("the {} and {last}", first.join(", "))),
        }
    }

    /// How every table names a task: `Title (id)`, or the id alone without a
    /// title. Unescaped.
    pub fn task_name(&self, id: &str, title: Option<&str>) -> String {
        match title.filter(|t| !t.trim().is_empty()) {
            Some(title) => format!("{title} ({id})"),
            None => id.to_string(),
        }
    }

    /// The figures a report's summary shows, as (name, value) in
    /// [`StatusReport::figure_rows`]' words.
    pub fn key_figures(&self) -> Vec<(&'static str, String)> {
        const KEY: [&str; 9] = ["BAC", "PV", "EV", "AC", "SPI", "CPI", "SPI(t)", "EAC", "VAC"];
        self.figure_rows()
            .into_iter()
            .filter(|(name, ..)| KEY.contains(name))
            .map(|(name, value, _)| (name, value))
            .collect()
    }

    /// "Unbudgeted scope: 2 tasks added since the baseline, estimate USD
    /// 300, in none of these figures: Audit (audit), …" for the reports
    /// that show only the key figures; `None` without any. Unescaped.
    pub fn unbudgeted_line(&self) -> Option<String> {
        let work = &self.program.unbudgeted;
        if work.is_empty() {
            return None;
        }
        let names: Vec<String> = work
            .iter()
            .map(|u| self.task_name(&u.id, u.title.as_deref()))
            .collect();
        Some(format!(
            "Unbudgeted scope: {} task{} added since the baseline, estimate {}, in none of these figures: {}.",
            work.len(),
            if work.len() == 1 { "" } else { "s" },
            self.amount(work.iter().map(|u| u.estimate).sum()),
            names.join(", ")
        ))
    }

    /// The earned-value figures as rows of a table: name, value as text
    /// (an em dash where unavailable), and what it means. Unescaped.
    pub fn figure_rows(&self) -> Vec<(&'static str, String, &'static str)> {
        let p = &self.program;
        let amount = |v: Option<f64>| v.map_or_else(|| "—".to_string(), |v| self.amount(v));
        let days = |v: Option<f64>, signed: bool| {
            v.map_or_else(
                || "—".to_string(),
                |d| match signed {
                    true => signed_working_days((d * 10.0).round() / 10.0),
                    false => format!("{d:.1} working days"),
                },
            )
        };
        vec![
            ("BAC", amount(p.bac), "budget at completion"),
            ("PV", amount(p.pv), "planned value at the status date"),
            ("EV", amount(p.ev), "earned value: budget of the work done"),
            ("AC", amount(p.ac), "actual cost"),
            ("SV", amount(p.sv), "EV − PV"),
            ("CV", amount(p.cv), "EV − AC"),
            ("SPI", crate::amount::index(p.spi), "EV / PV"),
            ("CPI", crate::amount::index(p.cpi), "EV / AC"),
            ("EAC", amount(p.eac), "BAC / CPI"),
            ("EAC (at budget)", amount(p.eac_at_budget), "AC + (BAC − EV)"),
            (
                "EAC (CPI × SPI)",
                amount(p.eac_cpi_spi),
                "AC + (BAC − EV) / (CPI × SPI)",
            ),
            ("ETC", amount(p.etc), "EAC − AC"),
            ("VAC", amount(p.vac), "BAC − EAC"),
            ("TCPI", crate::amount::index(p.tcpi), "(BAC − EV) / (BAC − AC)"),
            (
                "ES",
                days(p.es, false),
                "when the plan expected the value earned by now",
            ),
            ("AT", days(p.at, false), "the status date, from the start"),
            ("SPI(t)", crate::amount::index(p.spi_t), "ES / AT"),
            ("SV(t)", days(p.sv_t, true), "ES − AT"),
            ("IEAC(t)", days(p.ieac_t, false), "planned duration / SPI(t)"),
        ]
    }
}

use crate::amount::amount;

/// Working days of a risk, to one decimal: `2.5 working days`.
fn risk_days(days: f64) -> String {
    let unit = if days == 1.0 { "day" } else { "days" };
    format!("{days:.1} working {unit}")
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanDates {
    pub id: String,
    pub title: Option<String>,
    pub start: NaiveDate,
    /// The finish of the plan without progress.
    pub planned_finish: NaiveDate,
    /// The finish forecast from the status date on.
    pub forecast_finish: NaiveDate,
    /// Forecast finish minus planned finish, in working days (positive =
    /// later).
    pub finish_variance_days: f64,
    /// The Monte-Carlo finish that 80% of runs beat, when the plan has
    /// anything uncertain.
    pub p80_finish: Option<NaiveDate>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ProgramFigures {
    pub bac: Option<f64>,
    pub pv: Option<f64>,
    pub ev: Option<f64>,
    pub ac: Option<f64>,
    pub sv: Option<f64>,
    pub cv: Option<f64>,
    pub spi: Option<f64>,
    pub cpi: Option<f64>,
    /// BAC / CPI.
    pub eac: Option<f64>,
    /// AC + (BAC − EV).
    pub eac_at_budget: Option<f64>,
    /// AC + (BAC − EV) / (CPI × SPI).
    pub eac_cpi_spi: Option<f64>,
    pub etc: Option<f64>,
    pub vac: Option<f64>,
    pub tcpi: Option<f64>,
    /// Earned schedule, actual time, in working days from the start.
    pub es: Option<f64>,
    pub at: Option<f64>,
    pub spi_t: Option<f64>,
    pub sv_t: Option<f64>,
    /// Planned duration / SPI(t), in working days.
    pub ieac_t: Option<f64>,
    /// Tasks with earned value but no `actual_cost` or `actual_effort`: why
    /// CPI is unavailable.
    pub missing_actuals: Vec<String>,
    /// Work the active baseline does not know: no budget until an approved
    /// rebaseline, and in none of the figures above.
    pub unbudgeted: Vec<UnbudgetedWork>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UnbudgetedWork {
    pub id: String,
    pub title: Option<String>,
    /// What it would cost by the current plan.
    pub estimate: f64,
    /// What it has cost so far, `null` when unknown.
    pub ac: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TaskFigures {
    pub id: String,
    pub title: Option<String>,
    /// `"task"`, `"milestone"` or `"group"`.
    pub kind: &'static str,
    /// `"done"`, `"in_progress"` or `"not_started"`.
    pub status: &'static str,
    pub bac: f64,
    pub pv: f64,
    pub ev: f64,
    pub ac: Option<f64>,
    pub spi: Option<f64>,
    pub cpi: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MilestoneStatus {
    pub id: String,
    pub title: Option<String>,
    pub planned: NaiveDate,
    pub forecast: NaiveDate,
    pub p80: Option<NaiveDate>,
    pub deadline: Option<NaiveDate>,
    /// The share of Monte-Carlo runs that reach it by its deadline; without
    /// anything uncertain, 1 or 0 from the forecast schedule.
    pub p_meet_deadline: Option<f64>,
    pub done: bool,
    /// Its date in the active baseline.
    pub baseline: Option<NaiveDate>,
    pub owner: Option<String>,
    /// Working days its forecast moved since `--since REV`.
    pub moved_since_days: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LateWork {
    pub id: String,
    pub title: Option<String>,
    /// A milestone rather than a task: what the summary counts it as.
    pub milestone: bool,
    /// `"start"` (not started) or `"finish"` (not done).
    pub late_to: &'static str,
    /// The planned date it was due to start or finish by.
    pub planned: NaiveDate,
    pub status: &'static str,
    /// Percent done.
    pub progress: u8,
    /// Its forecast finish.
    pub forecast_finish: NaiveDate,
    pub owner: Option<String>,
    /// Its total float in the forecast, in working days: how far it can
    /// slip before it moves the finish (0 or less: it moves it already).
    pub float_days: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NextEvent {
    pub date: NaiveDate,
    pub id: String,
    pub title: Option<String>,
    /// `"start"`, `"finish"` or, for a milestone, `"reached"`.
    pub event: &'static str,
    pub critical: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Ratings {
    pub overall: Rating,
    pub schedule: Rating,
    pub cost: Rating,
    pub risks: Rating,
    pub approvals: Rating,
    pub resources: Rating,
}

impl Ratings {
    /// The areas with their names, in the order reports show them.
    pub fn areas(&self) -> [(&'static str, &Rating); 5] {
        [
            ("Schedule", &self.schedule),
            ("Cost", &self.cost),
            ("Risks", &self.risks),
            ("Approvals", &self.approvals),
            ("Resources", &self.resources),
        ]
    }
}

/// Working days with a sign and the unit: `+1 working day`, `-2.5 working
/// days`.
pub(crate) fn signed_working_days(days: f64) -> String {
    prog_plan::Work::from_days(days).signed_working_days_text()
}
