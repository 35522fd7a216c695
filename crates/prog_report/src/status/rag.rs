//! Red, amber, green: the rules that rate each area of a status report.
//! Every rule is documented in `docs/status.md`; the reasons are sentences a
//! stakeholder reads.

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Green,
    Amber,
    Red,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Green => "green",
            Level::Amber => "amber",
            Level::Red => "red",
        }
    }

    /// The level of a performance index: green at or above
    /// [`Thresholds::GREEN`], amber at or above [`Thresholds::AMBER`], red
    /// below.
    pub fn of_index(index: f64) -> Level {
        if index >= Thresholds::GREEN {
            Level::Green
        } else if index >= Thresholds::AMBER {
            Level::Amber
        } else {
            Level::Red
        }
    }
}

/// The performance-index bands.
pub struct Thresholds;

impl Thresholds {
    pub const GREEN: f64 = 0.95;
    pub const AMBER: f64 = 0.85;
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Rating {
    pub level: Level,
    pub reason: String,
}

impl Rating {
    fn new(level: Level, reason: impl Into<String>) -> Rating {
        Rating {
            level,
            reason: reason.into(),
        }
    }
}

/// What the schedule rating reads.
pub(crate) struct ScheduleFacts<'a> {
    pub spi_t: Option<f64>,
    /// Forecast finish minus planned finish, in working days.
    pub slip_days: f64,
    /// Ids of what is forecast to miss its deadline.
    pub missed_deadlines: &'a [String],
    /// Ids of the blocked tasks and milestones on the critical path.
    pub blocked_critical: &'a [String],
    /// Ids of the overdue action items that affect critical work.
    pub overdue_actions_critical: &'a [String],
}

/// Red when SPI(t) is below 0.85, a deadline is forecast to be missed or
/// critical work is blocked; amber when SPI(t) is below 0.95, the finish is
/// forecast later than planned or an overdue action affects critical work;
/// green otherwise.
pub(crate) fn schedule(f: &ScheduleFacts) -> Rating {
    let index = f.spi_t.map(Level::of_index).unwrap_or(Level::Green);
    let slip = if f.slip_days > 0.0 {
        Level::Amber
    } else {
        Level::Green
    };
    let deadlines = if f.missed_deadlines.is_empty() {
        Level::Green
    } else {
        Level::Red
    };
    let blocked = if f.blocked_critical.is_empty() {
        Level::Green
    } else {
        Level::Red
    };
    let actions = if f.overdue_actions_critical.is_empty() {
        Level::Green
    } else {
        Level::Amber
    };
    let level = index.max(slip).max(deadlines).max(blocked).max(actions);
    let mut parts = Vec::new();
    if let Some(spi_t) = f.spi_t {
        parts.push(format!("SPI(t) {spi_t:.2}"));
    } else {
        parts.push("no status date, so no schedule performance".to_string());
    }
    parts.push(match f.slip_days {
        d if d > 0.0 => format!("finish forecast {} later than planned", days(d)),
        d if d < 0.0 => format!("finish forecast {} earlier than planned", days(-d)),
        _ => "finish forecast as planned".to_string(),
    });
    if !f.missed_deadlines.is_empty() {
        parts.push(format!("deadline missed by {}", ids(f.missed_deadlines)));
    }
    if !f.blocked_critical.is_empty() {
        parts.push(format!(
            "blocked on the critical path: {}",
            ids(f.blocked_critical)
        ));
    }
    if !f.overdue_actions_critical.is_empty() {
        parts.push(format!(
            "action overdue on critical work: {}",
            ids(f.overdue_actions_critical)
        ));
    }
    Rating::new(level, sentence(&parts))
}

/// Red when CPI is below 0.85, amber below 0.95 or when CPI cannot be
/// computed, green otherwise (also when nothing has been earned or spent).
pub(crate) fn cost(
    cpi: Option<f64>,
    vac: Option<f64>,
    missing_actuals: usize,
    amount: impl Fn(f64) -> String,
) -> Rating {
    if missing_actuals > 0 {
        let tasks = if missing_actuals == 1 {
            "task has"
        } else {
            "tasks have"
        };
        return Rating::new(
            Level::Amber,
            format!(
                "CPI unavailable: {missing_actuals} {tasks} earned value but no actual cost or effort recorded."
            ),
        );
    }
    match cpi {
        None => Rating::new(Level::Green, "Nothing earned or spent yet."),
        Some(cpi) => {
            let mut parts = vec![format!("CPI {cpi:.2}")];
            if let Some(vac) = vac {
                parts.push(match vac {
                    v if v < 0.0 => format!("forecast {} over budget", amount(-v)),
                    v => format!("forecast {} under budget", amount(v)),
                });
            }
            Rating::new(Level::of_index(cpi), sentence(&parts))
        }
    }
}

/// Red when an open high-exposure risk affects critical work, amber when
/// one affects anything else, green when there is none.
pub(crate) fn risks(on_critical: &[String], elsewhere: &[String]) -> Rating {
    match (on_critical.is_empty(), elsewhere.is_empty()) {
        (false, _) => Rating::new(
            Level::Red,
            format!("High-exposure risk on the critical path: {}.", ids(on_critical)),
        ),
        (true, false) => Rating::new(
            Level::Amber,
            format!("High-exposure risk open: {}.", ids(elsewhere)),
        ),
        (true, true) => Rating::new(Level::Green, "No open high-exposure risk."),
    }
}

/// Red when an approval was rejected or one is pending past its due date
/// on the critical path; amber when one is pending past its due date or
/// pending on the critical path; green otherwise.
pub(crate) fn approvals(
    rejected: &[String],
    overdue: &[String],
    overdue_critical: &[String],
    pending_critical: &[String],
) -> Rating {
    if !rejected.is_empty() || !overdue_critical.is_empty() {
        let mut parts = Vec::new();
        if !rejected.is_empty() {
            parts.push(format!("rejected: {}", ids(rejected)));
        }
        if !overdue_critical.is_empty() {
            parts.push(format!("overdue on the critical path: {}", ids(overdue_critical)));
        }
        return Rating::new(Level::Red, sentence(&parts));
    }
    if !overdue.is_empty() || !pending_critical.is_empty() {
        let mut parts = Vec::new();
        if !overdue.is_empty() {
            parts.push(format!("pending past due: {}", ids(overdue)));
        }
        if !pending_critical.is_empty() {
            parts.push(format!("pending on the critical path: {}", ids(pending_critical)));
        }
        return Rating::new(Level::Amber, sentence(&parts));
    }
    Rating::new(
        Level::Green,
        "No approval rejected, overdue or holding up the critical path.",
    )
}

/// Over-allocation in the four weeks after the status date: red when some
/// resource is over-allocated on more than 5 working days there, amber when
/// on any, green when on none.
pub(crate) fn resources(over_days: &[(String, i64)]) -> Rating {
    let worst = over_days.iter().map(|(_, d)| *d).max().unwrap_or(0);
    let names: Vec<String> = over_days.iter().map(|(id, _)| id.clone()).collect();
    let level = match worst {
        0 => return Rating::new(Level::Green, "Nobody is over-allocated in the next four weeks."),
        1..=5 => Level::Amber,
        _ => Level::Red,
    };
    Rating::new(
        level,
        format!(
            "Over-allocated in the next four weeks: {} (up to {}).",
            ids(&names),
            days(worst as f64)
        ),
    )
}

/// The worst level of the areas, with the areas at that level named.
pub(crate) fn overall(areas: &[(&str, &Rating)]) -> Rating {
    let level = areas.iter().map(|(_, r)| r.level).max().unwrap_or(Level::Green);
    if level == Level::Green {
        return Rating::new(Level::Green, "Every area is green.");
    }
    let names: Vec<&str> = areas
        .iter()
        .filter(|(_, r)| r.level == level)
        .map(|(name, _)| *name)
        .collect();
    let verb = if names.len() == 1 { "is" } else { "are" };
    Rating::new(level, format!("{} {verb} {}.", names.join(", "), level.as_str()))
}

fn days(d: f64) -> String {
    let text = if d.fract() == 0.0 {
        format!("{d:.0}")
    } else {
        format!("{d:.1}")
    };
    format!("{text} working day{}", if d == 1.0 { "" } else { "s" })
}

/// `a`, `b`, `c` and 2 more.
fn ids(ids: &[String]) -> String {
    const SHOWN: usize = 5;
    let mut text = ids
        .iter()
        .take(SHOWN)
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if ids.len() > SHOWN {
        text.push_str(&format!(" and {} more", ids.len() - SHOWN));
    }
    text
}

/// The parts joined into one sentence, capitalised, with a full stop.
fn sentence(parts: &[String]) -> String {
    let text = parts.join("; ");
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_bands() {
        assert_eq!(Level::of_index(0.95), Level::Green);
        assert_eq!(Level::of_index(0.949), Level::Amber);
        assert_eq!(Level::of_index(0.85), Level::Amber);
        assert_eq!(Level::of_index(0.849), Level::Red);
    }

    #[test]
    fn schedule_takes_the_worst_signal() {
        let missed = vec!["launch".to_string()];
        let r = schedule(&ScheduleFacts {
            spi_t: Some(0.97),
            slip_days: 3.0,
            missed_deadlines: &[],
            blocked_critical: &[],
            overdue_actions_critical: &[],
        });
        assert_eq!(r.level, Level::Amber);
        assert_eq!(
            r.reason,
            "SPI(t) 0.97; finish forecast 3 working days later than planned."
        );
        let r = schedule(&ScheduleFacts {
            spi_t: Some(0.97),
            slip_days: 0.0,
            missed_deadlines: &missed,
            blocked_critical: &[],
            overdue_actions_critical: &[],
        });
        assert_eq!(r.level, Level::Red);
        assert!(r.reason.ends_with("deadline missed by `launch`."), "{}", r.reason);
    }

    #[test]
    fn blocked_critical_work_is_red_and_overdue_critical_actions_amber() {
        let facts = |blocked: &[String], actions: &[String]| {
            schedule(&ScheduleFacts {
                spi_t: Some(1.0),
                slip_days: 0.0,
                missed_deadlines: &[],
                blocked_critical: blocked,
                overdue_actions_critical: actions,
            })
        };
        let (a, x) = (vec!["integrate".to_string()], vec!["a12".to_string()]);
        let r = facts(&[], &x);
        assert_eq!(r.level, Level::Amber);
        assert_eq!(
            r.reason,
            "SPI(t) 1.00; finish forecast as planned; action overdue on critical work: `a12`."
        );
        let r = facts(&a, &x);
        assert_eq!(r.level, Level::Red);
        assert!(
            r.reason.contains("blocked on the critical path: `integrate`"),
            "{}",
            r.reason
        );
        assert_eq!(facts(&[], &[]).level, Level::Green);
    }

    #[test]
    fn cost_is_never_guessed() {
        let r = cost(None, None, 2, |v| format!("{v}"));
        assert_eq!(r.level, Level::Amber);
        assert!(r.reason.starts_with("CPI unavailable: 2 tasks"), "{}", r.reason);
        let r = cost(Some(0.8), Some(-475.0), 0, |v| format!("EUR {v}"));
        assert_eq!(r.level, Level::Red);
        assert_eq!(r.reason, "CPI 0.80; forecast EUR 475 over budget.");
    }

    #[test]
    fn overall_names_the_worst_areas() {
        let red = Rating::new(Level::Red, "x");
        let amber = Rating::new(Level::Amber, "y");
        let r = overall(&[("Schedule", &amber), ("Cost", &red), ("Risks", &red)]);
        assert_eq!(r.level, Level::Red);
        assert_eq!(r.reason, "Cost, Risks are red.");
    }
}
