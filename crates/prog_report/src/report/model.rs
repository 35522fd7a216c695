//! The report model: everything a report shows, computed once. It is also
//! the JSON format (`docs/report.md` documents every field).

use chrono::NaiveDate;
use prog_plan::forecast::Spread;
use prog_plan::{Days, TaskDoc};
use serde::Serialize;

mod build;

pub use build::report_forecast;

/// Bumped whenever a field changes meaning or disappears; new fields may be
/// added without a bump.
pub const SCHEMA_VERSION: u32 = 2;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub schema_version: u32,
    pub program: ProgramInfo,
    pub summary: Summary,
    /// Task ids, first to last.
    pub critical_path: Vec<String>,
    /// Tasks, milestones and groups in plan order (a group before its children).
    pub tasks: Vec<TaskRow>,
    pub dependencies: Vec<DependencyRow>,
    pub problems: Vec<Problem>,
    pub load: LoadReport,
    pub risks: Vec<RiskRow>,
    pub approvals: Vec<ApprovalRow>,
    /// The dependency register: every external, in plan order (left out
    /// of the JSON when there is none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub externals: Vec<crate::ExternalRow>,
    /// Present when the plan has a `status_date`.
    pub burndown: Option<Burndown>,
    /// Where the program stands at its status date (the `prog status`
    /// report); present when the plan has one.
    pub status: Option<crate::status::StatusReport>,
    /// What moved since the baseline, when the report compares with one.
    pub since_baseline: Option<crate::status::SinceBaseline>,
    /// Present when something in the plan is uncertain: a task with an
    /// `estimate`, or a risk that may fire and delay something.
    pub forecast: Option<FinishForecast>,
    /// Who is responsible, accountable, consulted and informed for each
    /// group and milestone.
    pub raci: crate::raci::RaciMatrix,
}

impl Report {
    /// The critical path in words: "12 working days, 5 tasks and
    /// milestones", and where it begins when a `not_before` date cuts it.
    pub fn critical_path_text(&self) -> String {
        let n = self.critical_path.len();
        let mut text = format!(
            "{}, {n} {}",
            working_days(self.program.critical_path_days),
            if n == 1 {
                "task or milestone"
            } else {
                "tasks and milestones"
            }
        );
        if let (Some(date), Some(first)) = (self.program.critical_path_not_before, self.critical_path.first())
        {
            text.push_str(&format!(", from `{first}`'s not_before {date}"));
        }
        text
    }

    /// The tasks of the critical path, first to last.
    pub fn critical_tasks(&self) -> impl Iterator<Item = &TaskRow> {
        let index: std::collections::HashMap<&str, &TaskRow> =
            self.tasks.iter().map(|t| (t.id(), t)).collect();
        self.critical_path
            .iter()
            .filter_map(move |id| index.get(id.as_str()).copied())
    }

    /// The ids of the risks in one cell of the heatmap.
    pub fn risks_in(&self, cell: HeatCell) -> impl Iterator<Item = &str> {
        self.risks
            .iter()
            .filter(move |r| r.cell == Some(cell))
            .map(|r| r.id.as_str())
    }
}

/// "1 working day", "2.5 working days".
pub fn working_days(days: Days) -> String {
    days.0.working_days_text()
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProgramInfo {
    pub id: String,
    pub title: Option<String>,
    /// Working day 0.
    pub start: NaiveDate,
    /// The last day of the plan.
    pub finish: NaiveDate,
    pub status_date: Option<NaiveDate>,
    /// Working days from start to finish.
    pub duration_days: Days,
    /// Working days along the critical path (its last finish minus its first start).
    pub critical_path_days: Days,
    /// The `not_before` date the critical path begins at, when one does
    /// (the path is then shorter than the plan).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub critical_path_not_before: Option<NaiveDate>,
}

impl ProgramInfo {
    /// The title, or the id when there is none (or it is blank).
    pub fn name(&self) -> &str {
        self.title
            .as_deref()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or(&self.id)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub hints: usize,
    pub health: Health,
}

impl Summary {
    /// "1 error, 2 warnings, 0 hints".
    pub fn problems_text(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        format!(
            "{}, {}, {}",
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.hints, "hint")
        )
    }
}

/// What needs attention, each as a list of ids.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Health {
    /// Unfinished tasks and milestones with negative total float (a
    /// deadline is missed).
    pub negative_float: Vec<String>,
    /// Persons and teams assigned above their capacity on some day.
    pub over_allocated: Vec<String>,
    /// Pending approvals that gate a critical milestone.
    pub pending_critical_approvals: Vec<String>,
    /// Risks in the red zone of the heatmap (all risks are open: the language
    /// has no way to close one).
    pub high_exposure_risks: Vec<String>,
}

impl Health {
    /// Each list with what it counts, in the singular for one: the HTML and
    /// Markdown reports write "{count} {what}".
    pub fn lines(&self) -> [(&'static str, &[String]); 4] {
        let what = |ids: &[String], one, many| if ids.len() == 1 { one } else { many };
        [
            (
                what(
                    &self.negative_float,
                    "task with negative float",
                    "tasks with negative float",
                ),
                &self.negative_float,
            ),
            (
                what(
                    &self.over_allocated,
                    "over-allocated person or team",
                    "over-allocated people and teams",
                ),
                &self.over_allocated,
            ),
            (
                what(
                    &self.pending_critical_approvals,
                    "pending approval on critical milestones",
                    "pending approvals on critical milestones",
                ),
                &self.pending_critical_approvals,
            ),
            (
                what(
                    &self.high_exposure_risks,
                    "open high-exposure risk",
                    "open high-exposure risks",
                ),
                &self.high_exposure_risks,
            ),
        ]
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TaskRow {
    /// The task as `prog schedule --format json` writes it.
    #[serde(flatten)]
    pub schedule: TaskDoc,
    pub title: Option<String>,
    /// The id of the enclosing group.
    pub group: Option<String>,
    /// Nesting depth: 0 at the top level.
    pub depth: usize,
    pub owner: Option<String>,
    /// Percent done, 0 to 100.
    pub percent_done: u8,
    pub deadline: Option<NaiveDate>,
    /// The last day it may finish on without delaying the plan (or missing a deadline).
    pub late_finish: NaiveDate,
    /// An `external` (a milestone the program waits for from outside it);
    /// written only when true.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub external: bool,
    /// Index of the enclosing group in [`Report::tasks`].
    #[serde(skip)]
    pub parent: Option<usize>,
}

impl TaskRow {
    pub fn id(&self) -> &str {
        &self.schedule.id
    }

    /// The title, or the id when there is none (or it is blank).
    pub fn name(&self) -> &str {
        self.title
            .as_deref()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or(&self.schedule.id)
    }

    pub fn kind(&self) -> &'static str {
        self.schedule.kind
    }

    /// The CSS classes of its mark in the charts: its kind, and `external`
    /// and `crit` when they apply.
    pub fn classes(&self) -> String {
        let mut classes = self.kind().to_string();
        if self.external {
            classes.push_str(" external");
        }
        if self.schedule.critical {
            classes.push_str(" crit");
        }
        classes
    }
}

/// `to` depends on `from`, as written in the plan (on or in groups too).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DependencyRow {
    pub from: String,
    pub to: String,
    /// `"finish_to_start"` (`after`), `"start_to_start"` (`start_with`) or
    /// `"finish_to_finish"` (`finish_with`).
    pub kind: &'static str,
    /// Working days; negative for a lead.
    pub lag_days: Days,
    /// Both ends are critical and the dependency has no slack: it drives the plan.
    pub critical: bool,
    /// Indices in [`Report::tasks`].
    #[serde(skip)]
    pub from_index: usize,
    #[serde(skip)]
    pub to_index: usize,
}

/// One diagnostic, located.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// `"error"`, `"warning"` or `"hint"`.
    pub severity: &'static str,
    pub code: &'static str,
    pub message: String,
    pub file: String,
    /// 1-based.
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct LoadReport {
    /// The Monday of each calendar week holding a working day of the plan;
    /// of every `weeks_per_column`-th week when the plan is longer than
    /// [`MAX_COLUMNS`](crate::weeks::MAX_COLUMNS) weeks.
    pub weeks: Vec<NaiveDate>,
    /// How many weeks each entry of `weeks` covers: 1 but on long plans.
    pub weeks_per_column: usize,
    /// Persons first, then teams, in plan order.
    pub resources: Vec<ResourceLoad>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ResourceLoad {
    pub id: String,
    pub title: Option<String>,
    /// `"person"` or `"team"`.
    pub kind: &'static str,
    /// One entry per week of [`LoadReport::weeks`].
    pub weeks: Vec<WeekLoad>,
}

/// A resource's week, in person-days.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct WeekLoad {
    /// Assigned person-days.
    pub load: f64,
    /// Available person-days.
    pub capacity: f64,
    /// Days of the week (of the column) on which it is assigned above capacity.
    pub over_days: usize,
}

impl WeekLoad {
    pub fn over(&self) -> bool {
        self.over_days > 0
    }

    /// Load as a percentage of capacity; `None` when nothing is available.
    pub fn utilisation(&self) -> Option<f64> {
        (self.capacity > 0.0).then(|| self.load / self.capacity * 100.0)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RiskRow {
    pub id: String,
    pub title: Option<String>,
    /// Percent.
    pub probability: Option<u8>,
    pub impact_days: Option<Days>,
    /// Probability × impact, in working days.
    pub exposure_days: Option<f64>,
    /// Where the risk sits on the heatmap, when it has both a probability and an impact.
    pub cell: Option<HeatCell>,
    /// `"low"`, `"medium"`, `"high"`, or `"unrated"` without a probability or impact.
    pub level: &'static str,
    pub affects: Vec<String>,
    pub owner: Option<String>,
    pub mitigation: Option<String>,
}

/// A heatmap cell: probability band 0..5 (0–20%, ..., 80–100%) and impact
/// band 0..5 (≤ 2, ≤ 5, ≤ 10, ≤ 20, > 20 working days).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct HeatCell {
    pub probability: usize,
    pub impact: usize,
}

impl HeatCell {
    pub const PROBABILITY_BANDS: [&str; 5] = ["0–20%", "21–40%", "41–60%", "61–80%", "81–100%"];
    pub const IMPACT_BANDS: [&str; 5] = ["≤ 2d", "3–5d", "6–10d", "11–20d", "> 20d"];

    /// Where `risk` sits, when it has both a probability and an impact.
    pub fn of(risk: &prog_plan::Risk) -> Option<HeatCell> {
        risk.probability.zip(risk.impact).map(|(p, impact)| HeatCell {
            probability: (usize::from(p).saturating_sub(1) / 20).min(4),
            impact: match impact.as_days() {
                d if d <= 2.0 => 0,
                d if d <= 5.0 => 1,
                d if d <= 10.0 => 2,
                d if d <= 20.0 => 3,
                _ => 4,
            },
        })
    }

    /// `"low"`, `"medium"` or `"high"`, from the product of the two bands (1 to 25).
    pub fn level(self) -> &'static str {
        match (self.probability + 1) * (self.impact + 1) {
            0..=4 => "low",
            5..=9 => "medium",
            _ => "high",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ApprovalRow {
    pub id: String,
    pub title: Option<String>,
    /// `"pending"`, `"approved"` or `"rejected"`.
    pub status: &'static str,
    /// Person and team ids.
    pub approvers: Vec<String>,
    pub gates: Vec<Gate>,
}

/// A milestone an approval gates.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Gate {
    pub milestone: String,
    pub title: Option<String>,
    pub date: NaiveDate,
    pub critical: bool,
}

/// Remaining work against plan at the status date, in the unit of earned
/// value (money, or person-days of planned work).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Burndown {
    /// `"money"` or `"person_days"`.
    pub unit: &'static str,
    /// The budget at completion.
    pub total: f64,
    /// Planned remaining value at the end of each week of [`LoadReport::weeks`].
    pub planned_remaining: Vec<f64>,
    pub status_date: NaiveDate,
    /// BAC − EV: what is left by progress.
    pub actual_remaining: f64,
    /// BAC − PV at the end of the status date.
    pub planned_remaining_at_status: f64,
    /// Schedule performance index, EV / PV.
    pub spi: Option<f64>,
}

impl Burndown {
    /// "On 2027-03-01: EUR 12,500 left against EUR 10,000 planned (SPI
    /// 0.80)", in the burndown's unit; for every format.
    pub fn status(&self, currency: Option<&str>) -> String {
        let amount = |v| crate::amount::amount(self.unit, currency, v);
        let mut line = format!(
            "On {}: {} left against {} planned",
            self.status_date,
            amount(self.actual_remaining),
            amount(self.planned_remaining_at_status)
        );
        if let Some(spi) = self.spi {
            line.push_str(&format!(" (SPI {spi:.2})"));
        }
        line
    }
}

/// A Monte-Carlo forecast of the finish, made with a fixed seed so that the
/// same plan always gives the same report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FinishForecast {
    pub iterations: usize,
    pub seed: u64,
    /// How durations are drawn from estimates: `"pert"`.
    pub distribution: &'static str,
    /// Percentiles and the cumulative distribution (the S-curve) of the finish.
    pub finish: Spread,
}
