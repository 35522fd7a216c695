//! Monte-Carlo forecasts: the plan scheduled many times over with durations
//! drawn from three-point estimates and risks that fire by chance.
//!
//! In each run:
//!
//! - a task with an `estimate` takes a duration drawn from it, triangular or
//!   PERT-beta (shape 4, mean `(o + 4m + p) / 6`), rounded to whole hours;
//!   its `duration` or `effort` is not used. Every other task keeps its
//!   fixed duration.
//! - with a status date, runs start from it as the schedule does
//!   ([`crate::status`]): finished work is fixed and draws nothing, a task in
//!   progress draws only its remaining share of its estimate (`remaining`
//!   over the likely value, else what `progress` leaves), nothing is drawn
//!   into the past, and risks no longer delay finished tasks.
//! - each risk with a `probability`, an `impact` and something it `affects`
//!   fires with that probability, independently of everything else. When it
//!   fires, its impact is added once to the duration of each task or
//!   milestone it names, and for each group it names, to the leaves of the
//!   group that wait for nothing else inside it (so the group slips by about
//!   the impact, not by the impact once per task inside it). A leaf reached
//!   twice by one risk is delayed once; delays from several risks add up.
//! - an open external promised within a range (`expected A .. B`) arrives
//!   on a working day drawn uniformly from the range (never before the
//!   status date); the schedule plans it at the range's end.
//! - the engine's forward and backward passes run over the same dependency
//!   graph, topological order and constraints as the schedule, built once
//!   for all runs.
//!
//! The result ([`Forecast`]) holds the finish distribution (percentiles in
//! working days and dates, and the cumulative distribution for an S-curve),
//! the same for every milestone, each task's criticality index (the share of
//! runs in which it is critical, in the schedule's sense: total float at most
//! zero, deadlines included) and each risk's effect on the finish
//! ([`RiskEffect`] defines it).
//!
//! Runs go in chunks of [`CHUNK`], each chunk with its own random stream
//! derived from the seed and the chunk's number, and the counts of all runs
//! are integers summed in any order: the same seed gives the same forecast on
//! any number of threads.

mod doc;
mod network;
mod outcome;
mod promise;
mod sample;
mod tally;

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rand::RngExt;
use rand::SeedableRng;
use rand_pcg::Pcg64;

use crate::calendar::WorkCalendar;
use crate::cpm::{self, Inputs};
use crate::model::Plan;
use network::Network;
use tally::Tally;

pub use doc::{ForecastDoc, MilestoneDoc, RiskDoc, TaskCriticality};
pub use outcome::{CdfPoint, Forecast, MilestoneSpread, Point, RiskEffect, Spread};

/// Runs per chunk: the unit of work handed to a thread, of random streams
/// and of progress reports.
pub const CHUNK: usize = 64;

/// How durations are drawn from a three-point estimate.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Distribution {
    /// Triangular between optimistic and pessimistic, peaking at likely.
    Triangular,
    /// PERT: a beta distribution over the same range with shape 4, which
    /// weighs the likely value more and the tails less than the triangle.
    #[default]
    Pert,
}

impl Distribution {
    pub fn name(self) -> &'static str {
        match self {
            Distribution::Triangular => "triangular",
            Distribution::Pert => "pert",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// The number of runs; at least one is made.
    pub iterations: usize,
    pub seed: u64,
    pub distribution: Distribution,
    /// Worker threads; 0 means one per available core.
    pub threads: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            iterations: 10_000,
            seed: 1,
            distribution: Distribution::default(),
            threads: 0,
        }
    }
}

/// Whether anything in `plan` is uncertain: a task with an `estimate`, a
/// risk that may fire and delay something, or an open external promised
/// within a range. Without either, every run of a
/// forecast is the schedule.
pub fn is_uncertain(plan: &Plan) -> bool {
    plan.tasks.iter().any(|t| t.estimate.is_some())
        || plan
            .externals
            .iter()
            .any(|e| e.is_open() && e.expected.is_some_and(|r| r.first < r.last))
        || plan.risks.iter().any(|r| {
            r.probability.is_some_and(|p| p > 0) && r.impact.is_some_and(|i| i.0 > 0) && !r.affects.is_empty()
        })
}

/// Forecasts `plan` on `cal`, which must be the plan's calendar.
///
/// `progress(done, total)` is called after every chunk of runs, from the
/// worker threads but one call at a time, with `done` rising to `total`. It
/// should return quickly: the workers wait for it.
pub fn forecast(
    plan: &Plan,
    cal: &WorkCalendar,
    options: &Options,
    progress: impl Fn(usize, usize) + Sync,
) -> Forecast {
    let net = Network::new(plan, cal, options.distribution);
    let total = options.iterations.max(1);
    let chunks = total.div_ceil(CHUNK);
    let threads = match options.threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    }
    .min(chunks);
    let next_chunk = AtomicUsize::new(0);
    let done = Mutex::new(0);
    let work = || {
        let mut tally = Tally::new(&net);
        let mut durations = net.fixed.clone();
        let mut fired = vec![false; net.risks.len()];
        let mut floor = net.floor.clone();
        loop {
            let chunk = next_chunk.fetch_add(1, Ordering::Relaxed);
            if chunk >= chunks {
                return tally;
            }
            let runs = CHUNK.min(total - chunk * CHUNK);
            let mut rng = chunk_rng(options.seed, chunk as u64);
            for _ in 0..runs {
                draw(&net, &mut rng, &mut durations, &mut fired);
                promise::draw(&net.promises, &mut rng, net.now, &mut floor);
                let inputs = Inputs {
                    duration: &durations,
                    floor: &floor,
                    cap: &net.cap,
                    recorded: &net.recorded,
                };
                tally.record(&net, &cpm::run(&net.graph, &net.order, &inputs), &fired);
            }
            // A worker that panicked while holding the lock leaves a count
            // that is still right.
            let mut done = done.lock().unwrap_or_else(|e| e.into_inner());
            *done += runs;
            progress(*done, total);
        }
    };
    let tally = if threads <= 1 {
        work()
    } else {
        std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads).map(|_| scope.spawn(work)).collect();
            let mut tallies = workers
                .into_iter()
                .map(|w| w.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
            let first = tallies.next().unwrap_or_else(|| Tally::new(&net));
            tallies.fold(first, |all, t| all.merge(&t))
        })
    };
    outcome::build(plan, cal, &net, &tally)
}

/// The random stream of one chunk. `seed_from_u64` spreads its argument over
/// the generator's whole state, so neighbouring chunks get unrelated streams.
fn chunk_rng(seed: u64, chunk: u64) -> Pcg64 {
    Pcg64::seed_from_u64(seed ^ chunk.wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

/// Sets the durations of one run: drawn for estimated tasks, plus the impact
/// of every risk that fires.
fn draw(net: &Network, rng: &mut Pcg64, durations: &mut [i64], fired: &mut [bool]) {
    durations.copy_from_slice(&net.fixed);
    for (t, sampler, share) in &net.estimated {
        let hours = sampler.hours(rng);
        durations[*t] = if *share == 1.0 {
            hours
        } else {
            (hours as f64 * share).round() as i64
        };
    }
    for (risk, fired) in net.risks.iter().zip(fired.iter_mut()) {
        *fired = rng.random_range(0..100) < risk.percent;
        if *fired {
            for &leaf in &risk.leaves {
                let d = &mut durations[leaf as usize];
                *d = d.saturating_add(risk.impact);
            }
        }
    }
}
