//! The parts of the status report a reader acts on: the executive summary
//! (sentences made from the facts), the top risks, the workstreams (each
//! top-level group rated) and the decisions needed (approvals pending or
//! rejected).

use chrono::NaiveDate;
use prog_plan::{ApprovalStatus, Forecast, Plan, TaskKind};
use serde::Serialize;

use super::signed_working_days;
use super::{Level, StatusReport, TaskFigures};

/// A top-level group with its rating: the worse of its SPI and CPI bands.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Workstream {
    pub id: String,
    pub title: Option<String>,
    pub level: Level,
    pub spi: Option<f64>,
    pub cpi: Option<f64>,
}

/// How many risks the report shows.
const TOP_RISKS: usize = 5;

/// One of the risks with the highest exposure.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TopRisk {
    pub id: String,
    pub title: Option<String>,
    pub owner: Option<String>,
    pub mitigation: Option<String>,
    /// Probability × impact, in working days.
    pub exposure_days: f64,
    /// What it adds to the forecast finish on average (Monte-Carlo), in
    /// working days; `None` without a forecast.
    pub adds_days: Option<f64>,
    /// Said so when it has no owner or no mitigation.
    pub unowned: bool,
    pub unmitigated: bool,
    /// With `--since`: `"new"`, `"up"`, `"down"` or `"same"` (its exposure
    /// against last week's).
    pub trend: Option<&'static str>,
}

/// The open risks with the highest exposure, highest first (ties by id).
pub(super) fn top_risks(
    plan: &Plan,
    forecast: Option<&Forecast>,
    open: impl Fn(usize) -> bool,
) -> Vec<TopRisk> {
    let mut risks: Vec<TopRisk> = plan
        .risks
        .iter()
        .enumerate()
        .filter(|&(i, _)| open(i))
        .filter_map(|(i, r)| {
            let exposure = f64::from(r.probability?) / 100.0 * r.impact?.as_days();
            Some(TopRisk {
                id: r.id.to_string(),
                title: r.title.clone(),
                owner: r.owner.map(|o| plan.resource(o).id.to_string()),
                mitigation: r.mitigation.clone(),
                exposure_days: exposure,
                adds_days: forecast.and_then(|f| f.risks.get(i)).and_then(|e| e.contribution),
                unowned: r.owner.is_none(),
                unmitigated: r.mitigation.as_deref().is_none_or(|m| m.trim().is_empty()),
                trend: None,
            })
        })
        .collect();
    risks.sort_by(|a, b| b.exposure_days.total_cmp(&a.exposure_days).then(a.id.cmp(&b.id)));
    risks.truncate(TOP_RISKS);
    risks
}

/// An approval the reader may have to act on.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Decision {
    pub id: String,
    pub title: Option<String>,
    /// `"pending"` or `"rejected"`.
    pub status: &'static str,
    pub approvers: Vec<String>,
    pub due: Option<NaiveDate>,
    /// The milestones it gates.
    pub gates: Vec<String>,
}

pub(super) fn workstreams(plan: &Plan, tasks: &[TaskFigures]) -> Vec<Workstream> {
    plan.task_ids()
        .filter(|&t| plan.task(t).kind == TaskKind::Group && plan.task(t).parent.is_none())
        .filter_map(|t| tasks.get(t.index()))
        .map(|f| Workstream {
            id: f.id.clone(),
            title: f.title.clone(),
            level: [f.spi, f.cpi]
                .into_iter()
                .flatten()
                .map(Level::of_index)
                .max()
                .unwrap_or(Level::Green),
            spi: f.spi,
            cpi: f.cpi,
        })
        .collect()
}

/// Pending approvals by due date (those without one last), then rejected
/// ones.
pub(super) fn decisions(plan: &Plan) -> Vec<Decision> {
    let mut out: Vec<Decision> = plan
        .approvals
        .iter()
        .filter(|a| a.status != ApprovalStatus::Approved)
        .map(|a| Decision {
            id: a.id.to_string(),
            title: a.title.clone(),
            status: a.status.as_str(),
            approvers: a
                .approvers
                .iter()
                .map(|&r| plan.resource(r).id.to_string())
                .collect(),
            due: a.due,
            gates: a.gates.iter().map(|&g| plan.task(g).id.to_string()).collect(),
        })
        .collect();
    out.sort_by_key(|d| (d.status != "pending", d.due.is_none(), d.due));
    out
}

/// Three to six sentences from the facts: where the program stands and
/// why, what changed (since last week, else against the baseline), what is
/// late, what is being done about the top risk, and what is needed from the
/// reader. Unescaped: each writer escapes them.
pub(super) fn summary(r: &StatusReport) -> Vec<String> {
    // Where the program stands, in one sentence: the rating and why, then
    // the finish and the indices, so the summary stays at five at most.
    let p = &r.plan;
    let finish = if p.forecast_finish == p.planned_finish {
        format!("the finish is forecast for {}, as planned", p.forecast_finish)
    } else {
        format!(
            "the finish is forecast for {} against {} planned ({})",
            p.forecast_finish,
            p.planned_finish,
            signed_working_days(p.finish_variance_days)
        )
    };
    let mut out = vec![format!(
        "Overall {}{}; {finish}, with SPI {} and CPI {}.",
        r.rag.overall.level.as_str(),
        r.rating_causes()
            .map_or(String::new(), |c| format!(" because of {c}")),
        crate::amount::index(r.program.spi),
        crate::amount::index(r.program.cpi)
    )];
    // What changed: since last week when asked, else against the baseline
    // (one sentence, so the summary stays at five at most).
    if let Some(since) = &r.since {
        out.push(since.finish_sentence());
    } else if let Some(b) = &r.since_baseline {
        out.push(format!(
            "Against the baseline of {}, the finish has moved {}.",
            b.created,
            signed_working_days(b.finish_variance_days)
        ));
    }
    if let Some(worst) = r.late.iter().max_by_key(|l| l.forecast_finish) {
        out.push(format!(
            "{} late; the latest to finish is {}, forecast for {}.",
            late_count(&r.late),
            r.task_name(&worst.id, worst.title.as_deref()),
            worst.forecast_finish
        ));
    }
    // What is being done: the top risk and its mitigation, or that it has
    // none.
    if let Some(top) = r.top_risks.first() {
        let name = r.task_name(&top.id, top.title.as_deref());
        out.push(
            match (&top.owner, top.mitigation.as_deref().filter(|_| !top.unmitigated)) {
                (Some(owner), Some(mitigation)) => format!(
                    "The top risk, {name}, is being handled by {owner}: {}.",
                    mitigation.trim_end_matches('.')
                ),
                _ => format!("The top risk, {name}, has no owner or no mitigation yet."),
            },
        );
    }
    let pending: Vec<&Decision> = r.decisions.iter().filter(|d| d.status == "pending").collect();
    out.push(match pending.first() {
        None => "No decision is needed from you this week.".to_string(),
        Some(first) => format!(
            "Needed from you: {} pending approval{} ({}), the first due {}.",
            pending.len(),
            if pending.len() == 1 { "" } else { "s" },
            pending
                .iter()
                .map(|d| r.task_name(&d.id, d.title.as_deref()))
                .collect::<Vec<_>>()
                .join(", "),
            first
                .due
                .map_or_else(|| "with no date".to_string(), |d| d.to_string())
        ),
    });
    out
}

/// "1 task is", "2 milestones are", "3 tasks and 1 milestone are".
fn late_count(late: &[super::LateWork]) -> String {
    let milestones = late.iter().filter(|l| l.milestone).count();
    let counted = |n: usize, what: &str| match n {
        1 => format!("1 {what}"),
        n => format!("{n} {what}s"),
    };
    let words = match (late.len() - milestones, milestones) {
        (tasks, 0) => counted(tasks, "task"),
        (0, milestones) => counted(milestones, "milestone"),
        (tasks, milestones) => format!(
            "{} and {}",
            counted(tasks, "task"),
            counted(milestones, "milestone")
        ),
    };
    let verb = if late.len() == 1 { "is" } else { "are" };
    format!("{words} {verb}")
}
