//! Dates that moved: the finish, each task's start and finish, milestones,
//! the critical path and deadlines.

use std::collections::HashSet;

use chrono::NaiveDate;
use prog_plan::{Days, TaskKind, Work, WorkCalendar};

use crate::Side;
use crate::matching::TaskIndex;
use crate::model::{CriticalChange, DeadlineChanges, DeadlineMiss, MilestoneMove, Move};

/// Counts how far a point in time moved, on the new plan's calendar.
pub struct Mover<'a> {
    old: &'a WorkCalendar,
    new: &'a WorkCalendar,
    /// Same start and working days: offsets compare directly.
    same: bool,
}

impl<'a> Mover<'a> {
    pub fn new(old: &Side<'a>, new: &Side<'a>) -> Mover<'a> {
        Mover {
            old: old.calendar,
            new: new.calendar,
            same: old.calendar == new.calendar,
        }
    }

    /// The old plan's working time `at` as an offset of the new plan: the
    /// same date and time of day. A date that is no working day any more
    /// counts from the next one that is.
    fn relocate(&self, at: Work) -> Work {
        if self.same {
            return at;
        }
        let day = at.0.div_euclid(Work::HOURS_PER_DAY);
        let into_day = at.0.rem_euclid(Work::HOURS_PER_DAY);
        self.new.start_of(self.old.date_of(day)) + Work(into_day)
    }

    /// The move from `old_at` (dated `old_date`) to `new_at` (`new_date`);
    /// `None` when neither the time nor the date changed.
    pub fn moved(
        &self,
        old_at: Work,
        new_at: Work,
        old_date: NaiveDate,
        new_date: NaiveDate,
    ) -> Option<Move> {
        let working = new_at - self.relocate(old_at);
        (working != Work::ZERO || old_date != new_date).then(|| Move {
            old: old_date,
            new: new_date,
            working_days: Days(working),
            calendar_days: (new_date - old_date).num_days(),
        })
    }
}

/// The plan's finish: the end of its last task.
pub fn finish(old: &Side, new: &Side, mover: &Mover) -> Move {
    let date = |side: &Side| side.calendar.span_dates(Work::ZERO, side.schedule.duration).1;
    let (old_date, new_date) = (date(old), date(new));
    mover
        .moved(old.schedule.duration, new.schedule.duration, old_date, new_date)
        .unwrap_or(Move {
            old: old_date,
            new: new_date,
            working_days: Days(Work::ZERO),
            calendar_days: 0,
        })
}

/// Critical tasks and milestones (groups only summarise them).
pub fn critical_change(old: &Side, new: &Side, ids: &TaskIndex) -> CriticalChange {
    let critical = |side: &Side, id: prog_plan::TaskId| {
        side.plan.task(id).kind != TaskKind::Group && side.schedule.times(id).critical
    };
    let entered = new
        .plan
        .task_ids()
        .filter(|&n| critical(new, n) && ids.old_of_new[n.index()].is_none_or(|o| !critical(old, o)))
        .map(|n| new.plan.task(n).id.to_string())
        .collect();
    let left = old
        .plan
        .task_ids()
        .filter(|&o| critical(old, o) && ids.new_of_old[o.index()].is_some_and(|n| !critical(new, n)))
        .map(|o| old.plan.task(o).id.to_string())
        .collect();
    CriticalChange { entered, left }
}

fn missed<'a>(side: &Side<'a>) -> HashSet<&'a str> {
    side.schedule
        .deadline_misses
        .iter()
        .map(|m| side.plan.task(m.task).id.as_str())
        .collect()
}

/// Milestones in both versions whose date moved or that newly miss their
/// deadline.
pub fn milestones(old: &Side, new: &Side, ids: &TaskIndex, mover: &Mover) -> Vec<MilestoneMove> {
    let (missed_before, missed_now) = (missed(old), missed(new));
    ids.pairs()
        .filter(|&(_, n)| new.plan.task(n).kind == TaskKind::Milestone)
        .filter_map(|(o, n)| {
            let task = new.plan.task(n);
            let (a, b) = (old.schedule.times(o), new.schedule.times(n));
            let (old_date, new_date) = (
                old.calendar.milestone_date(a.ef),
                new.calendar.milestone_date(b.ef),
            );
            let newly_missed =
                missed_now.contains(task.id.as_str()) && !missed_before.contains(task.id.as_str());
            let moved = mover.moved(a.ef, b.ef, old_date, new_date);
            (moved.is_some() || newly_missed).then(|| MilestoneMove {
                id: task.id.to_string(),
                title: (*task.title).clone(),
                moved: moved.unwrap_or(Move {
                    old: old_date,
                    new: new_date,
                    working_days: Days(Work::ZERO),
                    calendar_days: 0,
                }),
                deadline: task.deadline,
                newly_missed,
            })
        })
        .collect()
}

pub fn deadlines(old: &Side, new: &Side, ids: &TaskIndex) -> DeadlineChanges {
    let (missed_before, missed_now) = (missed(old), missed(new));
    let entry = |side: &Side, m: &prog_plan::DeadlineMiss| DeadlineMiss {
        id: side.plan.task(m.task).id.to_string(),
        deadline: m.deadline,
        overrun_days: Days(m.overrun),
    };
    DeadlineChanges {
        newly_missed: new
            .schedule
            .deadline_misses
            .iter()
            .filter(|m| !missed_before.contains(new.plan.task(m.task).id.as_str()))
            .map(|m| entry(new, m))
            .collect(),
        // A removed task is listed as removed, not as meeting its deadline.
        no_longer_missed: old
            .schedule
            .deadline_misses
            .iter()
            .filter(|m| {
                ids.new_of_old[m.task.index()].is_some()
                    && !missed_now.contains(old.plan.task(m.task).id.as_str())
            })
            .map(|m| entry(old, m))
            .collect(),
    }
}
