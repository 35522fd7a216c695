//! The machine-readable forecast of `prog forecast --format json`: the
//! [`Forecast`] with ids in place of indices.

use serde::Serialize;

use super::Options;
use super::outcome::{Forecast, Spread};
use crate::model::Plan;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ForecastDoc {
    pub iterations: usize,
    pub seed: u64,
    /// `"triangular"` or `"pert"`.
    pub distribution: &'static str,
    pub finish: Spread,
    /// In plan order.
    pub milestones: Vec<MilestoneDoc>,
    /// Every task, milestone and group, in plan order.
    pub tasks: Vec<TaskCriticality>,
    /// In plan order.
    pub risks: Vec<RiskDoc>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MilestoneDoc {
    pub id: String,
    #[serde(flatten)]
    pub spread: Spread,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TaskCriticality {
    pub id: String,
    /// The share of runs in which it is critical, 0 to 1.
    pub criticality: f64,
}

/// A risk's effect in working days; see [`super::RiskEffect`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RiskDoc {
    pub id: String,
    pub fired: f64,
    pub delay_if_fired_days: Option<f64>,
    pub contribution_days: Option<f64>,
}

impl ForecastDoc {
    /// The document for `forecast` of `plan`, made with `options`.
    pub fn new(plan: &Plan, forecast: &Forecast, options: &Options) -> ForecastDoc {
        ForecastDoc {
            iterations: forecast.iterations,
            seed: options.seed,
            distribution: options.distribution.name(),
            finish: forecast.finish.clone(),
            milestones: forecast
                .milestones
                .iter()
                .map(|m| MilestoneDoc {
                    id: plan.task(m.task).id.to_string(),
                    spread: m.spread.clone(),
                })
                .collect(),
            tasks: plan
                .task_ids()
                .map(|t| TaskCriticality {
                    id: plan.task(t).id.to_string(),
                    criticality: forecast.criticality[t.index()],
                })
                .collect(),
            risks: plan
                .risks
                .iter()
                .zip(&forecast.risks)
                .map(|(risk, effect)| RiskDoc {
                    id: risk.id.clone(),
                    fired: effect.fired,
                    delay_if_fired_days: effect.delay_if_fired,
                    contribution_days: effect.contribution,
                })
                .collect(),
        }
    }
}
