//! The machine-readable schedule of `prog schedule --format json`
//! (docs/language.md, section 7).

use chrono::NaiveDate;
use serde::{Serialize, Serializer};

use crate::baseline::Variance;
use crate::calendar::WorkCalendar;
use crate::evm::earned_value;
use crate::model::{Plan, TaskKind, Work};
use crate::schedule::Schedule;
use crate::status::{TaskStatus, done_share, statuses};

/// Working time written as days: an integer when whole (`18`, not `18.0`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Days(pub Work);

impl Serialize for Days {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let hours = self.0.0;
        if hours % Work::HOURS_PER_DAY == 0 {
            serializer.serialize_i64(hours / Work::HOURS_PER_DAY)
        } else {
            serializer.serialize_f64(self.0.as_days())
        }
    }
}

/// Writes a date as chrono does (`2027-01-04`) without its formatter,
/// which writes a character at a time: two dates per task were a third of
/// the time of writing a schedule.
pub fn iso_date<S: Serializer>(date: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
    use chrono::Datelike;
    let year = date.year();
    if !(0..=9999).contains(&year) {
        return serializer.collect_str(&format_args!("{date:?}"));
    }
    let digits = |value: u32, out: &mut [u8]| {
        let mut value = value;
        for byte in out.iter_mut().rev() {
            *byte = b'0' + (value % 10) as u8;
            value /= 10;
        }
    };
    let mut text = *b"0000-00-00";
    digits(year.unsigned_abs(), &mut text[0..4]);
    digits(date.month(), &mut text[5..7]);
    digits(date.day(), &mut text[8..10]);
    // Only ASCII digits and dashes were written.
    serializer.serialize_str(std::str::from_utf8(&text).unwrap_or_default())
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScheduleDoc {
    pub start: NaiveDate,
    pub finish: NaiveDate,
    pub duration_days: Days,
    /// Task ids.
    pub critical_path: Vec<String>,
    /// In plan order.
    pub tasks: Vec<TaskDoc>,
    /// The leveled project length, for `prog level`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub makespan: Option<Days>,
    /// With a status date: the date, and the finish of the plan without
    /// progress (`finish` is then the forecast).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_date: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub planned_finish: Option<NaiveDate>,
    /// With a baseline: its finish, and how far the finish moved from it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline_finish: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finish_variance: Option<f64>,
}

/// A task against the baseline: its dates there and how far it moved, in
/// working days (positive = later).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TaskBaselineDoc {
    #[serde(serialize_with = "iso_date")]
    pub baseline_start: NaiveDate,
    #[serde(serialize_with = "iso_date")]
    pub baseline_finish: NaiveDate,
    pub start_variance: f64,
    pub finish_variance: f64,
}

/// Where a task stands, in a schedule with a status date.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TaskProgressDoc {
    /// `"done"`, `"in_progress"` or `"not_started"`.
    pub status: &'static str,
    /// The share done, 0 to 1; for a group, its earned value over its budget.
    pub progress: f64,
    #[serde(serialize_with = "iso_date")]
    pub planned_start: NaiveDate,
    #[serde(serialize_with = "iso_date")]
    pub planned_finish: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TaskDoc {
    pub id: String,
    /// `"task"`, `"milestone"` or `"group"`.
    pub kind: &'static str,
    pub es: Days,
    pub ef: Days,
    pub ls: Days,
    pub lf: Days,
    pub total_float: Days,
    pub free_float: Days,
    pub critical: bool,
    #[serde(serialize_with = "iso_date")]
    pub start: NaiveDate,
    #[serde(serialize_with = "iso_date")]
    pub finish: NaiveDate,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub progress: Option<TaskProgressDoc>,
    /// With a baseline that knows the task.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<TaskBaselineDoc>,
}

impl ScheduleDoc {
    /// The document for `schedule` of `plan`, dated on `cal`; no makespan.
    pub fn new(plan: &Plan, schedule: &Schedule, cal: &WorkCalendar) -> ScheduleDoc {
        let tracked = schedule.planned.as_deref().map(|planned| {
            let earned = earned_value(plan, cal, &planned.tasks, planned.duration);
            (planned, statuses(plan), earned)
        });
        let tasks = plan
            .task_ids()
            .map(|id| {
                let task = plan.task(id);
                let t = schedule.times(id);
                let (start, finish) = cal.span_dates(t.es, t.ef);
                TaskDoc {
                    id: task.id.to_string(),
                    kind: task.kind.as_str(),
                    es: Days(t.es),
                    ef: Days(t.ef),
                    ls: Days(t.ls),
                    lf: Days(t.lf),
                    total_float: Days(t.total_float),
                    free_float: Days(t.free_float),
                    critical: t.critical,
                    start,
                    finish,
                    progress: tracked.as_ref().map(|(planned, statuses, earned)| {
                        let p = planned.times(id);
                        let (planned_start, planned_finish) = cal.span_dates(p.es, p.ef);
                        let progress = match (task.kind, earned) {
                            (TaskKind::Group, Some(earned)) => {
                                let f = &earned.tasks[id.index()];
                                if f.bac > 0.0 {
                                    f.ev / f.bac
                                } else {
                                    f64::from(u8::from(statuses[id.index()] == TaskStatus::Done))
                                }
                            }
                            _ => done_share(task),
                        };
                        TaskProgressDoc {
                            status: statuses[id.index()].as_str(),
                            progress,
                            planned_start,
                            planned_finish,
                        }
                    }),
                    baseline: None,
                }
            })
            .collect();
        let (start, finish) = cal.plan_dates(schedule.duration);
        ScheduleDoc {
            start,
            finish,
            duration_days: Days(schedule.duration),
            critical_path: schedule
                .critical_path
                .iter()
                .map(|&id| plan.task(id).id.to_string())
                .collect(),
            tasks,
            makespan: None,
            status_date: plan.program.status_date.filter(|_| tracked.is_some()),
            planned_finish: tracked
                .as_ref()
                .map(|(planned, ..)| cal.milestone_date(planned.duration)),
            baseline_finish: None,
            finish_variance: None,
        }
    }

    /// Adds the variance from a baseline to the document.
    pub fn with_baseline(mut self, variance: &Variance) -> ScheduleDoc {
        self.baseline_finish = Some(variance.baseline_finish);
        self.finish_variance = Some(variance.finish_variance);
        for (task, v) in self.tasks.iter_mut().zip(&variance.tasks) {
            task.baseline = v.map(|v| TaskBaselineDoc {
                baseline_start: v.baseline_start,
                baseline_finish: v.baseline_finish,
                start_variance: v.start_variance,
                finish_variance: v.finish_variance,
            });
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    /// The date as `iso_date` writes it, in JSON.
    fn written(date: NaiveDate) -> String {
        let mut out = Vec::new();
        super::iso_date(&date, &mut serde_json::Serializer::new(&mut out)).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn dates_are_written_as_chrono_writes_them() {
        let dates = [
            (2027, 1, 4),
            (2031, 12, 31),
            (0, 1, 1),
            (9999, 12, 31),
            (10000, 1, 1),
            (-1, 6, 15),
            (-262_000, 3, 9),
        ];
        for (y, m, d) in dates {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(written(date), serde_json::to_string(&date).unwrap(), "{date}");
        }
        assert_eq!(
            written(NaiveDate::from_ymd_opt(2027, 1, 4).unwrap()),
            "\"2027-01-04\""
        );
    }
}
