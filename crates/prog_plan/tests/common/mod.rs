//! A small builder for hand-written plans.
#![allow(dead_code)] // each test file uses its own part of the builder

use chrono::NaiveDate;
use prog_plan::*;

pub fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub fn days(d: i64) -> Work {
    Work::days(d)
}

pub struct Builder {
    pub plan: Plan,
}

impl Builder {
    pub fn new(start: &str) -> Builder {
        Builder {
            plan: Plan {
                program: Program {
                    id: "test".into(),
                    title: None,
                    start: date(start),
                    status_date: None,
                    calendar: None,
                    currency: None,
                },
                calendars: Vec::new(),
                resources: Vec::new().into(),
                tasks: Vec::new(),
                risks: Vec::new(),
                approvals: Vec::new(),
                people: Default::default(),
                externals: Vec::new(),
            },
        }
    }

    fn add(&mut self, id: &str, kind: TaskKind, work: Option<WorkSpec>) -> TaskId {
        self.plan.tasks.push(Task {
            work,
            ..Task::new(id, kind)
        });
        TaskId(self.plan.tasks.len() as u32 - 1)
    }

    /// A task of `hours` working hours.
    pub fn task_hours(&mut self, id: &str, hours: i64) -> TaskId {
        self.add(id, TaskKind::Task, Some(WorkSpec::Duration(Work(hours))))
    }

    pub fn task(&mut self, id: &str, d: i64) -> TaskId {
        self.task_hours(id, d * 8)
    }

    pub fn effort(&mut self, id: &str, d: i64) -> TaskId {
        self.add(id, TaskKind::Task, Some(WorkSpec::Effort(days(d))))
    }

    pub fn milestone(&mut self, id: &str) -> TaskId {
        self.add(id, TaskKind::Milestone, None)
    }

    pub fn group(&mut self, id: &str) -> TaskId {
        self.add(id, TaskKind::Group, None)
    }

    pub fn set_parent(&mut self, child: TaskId, group: TaskId) {
        self.plan.tasks[child.index()].parent = Some(group);
    }

    pub fn dep(&mut self, task: TaskId, on: TaskId, kind: DepKind, lag_days: i64) {
        self.dep_hours(task, on, kind, lag_days * 8);
    }

    pub fn dep_hours(&mut self, task: TaskId, on: TaskId, kind: DepKind, lag: i64) {
        self.plan.tasks[task.index()].deps.push(Dependency {
            on,
            kind,
            lag: Work(lag),
        });
    }

    pub fn after(&mut self, task: TaskId, on: TaskId) {
        self.dep(task, on, DepKind::FinishToStart, 0);
    }

    pub fn resource(&mut self, id: &str, kind: ResourceKind, capacity: u32) -> ResourceId {
        self.plan.resources.push(Resource {
            id: id.into(),
            title: None,
            kind,
            capacity,
            leave: Vec::new(),
            calendar: None,
            rate: None,
            key: None,
        });
        ResourceId(self.plan.resources.len() as u32 - 1)
    }

    pub fn assign(&mut self, task: TaskId, resource: ResourceId, units: u32) {
        self.plan.tasks[task.index()]
            .assignments
            .push(Assignment { resource, units });
    }

    pub fn task_mut(&mut self, task: TaskId) -> &mut Task {
        &mut self.plan.tasks[task.index()]
    }
}

/// (es, ef, ls, lf, total float, free float) in days.
pub fn row(s: &Schedule, t: TaskId) -> (f64, f64, f64, f64, f64, f64) {
    let t = s.times(t);
    (
        t.es.as_days(),
        t.ef.as_days(),
        t.ls.as_days(),
        t.lf.as_days(),
        t.total_float.as_days(),
        t.free_float.as_days(),
    )
}

/// The resources and working days on which [`load`] books more than the
/// resource has.
pub fn over_days(plan: &Plan, s: &Schedule) -> Vec<(ResourceId, i64)> {
    let load = load(plan, s, &WorkCalendar::new(plan));
    let mut over = Vec::new();
    for profile in &load.profiles {
        for (range, units, capacity) in profile.segments(0..load.days) {
            if units > capacity {
                over.extend(range.map(|day| (profile.resource, day as i64)));
            }
        }
    }
    over
}
