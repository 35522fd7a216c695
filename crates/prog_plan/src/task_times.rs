//! The scheduled times of one task: what every engine (CPM, leveling,
//! status, earned value) reads and writes.

use crate::graph::DepRef;
use crate::model::Work;

/// The times of one task, milestone or group, in working time from the
/// program start.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TaskTimes {
    pub es: Work,
    pub ef: Work,
    pub ls: Work,
    pub lf: Work,
    /// `ls - es`; negative when a deadline cannot be met.
    pub total_float: Work,
    /// How far the task can slip without delaying any successor's early
    /// start or the project end, and at most `total_float` (so negative
    /// when a deadline is missed).
    pub free_float: Work,
    /// `total_float <= 0`.
    pub critical: bool,
    /// The dependency that sets `es`; `None` when the task starts at the
    /// program start or its `not_before`, and for groups.
    pub driver: Option<DepRef>,
}

impl TaskTimes {
    /// Times that were recorded, not scheduled: no float, not critical.
    pub fn fixed(es: Work, ef: Work) -> TaskTimes {
        TaskTimes {
            es,
            ef,
            ls: es,
            lf: ef,
            ..TaskTimes::default()
        }
    }

    /// From start to finish: `ef - es` (not kept, since it always is).
    pub fn duration(&self) -> Work {
        self.ef - self.es
    }
}
