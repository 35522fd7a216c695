//! The plan model and the scheduling engine.
//!
//! This crate knows nothing of syntax, files or spans: it receives a resolved
//! [`Plan`] whose references are indices, and answers with
//! results keyed by those indices. Spans live beside the model, in the layer
//! that lowers syntax into it.
//!
//! - [`schedule()`]: critical path method over the dependency graph, with
//!   group roll-up, `not_before`, deadlines and circular-dependency reports;
//! - [`load()`]: resource load over the working days (as runs of equal
//!   value, [`Steps`]) and over-allocations;
//! - [`level()`]: resource leveling, and [`realising_pairs`] for the
//!   dependencies that realise a leveled order;
//! - [`WorkCalendar`]: working days and dates;
//! - [`ScheduleDoc`]: the JSON schedule of `prog schedule`;
//! - [`forecast()`]: Monte-Carlo forecasts from estimates and risks;
//! - [`generate`]: large synthetic plans for benchmarks.

mod availability;
pub mod baseline;
mod calendar;
mod cpm;
mod critical_work;
mod cycles;
pub mod evm;
mod export;
pub mod external;
pub mod forecast;
pub mod generate;
mod graph;
mod hierarchy;
mod level;
mod load;
mod measure;
pub mod model;
mod outline;
mod rare;
mod schedule;
mod shared;
pub mod status;
mod steps;
mod task_times;

pub use availability::Availability;
pub use calendar::WorkCalendar;
pub use critical_work::{on_critical_path, waiting_milestones};
pub use cycles::Cycle;
pub use export::{Days, ScheduleDoc, TaskBaselineDoc, TaskDoc, TaskProgressDoc};
pub use external::ExternalTiming;
pub use forecast::{Forecast, forecast};
pub use graph::DepRef;
pub use level::{LevelError, LevelOptions, Leveling, OverCapacity, level, realising_pairs};
pub use load::{
    Booking, Bookings, Capacities, Load, LoadProfile, Overload, bookings, load, load_days, resource_load,
};
pub use measure::measure;
pub use model::people::{self, People, StakeholderId};
pub use model::*;
pub use schedule::{DeadlineMiss, Network, Schedule, TaskDays, schedule, schedule_on, schedule_with};
pub use steps::{Steps, StepsBuilder};
pub use task_times::TaskTimes;
