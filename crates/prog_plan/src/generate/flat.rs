//! Flat plans, as people write them: every task and person at the top level,
//! no groups. The shapes of the scale benchmarks: many people (most of them
//! idle), or a few hundred people over a span of decades.

use chrono::NaiveDate;

use super::XorShift;
use crate::model::*;

/// What a flat plan holds.
#[derive(Clone, Copy, Debug)]
pub struct Flat {
    pub tasks: usize,
    pub people: usize,
    /// The span the plan's dependency chains reach, roughly; `None` for
    /// chains of about 50 tasks (a year or so).
    pub years: Option<u32>,
    pub seed: u64,
}

/// Working days in a year, and the mean length of a generated task.
const DAYS_PER_YEAR: f64 = 261.0;
const MEAN_DAYS: f64 = 5.5;

/// A flat plan: `tasks` top-level tasks of 1 to 10 days, each owned by one of
/// `people`, in `chains` parallel chains (task `i` after task `i - chains`,
/// sometimes after another earlier task too). Every fifth person takes a week
/// of leave somewhere in the span, every seventh works four days a week.
pub fn flat(shape: Flat) -> Plan {
    let mut rng = XorShift::new(shape.seed);
    let start = NaiveDate::from_ymd_opt(2027, 1, 4).expect("valid date");
    let length = match shape.years {
        Some(years) => (f64::from(years) * DAYS_PER_YEAR / MEAN_DAYS).max(1.0) as usize,
        None => 50,
    };
    let chains = shape.tasks.div_ceil(length).max(1);
    let span_days = (shape.tasks.div_ceil(chains) as f64 * MEAN_DAYS * 7.0 / 5.0) as u32;
    let mut plan = Plan {
        program: Program {
            id: "flat".into(),
            title: None,
            start,
            status_date: None,
            calendar: None,
            currency: None,
        },
        calendars: vec![Calendar {
            id: "four_days".into(),
            title: None,
            workdays: [true, true, true, true, false, false, false],
            holidays: Vec::new(),
        }],
        resources: Vec::with_capacity(shape.people).into(),
        tasks: Vec::with_capacity(shape.tasks),
        risks: Vec::new(),
        approvals: Vec::new(),
        people: Default::default(),
        externals: Vec::new(),
    };
    for p in 0..shape.people {
        let leave = if p.is_multiple_of(5) {
            let first = start + chrono::Days::new(u64::from(rng.below(span_days.max(1))));
            vec![DateRange {
                first,
                last: first + chrono::Days::new(6),
            }]
        } else {
            Vec::new()
        };
        plan.resources.push(Resource {
            id: format!("p{p}").into(),
            title: None,
            kind: ResourceKind::Person,
            capacity: 100,
            leave,
            calendar: p.is_multiple_of(7).then_some(CalendarId(0)),
            rate: None,
            key: None,
        });
    }
    for i in 0..shape.tasks {
        let mut task = Task::new(format!("t{i}"), TaskKind::Task);
        task.work = Some(WorkSpec::Duration(Work::days(i64::from(1 + rng.below(10)))));
        if shape.people > 0 {
            let owner = ResourceId(rng.below(shape.people as u32));
            task.owner = Some(owner);
            task.assignments.push(Assignment {
                resource: owner,
                units: 100,
            });
        }
        if i >= chains {
            task.deps.push(Dependency {
                on: TaskId((i - chains) as u32),
                kind: DepKind::FinishToStart,
                lag: Work::ZERO,
            });
            if rng.chance(20) {
                let on = rng.below((i - chains) as u32);
                task.deps.push(Dependency {
                    on: TaskId(on),
                    kind: DepKind::FinishToStart,
                    lag: Work::ZERO,
                });
            }
        }
        plan.tasks.push(task);
    }
    plan
}
