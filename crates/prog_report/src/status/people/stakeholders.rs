//! Who is due an update: the stakeholders whose cadence brings an update
//! into the week of the status date, and with `--since` those whose
//! interests moved, with why; and the report cut to one stakeholder
//! (`prog status --for`).

use chrono::{Datelike, Months, NaiveDate, TimeDelta};
use prog_plan::people::{Cadence, Format, Stakeholder, covers};
use prog_plan::{Plan, TaskId};
use serde::Serialize;

use crate::status::StatusReport;

/// A stakeholder to update this week.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StakeholderDue {
    pub id: String,
    pub title: Option<String>,
    /// `daily`, `weekly`, `biweekly`, `monthly`, or `null` without one.
    pub cadence: Option<&'static str>,
    /// `summary` or `detail`: what to send them (`prog status --for ID`).
    pub format: &'static str,
    pub contact: Option<String>,
    /// Their cadence brings an update into the seven days that end on the
    /// status date.
    pub by_cadence: bool,
    /// What they follow that moved since `--since REV`, one line each.
    pub reasons: Vec<String>,
}

impl StakeholderDue {
    /// "weekly, due", "biweekly" (listed for what moved) or "—".
    pub fn cadence_text(&self) -> String {
        match (self.cadence, self.by_cadence) {
            (Some(c), true) => format!("{c}, due"),
            (Some(c), false) => c.to_string(),
            (None, _) => "—".to_string(),
        }
    }
}

/// The stakeholders whose cadence is due at `status_date`.
pub(in crate::status) fn due(plan: &Plan) -> Vec<StakeholderDue> {
    let Some(status_date) = plan.program.status_date else {
        return Vec::new();
    };
    plan.people
        .stakeholders
        .iter()
        .filter(|s| {
            s.cadence
                .is_some_and(|c| is_due(c, plan.program.start, status_date))
        })
        .map(|s| entry(s, true))
        .collect()
}

fn entry(s: &Stakeholder, by_cadence: bool) -> StakeholderDue {
    StakeholderDue {
        id: s.id.clone(),
        title: s.title.clone(),
        cadence: s.cadence.map(Cadence::as_str),
        format: s.format.as_str(),
        contact: s.contact.clone(),
        by_cadence,
        reasons: Vec::new(),
    }
}

/// Updates are due on the program `start` and every cadence after it
/// (daily, every 7 or 14 days, or on the start's day of each month, the
/// last day of a shorter month); one is due at the status date when such a
/// day falls in the seven days that end on it, the week a weekly status
/// report covers.
pub fn is_due(cadence: Cadence, anchor: NaiveDate, status_date: NaiveDate) -> bool {
    let first = status_date - TimeDelta::days(6);
    if status_date < anchor {
        return false;
    }
    let step = match cadence {
        Cadence::Daily => 1,
        Cadence::Weekly => 7,
        Cadence::Biweekly => 14,
        Cadence::Monthly => {
            let months = (status_date.year() - anchor.year()) * 12 + status_date.month() as i32
                - anchor.month() as i32;
            // The monthly day in the status date's month and the one before.
            return [months - 1, months].into_iter().any(|m| {
                u32::try_from(m)
                    .ok()
                    .and_then(|m| anchor.checked_add_months(Months::new(m)))
                    .is_some_and(|day| first <= day && day <= status_date)
            });
        }
    };
    let since = (status_date - anchor).num_days();
    // The last update day on or before the status date.
    let last = status_date - TimeDelta::days(since % step);
    last >= first
}

impl StatusReport {
    /// The stakeholders due an update with what moved for each, from the
    /// "who to tell" of `diff` (last week's plan to this one): those not due
    /// by cadence are added when something they follow moved.
    pub fn with_tell(mut self, plan: &Plan, diff: &prog_diff::Diff) -> StatusReport {
        for (id, reasons) in crate::diff::tell_plain(diff) {
            match self.stakeholders_due.iter_mut().find(|s| s.id == id) {
                Some(due) => due.reasons = reasons,
                None => {
                    if let Some(s) = plan.people.stakeholders.iter().find(|s| s.id == id) {
                        self.stakeholders_due.push(StakeholderDue {
                            reasons,
                            ..entry(s, false)
                        });
                    }
                }
            }
        }
        self
    }

    /// The report cut to what stakeholder `id` follows, at their `format`
    /// (`summary`: the executive layer only). The summary and the ratings
    /// stay the program's.
    pub fn for_stakeholder(mut self, plan: &Plan, id: &str) -> Result<StatusReport, String> {
        let Some(s) = plan.people.stakeholders.iter().find(|s| s.id == id) else {
            let known: Vec<&str> = plan.people.stakeholders.iter().map(|s| s.id.as_str()).collect();
            return Err(format!(
                "no stakeholder `{id}` in the plan (stakeholders: {})",
                if known.is_empty() {
                    "none".to_string()
                } else {
                    known.join(", ")
                }
            ));
        };
        let follows = |task_id: &str| {
            plan.task_ids()
                .find(|&t| plan.task(t).id == task_id)
                .is_some_and(|t: TaskId| covers(plan, &s.interests, t))
        };
        self.tasks.retain(|t| follows(&t.id));
        self.milestones.retain(|m| follows(&m.id));
        self.late.retain(|l| follows(&l.id));
        self.next.retain(|n| follows(&n.id));
        self.critical_path.retain(|id| follows(id));
        self.workstreams.retain(|w| follows(&w.id));
        self.blocked.retain(|b| follows(&b.id));
        self.actions.retain(|a| a.affects.iter().any(|id| follows(id)));
        self.decisions.retain(|d| d.gates.iter().any(|id| follows(id)));
        self.top_risks.retain(|r| {
            plan.risks
                .iter()
                .find(|risk| risk.id == r.id)
                .is_some_and(|risk| risk.affects.iter().any(|&t| covers(plan, &s.interests, t)))
        });
        self.stakeholders_due.retain(|d| d.id == s.id);
        // The summary again, from what is left: its late work, top risk and
        // decisions are theirs; the rating and the finish stay the
        // program's.
        self.summary = crate::status::sections::summary(&self);
        self.audience = Some(Audience {
            stakeholder: s.id.clone(),
            format: s.format.as_str(),
        });
        Ok(self)
    }

    /// Whether only the executive layer (heading, summary, ratings) is
    /// written: a report for a stakeholder whose `format` is `summary`.
    pub fn summary_only(&self) -> bool {
        self.audience
            .as_ref()
            .is_some_and(|a| a.format == Format::Summary.as_str())
    }
}

/// Whom a report was cut for (`prog status --for`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Audience {
    pub stakeholder: String,
    /// `summary` or `detail`.
    pub format: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn cadences_count_from_the_program_start() {
        let start = date("2027-01-04"); // a Monday
        // Weekly: every week has an update day in its seven days.
        assert!(is_due(Cadence::Weekly, start, date("2027-01-15")));
        // Biweekly: updates on the 4th and the 18th. The week ending Friday
        // 15th (9th..15th) has none; the one ending Friday 22nd (16th..22nd)
        // has the 18th.
        assert!(!is_due(Cadence::Biweekly, start, date("2027-01-15")));
        assert!(is_due(Cadence::Biweekly, start, date("2027-01-22")));
        // Monthly: the 4th of each month. 2027-02-05 covers Jan 30..Feb 5,
        // with Feb 4; 2027-02-12 covers Feb 6..12, without.
        assert!(is_due(Cadence::Monthly, start, date("2027-02-05")));
        assert!(!is_due(Cadence::Monthly, start, date("2027-02-12")));
        // Started on the 31st: February's update is on its last day, the 28th.
        assert!(is_due(Cadence::Monthly, date("2027-01-31"), date("2027-03-02")));
        assert!(!is_due(Cadence::Monthly, date("2027-01-31"), date("2027-03-08")));
        assert!(is_due(Cadence::Daily, start, date("2027-01-05")));
        // Before the program starts, nothing is due.
        assert!(!is_due(Cadence::Daily, start, date("2027-01-01")));
    }
}
