//! Why the finish moved: the changed tasks on the critical path, and the
//! one sentence a pull-request comment opens with.

use std::collections::HashMap;

use prog_plan::{Days, Work};

use crate::Side;
use crate::matching::TaskIndex;
use crate::model::{Dep, Driver, Move, TaskChange, TaskChanges};

/// At most this many drivers are named in the headline.
const NAMED_DRIVERS: usize = 3;
/// At most this many reasons are given for one driver in the headline.
const NAMED_REASONS: usize = 3;

/// The changed (or added) tasks on the new critical path, in path order.
/// When the finish moved earlier and none is there, the changed or removed
/// tasks of the old critical path: what shortened it.
pub fn drivers(old: &Side, new: &Side, ids: &TaskIndex, tasks: &TaskChanges, finish: &Move) -> Vec<Driver> {
    if finish.working_days.0 == Work::ZERO {
        return Vec::new();
    }
    let changed: HashMap<&str, &TaskChange> = tasks
        .changed
        .iter()
        .filter(|c| moves_dates(c))
        .map(|c| (c.id.as_str(), c))
        .collect();
    let on_new_path: Vec<Driver> = new
        .schedule
        .critical_path
        .iter()
        .filter_map(|&n| {
            let id = new.plan.task(n).id.as_str();
            match ids.old_of_new[n.index()] {
                None => Some(Driver {
                    id: id.to_string(),
                    reasons: vec![format!(
                        "was added ({}d)",
                        new.schedule.times(n).duration().days_text()
                    )],
                }),
                Some(o) => changed.get(id).map(|c| Driver {
                    id: id.to_string(),
                    reasons: with_critical(reasons(c), old.schedule.times(o).critical),
                }),
            }
        })
        .collect();
    if !on_new_path.is_empty() || finish.is_later() {
        return on_new_path;
    }
    old.schedule
        .critical_path
        .iter()
        .filter_map(|&o| {
            let id = old.plan.task(o).id.as_str();
            match ids.new_of_old[o.index()] {
                None => Some(Driver {
                    id: id.to_string(),
                    reasons: vec!["was removed".to_string()],
                }),
                Some(_) => changed.get(id).map(|c| Driver {
                    id: id.to_string(),
                    reasons: reasons(c),
                }),
            }
        })
        .collect()
}

/// An edit that can move dates (a new title or owner cannot): of the plan,
/// or of its tracking (progress, work left, actual dates).
fn moves_dates(c: &TaskChange) -> bool {
    c.duration_days.is_some()
        || c.kind_change.is_some()
        || c.group.is_some()
        || !c.deps_added.is_empty()
        || !c.deps_removed.is_empty()
        || c.not_before.is_some()
        || c.waits_for.is_some()
        || c.progress.is_some()
        || c.remaining_days.is_some()
        || c.actual_start.is_some()
        || c.actual_finish.is_some()
}

fn with_critical(mut reasons: Vec<String>, was_critical: bool) -> Vec<String> {
    if !was_critical {
        reasons.push("is now critical".to_string());
    }
    reasons
}

fn days(d: Days) -> String {
    format!("{}d", d.0.days_text())
}

fn lag(d: &Dep) -> String {
    match d.lag_days.0 {
        Work::ZERO => String::new(),
        w if w > Work::ZERO => format!(" +{}d", w.days_text()),
        w => format!(" {}d", w.days_text()),
    }
}

fn relation(kind: &str) -> &'static str {
    match kind {
        "after" => "waits for",
        "start_with" => "starts with",
        _ => "finishes with",
    }
}

/// What changed in `c` that moves dates, in words, each once (a plan may
/// repeat a dependency).
fn reasons(c: &TaskChange) -> Vec<String> {
    let mut out = all_reasons(c);
    let mut seen = std::collections::HashSet::new();
    out.retain(|r| seen.insert(r.clone()));
    out
}

fn all_reasons(c: &TaskChange) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(k) = &c.kind_change {
        out.push(format!("became a {}", k.new));
    }
    if let Some(d) = &c.duration_days {
        let grew = if d.new.0 > d.old.0 { "grew" } else { "shrank" };
        out.push(match &c.effort_days {
            Some(e) if e.old.is_some() && e.new.is_some() => format!(
                "{grew} from {} to {} (effort {} to {})",
                days(d.old),
                days(d.new),
                days(e.old.unwrap_or(d.old)),
                days(e.new.unwrap_or(d.new)),
            ),
            _ if c.assignments.is_some() && c.effort_days.is_none() => format!(
                "{grew} from {} to {} with its new assignments",
                days(d.old),
                days(d.new)
            ),
            _ => format!("{grew} from {} to {}", days(d.old), days(d.new)),
        });
    }
    for d in &c.deps_added {
        match c.deps_removed.iter().find(|r| r.on == d.on && r.kind == d.kind) {
            Some(r) => out.push(format!(
                "{} `{}`{} instead of{}",
                relation(d.kind),
                d.on,
                lag(d),
                if r.lag_days.0 == Work::ZERO {
                    " with no lag".to_string()
                } else {
                    lag(r)
                }
            )),
            None => out.push(format!("now {} `{}`{}", relation(d.kind), d.on, lag(d))),
        }
    }
    for d in &c.deps_removed {
        if !c.deps_added.iter().any(|a| a.on == d.on && a.kind == d.kind) {
            out.push(format!("no longer {} `{}`", relation(d.kind), d.on));
        }
    }
    if let Some(w) = &c.waits_for {
        out.push(match w.new {
            Some(date) => format!("is now expected {date}"),
            None => "is no longer expected on a date".to_string(),
        });
    }
    if let Some(n) = &c.not_before {
        out.push(match n.new {
            Some(date) => format!("may not start before {date}"),
            None => "may start any time".to_string(),
        });
    }
    if let Some(g) = &c.group {
        out.push(match &g.new {
            Some(group) => format!("moved into `{group}`"),
            None => "moved out of its group".to_string(),
        });
    }
    if let Some(p) = &c.progress {
        out.push(format!("progress went from {}% to {}%", p.old, p.new));
    }
    if let Some(r) = &c.remaining_days {
        out.push(match r.new {
            Some(left) => format!("has {} left", days(left)),
            None => "no longer says what is left".to_string(),
        });
    }
    for (what, date) in [("started", &c.actual_start), ("finished", &c.actual_finish)] {
        if let Some(Some(date)) = date.as_ref().map(|d| d.new) {
            out.push(format!("{what} on {date}"));
        }
    }
    out
}

/// "This moves the finish by 4 working days, from 2027-03-01 to
/// 2027-03-05, because `build` grew from 10d to 14d and is now critical."
pub fn sentence(old: &Side, new: &Side, finish: &Move, drivers: &[Driver]) -> String {
    let w = finish.working_days.0;
    if w == Work::ZERO {
        return format!("This does not move the finish ({}).", finish.new);
    }
    let amount = (if w > Work::ZERO { w } else { -w }).working_days_text();
    let mut out = if w > Work::ZERO {
        format!(
            "This moves the finish by {amount}, from {} to {}",
            finish.old, finish.new
        )
    } else {
        format!(
            "This brings the finish forward by {amount}, from {} to {}",
            finish.old, finish.new
        )
    };
    let mut causes: Vec<String> = drivers
        .iter()
        .take(NAMED_DRIVERS)
        .map(|d| format!("`{}` {}", d.id, and_list(&named_reasons(&d.reasons))))
        .collect();
    if drivers.len() > NAMED_DRIVERS {
        causes.push(format!(
            "{} more changes on the critical path",
            drivers.len() - NAMED_DRIVERS
        ));
    }
    if causes.is_empty() {
        causes.extend(program_causes(old, new));
    }
    if !causes.is_empty() {
        out.push_str(", because ");
        out.push_str(&causes.join("; "));
    }
    out.push('.');
    out
}

/// Changes to the whole program that move every date.
fn program_causes(old: &Side, new: &Side) -> Vec<String> {
    let mut out = Vec::new();
    let (a, b) = (&old.plan.program, &new.plan.program);
    if a.start != b.start {
        out.push(format!("the program start moved from {} to {}", a.start, b.start));
    }
    if old.plan.calendar() != new.plan.calendar() {
        out.push("the working calendar changed".to_string());
    }
    out
}

/// The reasons a headline names: at most [`NAMED_REASONS`], then a count.
fn named_reasons(reasons: &[String]) -> Vec<String> {
    if reasons.len() <= NAMED_REASONS {
        return reasons.to_vec();
    }
    let mut named = reasons[..NAMED_REASONS - 1].to_vec();
    named.push(format!("{} other changes", reasons.len() - (NAMED_REASONS - 1)));
    named
}

/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
