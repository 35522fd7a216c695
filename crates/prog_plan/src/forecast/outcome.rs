//! The result of a forecast, built from the tallies of its runs.

use chrono::NaiveDate;
use serde::Serialize;

use super::network::Network;
use super::tally::{Histogram, Tally};
use crate::calendar::WorkCalendar;
use crate::model::{Plan, TaskId, Work};

/// What the runs of a forecast found.
#[derive(Clone, Debug, PartialEq)]
pub struct Forecast {
    /// The number of runs.
    pub iterations: usize,
    /// When the whole plan finishes.
    pub finish: Spread,
    /// When each milestone is reached, in plan order.
    pub milestones: Vec<MilestoneSpread>,
    /// Per task (indexed by [`TaskId`]), the share of runs in which it is
    /// critical, 0 to 1.
    pub criticality: Vec<f64>,
    /// Per risk (indexed like [`Plan::risks`]), what it did to the finish.
    pub risks: Vec<RiskEffect>,
}

impl Forecast {
    /// The spread of milestone `task`, if it is one.
    pub fn milestone(&self, task: TaskId) -> Option<&Spread> {
        self.milestones.iter().find(|m| m.task == task).map(|m| &m.spread)
    }
}

/// How a finish time spreads over the runs. Days are working days from the
/// program start, counted like `duration_days` of the schedule: a time
/// reached during day `d` (1-based) is `d`, and its date is that day's.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Spread {
    /// The mean over the runs, exact to the hour.
    pub mean_days: f64,
    pub p50: Point,
    pub p80: Point,
    pub p95: Point,
    /// The cumulative distribution, one point per day some run reached: the
    /// S-curve.
    pub cdf: Vec<CdfPoint>,
}

impl Spread {
    /// The share of runs done by the end of `date`, 0 to 1: the chance of
    /// meeting a deadline on that day.
    pub fn share_by(&self, date: NaiveDate) -> f64 {
        self.cdf
            .iter()
            .take_while(|p| p.date <= date)
            .last()
            .map_or(0.0, |p| p.share)
    }
}

/// A percentile: the day by which that share of the runs is done, and its
/// date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Point {
    pub days: i64,
    pub date: NaiveDate,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct CdfPoint {
    pub days: i64,
    pub date: NaiveDate,
    /// The share of runs done by the end of this day, 0 to 1.
    pub share: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MilestoneSpread {
    pub task: TaskId,
    pub spread: Spread,
}

/// What a risk did to the finish over the runs, in working days.
///
/// - `fired`: the share of runs in which it fired.
/// - `delay_if_fired`: the mean finish of the runs in which it fired minus the
///   mean finish of those in which it did not; `None` unless both kinds of run
///   occurred.
/// - `contribution`: the mean finish of all runs minus the mean finish of the
///   runs in which it did not fire, that is `fired × delay_if_fired`: how
///   much later the plan finishes on average because of this risk. Exactly 0
///   for a risk that never fired; `None` for one that fired in every run, as
///   no run shows the plan without it.
///
/// Risks fire independently of each other and of the estimates, so the runs
/// in which one did not fire are a fair sample of the plan without it. Both
/// figures are estimates with sampling noise: a risk that never moves the
/// finish still shows a small delay from the other risks and estimates
/// varying between its two sets of runs (never a negative one: a risk only
/// delays, so a negative difference is shown as 0); the noise shrinks with
/// the square root of the number of runs.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct RiskEffect {
    pub fired: f64,
    pub delay_if_fired: Option<f64>,
    pub contribution: Option<f64>,
}

pub(super) fn build(plan: &Plan, cal: &WorkCalendar, net: &Network, tally: &Tally) -> Forecast {
    let runs = tally.finish.runs();
    let share = |count: u64| count as f64 / runs as f64;
    let mut risks = vec![
        RiskEffect {
            fired: 0.0,
            delay_if_fired: None,
            contribution: Some(0.0),
        };
        plan.risks.len()
    ];
    let total = tally.finish.total_hours();
    for (i, active) in net.risks.iter().enumerate() {
        let (fired, fired_hours) = (tally.fired[i], tally.fired_hours[i]);
        let (calm, calm_hours) = (runs - fired, total - fired_hours);
        let mean = |hours: i128, count: u64| days(hours as f64 / count as f64);
        risks[active.risk] = RiskEffect {
            fired: share(fired),
            // A risk only ever delays: a negative difference is sampling
            // noise, shown as no delay.
            delay_if_fired: (fired > 0 && calm > 0)
                .then(|| (mean(fired_hours, fired) - mean(calm_hours, calm)).max(0.0)),
            contribution: (calm > 0).then(|| (mean(total, runs) - mean(calm_hours, calm)).max(0.0)),
        };
    }
    Forecast {
        iterations: runs as usize,
        finish: spread(&tally.finish, cal),
        milestones: net
            .milestones
            .iter()
            .zip(&tally.milestones)
            .map(|(&task, histogram)| MilestoneSpread {
                task,
                spread: spread(histogram, cal),
            })
            .collect(),
        criticality: tally.critical.iter().map(|&c| share(c)).collect(),
        risks,
    }
}

fn days(hours: f64) -> f64 {
    hours / Work::HOURS_PER_DAY as f64
}

/// The spread of a histogram with at least one run.
fn spread(histogram: &Histogram, cal: &WorkCalendar) -> Spread {
    let runs = histogram.runs();
    let point = |percent| {
        let days = histogram.percentile(percent).unwrap_or_default();
        Point {
            days,
            date: cal.milestone_date(Work::days(days)),
        }
    };
    Spread {
        mean_days: days(histogram.total_hours() as f64 / runs as f64),
        p50: point(50),
        p80: point(80),
        p95: point(95),
        cdf: histogram
            .cumulative()
            .map(|(days, done)| CdfPoint {
                days,
                date: cal.milestone_date(Work::days(days)),
                share: done as f64 / runs as f64,
            })
            .collect(),
    }
}
