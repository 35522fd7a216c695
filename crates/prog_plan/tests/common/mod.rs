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
                resources: Vec::new(),
                tasks: Vec::new(),
                risks: Vec::new(),
                approvals: Vec::new(),
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

/// The resources and working days on which the tasks that work that day
/// book more than the resource has. A task works on the days its `[es, ef)`
/// touches on which every resource assigned to it is available (the days
/// leveling books), so a task stretched over leave books nothing there.
pub fn over_days(plan: &Plan, s: &Schedule) -> Vec<(ResourceId, i64)> {
    let cal = WorkCalendar::new(plan);
    let available: Vec<Availability> = (0..plan.resources.len())
        .map(|r| Availability::new(plan, ResourceId(r as u32), &cal))
        .collect();
    let mut booked: std::collections::BTreeMap<(u32, i64), u32> = Default::default();
    for (id, task) in plan.task_ids().zip(&plan.tasks) {
        let t = s.times(id);
        if task.kind != TaskKind::Task || t.ef <= t.es {
            continue;
        }
        let (first, last) = (t.es.0.div_euclid(8), (t.ef.0 + 7).div_euclid(8) - 1);
        for day in first..=last {
            if task
                .assignments
                .iter()
                .all(|a| available[a.resource.index()].is_available(day))
            {
                for a in &task.assignments {
                    *booked.entry((a.resource.0, day)).or_default() += a.units;
                }
            }
        }
    }
    booked
        .into_iter()
        .filter(|&((r, _), units)| units > plan.resources[r as usize].capacity)
        .map(|((r, day), _)| (ResourceId(r), day))
        .collect()
}
