//! The people around the program in the status report: the open action
//! items, the blocked work, and what of them the schedule rating counts.
//! `markdown` and `html` write their sections.

pub(super) mod html;
pub(super) mod markdown;
pub(super) mod stakeholders;

use chrono::NaiveDate;
use prog_plan::status::TaskStatus;
use prog_plan::{Plan, Schedule, WorkCalendar};
use prog_plan::{on_critical_path, waiting_milestones};
use serde::Serialize;

use super::StatusReport;

/// What the schedule rating reads of action items and blocked work.
pub(super) struct PeopleFacts {
    /// Blocked tasks and milestones, not done, on the critical path.
    pub blocked_critical: Vec<String>,
    /// Overdue action items (open, due before the status date) that affect
    /// critical work.
    pub overdue_actions_critical: Vec<String>,
}

impl PeopleFacts {
    pub(super) fn new(plan: &Plan, schedule: &Schedule, statuses: &[TaskStatus]) -> PeopleFacts {
        let people = &plan.people;
        let blocked_critical = people
            .blocked
            .iter()
            .filter(|b| statuses[b.task.index()] != TaskStatus::Done)
            .filter(|b| on_critical_path(plan, schedule, &[b.task]))
            .map(|b| plan.task(b.task).id.to_string())
            .collect();
        let overdue_actions_critical = match plan.program.status_date {
            Some(status_date) => people
                .actions
                .iter()
                .filter(|a| a.is_overdue(status_date) && on_critical_path(plan, schedule, &a.affects))
                .map(|a| a.id.clone())
                .collect(),
            None => Vec::new(),
        };
        PeopleFacts {
            blocked_critical,
            overdue_actions_critical,
        }
    }
}

/// An open action item, as the status report lists it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActionItem {
    pub id: String,
    pub title: Option<String>,
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    /// Calendar days past due at the status date; `None` when not overdue.
    pub overdue_days: Option<i64>,
    pub affects: Vec<String>,
    /// Whether what it affects is on the critical path.
    pub critical: bool,
}

impl ActionItem {
    /// "2027-01-06, 7 days overdue", "2027-01-20" or "—", and whether it
    /// is overdue (the writers stress it). Dates only: nothing to escape.
    pub fn due_text(&self) -> (String, bool) {
        match (self.due, self.overdue_days) {
            (Some(due), Some(days)) => (
                format!("{due}, {days} day{} overdue", if days == 1 { "" } else { "s" }),
                true,
            ),
            (Some(due), None) => (due.to_string(), false),
            (None, _) => ("—".to_string(), false),
        }
    }
}

/// A blocked task or milestone, not done.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BlockedWork {
    pub id: String,
    pub title: Option<String>,
    pub owner: Option<String>,
    pub reason: String,
    pub since: Option<NaiveDate>,
    /// Calendar days blocked at the status date (since `since`, else 0);
    /// `None` without a status date.
    pub days_blocked: Option<i64>,
    pub forecast_finish: NaiveDate,
    /// Total float in working days: at 0 or below, every day it stays
    /// blocked moves the finish.
    pub float_days: f64,
    pub critical: bool,
    /// `since` was read from git history (the first recent commit it is
    /// blocked in), not from `blocked_since`.
    pub since_from_history: bool,
    /// The milestones that wait for it.
    pub delays: Vec<String>,
}

/// The open action items: overdue first (the longest overdue first), then
/// by due date, those without one last.
pub(super) fn action_items(plan: &Plan, schedule: &Schedule) -> Vec<ActionItem> {
    let status_date = plan.program.status_date;
    let mut items: Vec<ActionItem> = plan
        .people
        .actions
        .iter()
        .filter(|a| a.done.is_none())
        .map(|a| ActionItem {
            id: a.id.to_string(),
            title: a.title.clone(),
            owner: a.owner.map(|o| plan.resource(o).id.to_string()),
            due: a.due,
            overdue_days: status_date
                .filter(|d| a.is_overdue(*d))
                .map(|d| a.days_overdue(d)),
            affects: a.affects.iter().map(|&t| plan.task(t).id.to_string()).collect(),
            critical: on_critical_path(plan, schedule, &a.affects),
        })
        .collect();
    items.sort_by_key(|a| (std::cmp::Reverse(a.overdue_days), a.due.is_none(), a.due));
    items
}

/// The blocked tasks and milestones not done, the least float first: what
/// they cost the finish, as the late list is sorted.
pub(super) fn blocked_work(
    plan: &Plan,
    schedule: &Schedule,
    cal: &WorkCalendar,
    statuses: &[TaskStatus],
) -> Vec<BlockedWork> {
    let status_date = plan.program.status_date;
    let mut blocked: Vec<BlockedWork> = plan
        .people
        .blocked
        .iter()
        .filter(|b| statuses[b.task.index()] != TaskStatus::Done)
        .map(|b| {
            let task = plan.task(b.task);
            let times = schedule.times(b.task);
            BlockedWork {
                id: task.id.to_string(),
                title: (*task.title).clone(),
                owner: task.owner.map(|o| plan.resource(o).id.to_string()),
                reason: b.reason.clone(),
                since: b.since,
                days_blocked: status_date.map(|d| b.days(d)),
                forecast_finish: cal.span_dates(times.es, times.ef).1,
                float_days: times.total_float.as_days(),
                critical: on_critical_path(plan, schedule, &[b.task]),
                since_from_history: false,
                delays: waiting_milestones(plan, b.task)
                    .into_iter()
                    .map(|m| plan.task(m).id.to_string())
                    .collect(),
            }
        })
        .collect();
    blocked.sort_by(|a, b| a.float_days.total_cmp(&b.float_days).then(a.id.cmp(&b.id)));
    blocked
}

/// One row of the "Late and blocked" section: a task late, blocked, or
/// both. Unescaped.
pub(super) struct LateOrBlocked<'a> {
    pub name: String,
    pub owner: Option<&'a str>,
    /// "should have started by 2027-01-08 (not started)".
    pub late: Option<String>,
    pub blocked: Option<&'a BlockedWork>,
    pub forecast_finish: NaiveDate,
    pub float_days: f64,
}

impl LateOrBlocked<'_> {
    /// Why the row is listed: late, blocked, or both. Unescaped.
    pub fn why(&self) -> Vec<String> {
        self.late
            .iter()
            .cloned()
            .chain(self.blocked.map(blocked_text))
            .collect()
    }

    /// What waiting costs the finish: on the critical path every day moves
    /// it, else the float goes first.
    pub fn cost(&self) -> String {
        if self.float_days <= 0.0 {
            "every day it waits moves the finish".to_string()
        } else {
            format!(
                "nothing for {} of float",
                super::signed_working_days(self.float_days).trim_start_matches('+')
            )
        }
    }
}

/// The late and the blocked work in one list, sorted by what they cost the
/// finish (the least float first, then by id).
pub(super) fn late_and_blocked(r: &StatusReport) -> Vec<LateOrBlocked<'_>> {
    let mut rows: Vec<LateOrBlocked> = r
        .late
        .iter()
        .map(|l| {
            let now = match l.status {
                "in_progress" => format!("{}% done", l.progress),
                other => other.replace('_', " "),
            };
            let verb = if l.late_to == "start" {
                "started"
            } else {
                "finished"
            };
            LateOrBlocked {
                name: r.task_name(&l.id, l.title.as_deref()),
                owner: l.owner.as_deref(),
                late: Some(format!("should have {verb} by {} ({now})", l.planned)),
                blocked: r.blocked.iter().find(|b| b.id == l.id),
                forecast_finish: l.forecast_finish,
                float_days: l.float_days,
            }
        })
        .collect();
    for b in &r.blocked {
        if !r.late.iter().any(|l| l.id == b.id) {
            rows.push(LateOrBlocked {
                name: r.task_name(&b.id, b.title.as_deref()),
                owner: b.owner.as_deref(),
                late: None,
                blocked: Some(b),
                forecast_finish: b.forecast_finish,
                float_days: b.float_days,
            });
        }
    }
    rows.sort_by(|a, b| a.float_days.total_cmp(&b.float_days).then(a.name.cmp(&b.name)));
    rows
}

/// "blocked: REASON (7 days since 2027-01-08); delays launch" as plain
/// text; the caller escapes it.
pub(super) fn blocked_text(b: &BlockedWork) -> String {
    let mut text = blocked_since_text(b);
    if !b.delays.is_empty() {
        text.push_str(&format!("; delays {}", b.delays.join(", ")));
    }
    text
}

fn blocked_since_text(b: &BlockedWork) -> String {
    match b.days_blocked.filter(|_| b.since.is_some()) {
        Some(days) => format!(
            "blocked: {} ({days} day{} since {}{})",
            b.reason,
            if days == 1 { "" } else { "s" },
            b.since.map(|d| d.to_string()).unwrap_or_default(),
            if b.since_from_history {
                ", from git history"
            } else {
                ""
            }
        ),
        None => format!("blocked: {}", b.reason),
    }
}

impl StatusReport {
    /// The blocked work without `blocked_since`, counted from `first`: per
    /// id, the status date of the first recent commit it is blocked in.
    pub fn with_blocked_history(
        mut self,
        first: &std::collections::HashMap<String, NaiveDate>,
    ) -> StatusReport {
        for b in self.blocked.iter_mut().filter(|b| b.since.is_none()) {
            if let Some(&since) = first.get(&b.id) {
                b.since = Some(since);
                b.since_from_history = true;
                b.days_blocked = self.status_date.map(|d| (d - since).num_days().max(0));
            }
        }
        self
    }
}
