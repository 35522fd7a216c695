//! Hover on the people around the program: a stakeholder (what they
//! follow, with its forecast), an action item, and who follows a task.

use std::fmt::Write;

use prog_plan::people::covers;
use prog_plan::{Forecast, Plan, Schedule, TaskId, TaskKind, WorkCalendar};

use super::{code, header, list};

/// The hover of the stakeholder or action with this id, if it is one.
pub(super) fn people_hover(
    plan: &Plan,
    schedule: &Schedule,
    cal: &WorkCalendar,
    forecast: Option<&Forecast>,
    id: &str,
) -> Option<String> {
    let people = &plan.people;
    if let Some(s) = people.stakeholders.iter().find(|s| s.id == id) {
        let mut md = header("stakeholder", &s.id, s.title.as_deref());
        let mut facts = Vec::new();
        if let Some(role) = s.role {
            facts.push(format!("role {}", role.as_str()));
        }
        if let Some(cadence) = s.cadence {
            facts.push(format!("cadence {}", cadence.as_str()));
        }
        facts.push(format!("format {}", s.format.as_str()));
        let _ = writeln!(md, "{}\n", facts.join(" · "));
        if let Some(contact) = &s.contact {
            let _ = writeln!(md, "contact: {}\n", prog_report::escape::markdown(contact));
        }
        if !s.interests.is_empty() {
            md.push_str("follows:\n\n");
            for &t in &s.interests {
                let _ = writeln!(md, "- {}", forecast_line(plan, schedule, cal, forecast, t));
            }
            md.push('\n');
        }
        return Some(md);
    }
    let (_, action) = people.actions.iter().enumerate().find(|(_, a)| a.id == id)?;
    let mut md = header("action", &action.id, action.title.as_deref());
    list(
        &mut md,
        "owner",
        action.owner.iter().map(|r| code(&plan.resource(*r).id)),
    );
    let state = match (action.done, action.due, plan.program.status_date) {
        (Some(Some(on)), _, _) => format!("done on {on}"),
        (Some(None), _, _) => "done".to_string(),
        (None, Some(due), Some(status)) if action.is_overdue(status) => {
            format!(
                "due {due}: **overdue** by {} days at the status date",
                action.days_overdue(status)
            )
        }
        (None, Some(due), _) => format!("due {due}"),
        (None, None, _) => "open, no due date".to_string(),
    };
    let _ = writeln!(md, "{state}\n");
    list(
        &mut md,
        "affects",
        action.affects.iter().map(|t| code(&plan.task(*t).id)),
    );
    Some(md)
}

/// "followed by: `cfo`, `support`": the stakeholders whose interests cover
/// `task`.
pub(super) fn followers_line(plan: &Plan, task: TaskId, md: &mut String) {
    let followers = plan
        .people
        .stakeholders
        .iter()
        .filter(|s| covers(plan, &s.interests, task))
        .map(|s| code(&s.id));
    list(md, "followed by", followers);
}

/// "milestone `ga` — GA: forecast 2027-07-16 (critical) · P80 2027-07-23",
/// the P80 for a milestone when the plan has something uncertain.
fn forecast_line(
    plan: &Plan,
    schedule: &Schedule,
    cal: &WorkCalendar,
    forecast: Option<&Forecast>,
    t: TaskId,
) -> String {
    let task = plan.task(t);
    let name = match &*task.title {
        Some(title) => format!(
            "{} {} — {}",
            task.kind.as_str(),
            code(&task.id),
            prog_report::escape::markdown(title)
        ),
        None => format!("{} {}", task.kind.as_str(), code(&task.id)),
    };
    let Some(times) = schedule.tasks.get(t.index()) else {
        return name;
    };
    let date = if task.kind == TaskKind::Milestone {
        cal.milestone_date(times.ef)
    } else {
        cal.span_dates(times.es, times.ef).1
    };
    let critical = if times.critical { " (critical)" } else { "" };
    let p80 = forecast
        .and_then(|f| f.milestone(t))
        .map_or(String::new(), |spread| format!(" · P80 {}", spread.p80.date));
    format!("{name}: forecast **{date}**{critical}{p80}")
}
