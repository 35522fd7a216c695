//! Drawing a task's duration from its three-point estimate.

use rand::Rng;
use rand_distr::{Distribution as _, Pert, Triangular};

use super::Distribution;
use crate::model::Estimate;

/// The duration distribution of one estimated task, in hours.
#[derive(Clone, Debug)]
pub(super) enum Sampler {
    Triangular(Triangular<f64>),
    Pert(Pert<f64>),
}

impl Sampler {
    /// `None` when the estimate leaves nothing to draw (optimistic equals
    /// pessimistic): the task then takes its likely duration in every run.
    pub(super) fn new(estimate: Estimate, distribution: Distribution) -> Option<Sampler> {
        // Analysis reports an estimate out of order (P105) but keeps it; sorted,
        // it still describes a range, and negative hours mean none.
        let mut points =
            [estimate.optimistic.0, estimate.likely.0, estimate.pessimistic.0].map(|h| h.max(0) as f64);
        points.sort_by(f64::total_cmp);
        let [low, likely, high] = points;
        if low == high {
            return None;
        }
        match distribution {
            Distribution::Triangular => Triangular::new(low, high, likely).ok().map(Sampler::Triangular),
            Distribution::Pert => Pert::new(low, high).with_mode(likely).ok().map(Sampler::Pert),
        }
    }

    /// One duration, rounded to whole hours like every time in the engine.
    pub(super) fn hours<R: Rng + ?Sized>(&self, rng: &mut R) -> i64 {
        let hours = match self {
            Sampler::Triangular(d) => d.sample(rng),
            Sampler::Pert(d) => d.sample(rng),
        };
        hours.round() as i64
    }
}
