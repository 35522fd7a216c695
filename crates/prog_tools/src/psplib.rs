//! PSPLIB single-mode RCPSP instances (`.sm` files, Kolisch and Sprecher
//! 1997) and their mapping onto plans: each resource is a team pool with its
//! availability as capacity, each job a task of `duration Nd` with
//! `assign Rk n` per demand and `after` per predecessor; the dummy source and
//! sink jobs are milestones. One time unit is one working day.

use std::collections::HashMap;

use chrono::NaiveDate;
use prog_plan::{
    Assignment, DepKind, Dependency, Plan, Program, Resource, ResourceId, ResourceKind, Task, TaskId,
    TaskKind, Work, WorkSpec,
};

/// One project: jobs numbered from 1 in the file, from 0 here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Instance {
    pub jobs: Vec<Job>,
    /// Per renewable resource, its availability.
    pub capacities: Vec<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Job {
    pub duration: u32,
    /// Indices of the jobs that follow this one.
    pub successors: Vec<usize>,
    /// Per resource, the units the job needs.
    pub demands: Vec<u32>,
}

/// Reads an `.sm` file. Errors name the line they were found on.
pub fn parse(text: &str) -> Result<Instance, String> {
    let lines: Vec<&str> = text.lines().collect();
    let find = |prefix: &str| {
        lines
            .iter()
            .position(|l| l.trim_start().starts_with(prefix))
            .ok_or_else(|| format!("no `{prefix}` section"))
    };
    let numbers = |at: usize| -> Result<Vec<u32>, String> {
        lines[at]
            .split_whitespace()
            .map(|w| {
                w.parse::<u32>()
                    .map_err(|_| format!("line {}: `{w}` is not a number", at + 1))
            })
            .collect()
    };
    let count_line = find("jobs (incl. supersource/sink )")?;
    let jobs: usize = lines[count_line]
        .rsplit(':')
        .next()
        .and_then(|n| n.trim().parse().ok())
        .ok_or_else(|| format!("line {}: no job count", count_line + 1))?;
    if jobs == 0 {
        return Err(format!("line {}: no jobs", count_line + 1));
    }
    let resources_line = find("- renewable")?;
    let resources: usize = lines[resources_line]
        .split(':')
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| format!("line {}: no resource count", resources_line + 1))?;
    let row = |at: usize| -> Result<Vec<u32>, String> {
        if at >= lines.len() {
            return Err(format!("line {}: the file ends early", at + 1));
        }
        numbers(at)
    };

    // jobnr. #modes #successors successors...
    let precedence = find("PRECEDENCE RELATIONS:")? + 2;
    let mut instance = Instance {
        jobs: Vec::with_capacity(jobs),
        capacities: Vec::new(),
    };
    for j in 0..jobs {
        let r = row(precedence + j)?;
        let bad = || format!("line {}: expected job {}'s successors", precedence + j + 1, j + 1);
        if r.len() < 3 || r[0] as usize != j + 1 || r.len() - 3 != r[2] as usize {
            return Err(bad());
        }
        let rest = &r[3..];
        let successors = rest
            .iter()
            .map(|&s| {
                (1..=jobs as u32)
                    .contains(&s)
                    .then(|| s as usize - 1)
                    .ok_or_else(|| format!("line {}: no job {s}", precedence + j + 1))
            })
            .collect::<Result<_, _>>()?;
        instance.jobs.push(Job {
            duration: 0,
            successors,
            demands: Vec::new(),
        });
    }

    // jobnr. mode duration R1 R2 ...
    let requests = find("REQUESTS/DURATIONS:")? + 3;
    for j in 0..jobs {
        let r = row(requests + j)?;
        if r.len() != 3 + resources || r[0] as usize != j + 1 {
            return Err(format!(
                "line {}: expected job {}'s duration and demands",
                requests + j + 1,
                j + 1
            ));
        }
        instance.jobs[j].duration = r[2];
        instance.jobs[j].demands = r[3..].to_vec();
    }
    let availability = find("RESOURCEAVAILABILITIES:")? + 2;
    instance.capacities = row(availability)?;
    if instance.capacities.len() != resources {
        return Err(format!(
            "line {}: expected {resources} availabilities",
            availability + 1
        ));
    }
    Ok(instance)
}

/// The instance as a plan: resources `r1`.., jobs `j1`.., starting on a
/// Monday with the default Monday-to-Friday calendar.
pub fn to_plan(instance: &Instance) -> Plan {
    let last = instance.jobs.len() - 1;
    let resources = instance
        .capacities
        .iter()
        .enumerate()
        .map(|(r, &capacity)| Resource {
            id: format!("r{}", r + 1).into(),
            title: None,
            kind: ResourceKind::Team,
            capacity: capacity * 100,
            leave: Vec::new(),
            calendar: None,
            rate: None,
            key: None,
        })
        .collect();
    let mut tasks: Vec<Task> = instance
        .jobs
        .iter()
        .enumerate()
        .map(|(j, job)| {
            let dummy = (j == 0 || j == last) && job.duration == 0;
            let mut task = Task::new(
                format!("j{}", j + 1),
                if dummy {
                    TaskKind::Milestone
                } else {
                    TaskKind::Task
                },
            );
            if !dummy {
                task.work = Some(WorkSpec::Duration(Work::days(i64::from(job.duration))));
                task.assignments = (job.demands.iter().enumerate())
                    .filter(|&(_, &units)| units > 0)
                    .map(|(r, &units)| Assignment {
                        resource: ResourceId(r as u32),
                        units: units * 100,
                    })
                    .collect();
            }
            task
        })
        .collect();
    for (j, job) in instance.jobs.iter().enumerate() {
        for &s in &job.successors {
            tasks[s].deps.push(Dependency {
                on: TaskId(j as u32),
                kind: DepKind::FinishToStart,
                lag: Work::ZERO,
            });
        }
    }
    Plan {
        program: Program {
            id: "psplib".into(),
            title: None,
            start: NaiveDate::from_ymd_opt(2027, 1, 4).expect("a date"),
            status_date: None,
            calendar: None,
            currency: None,
        },
        calendars: Vec::new(),
        resources,
        tasks,
        risks: Vec::new(),
        approvals: Vec::new(),
        people: Default::default(),
        externals: Vec::new(),
    }
}

/// The instance as `.prog` text, in the same terms as [`to_plan`].
pub fn to_prog(instance: &Instance, name: &str) -> String {
    use std::fmt::Write;
    let last = instance.jobs.len() - 1;
    let mut out = format!("# PSPLIB instance {name}: one time unit is one working day.\n");
    out.push_str("program psplib { start 2027-01-04 }\n\n");
    for (r, capacity) in instance.capacities.iter().enumerate() {
        let _ = writeln!(out, "team r{} {{ capacity {capacity} }}", r + 1);
    }
    let mut preds = vec![Vec::new(); instance.jobs.len()];
    for (j, job) in instance.jobs.iter().enumerate() {
        for &s in &job.successors {
            preds[s].push(format!("j{}", j + 1));
        }
    }
    out.push('\n');
    for (j, job) in instance.jobs.iter().enumerate() {
        let dummy = (j == 0 || j == last) && job.duration == 0;
        let _ = write!(out, "{} j{} {{", if dummy { "milestone" } else { "task" }, j + 1);
        if !dummy {
            let _ = write!(out, " duration {}d", job.duration);
            for (r, &units) in job.demands.iter().enumerate() {
                if units > 0 {
                    let _ = write!(out, "  assign r{} {units}", r + 1);
                }
            }
        }
        if !preds[j].is_empty() {
            let _ = write!(out, "  after {}", preds[j].join(", "));
        }
        out.push_str(" }\n");
    }
    out
}

/// Known makespans from an `optimum.csv`: `name,optimum`, or
/// `name,lower..upper` or `name,..upper` where the optimum is open (an
/// unknown lower bound reads as 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Known {
    pub lower: u32,
    pub upper: u32,
}

impl Known {
    pub fn is_optimum(&self) -> bool {
        self.lower == self.upper
    }
}

pub fn parse_optima(text: &str) -> Result<HashMap<String, Known>, String> {
    let mut known = HashMap::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let bad = || format!("line {}: expected `name,optimum` or `name,lower..upper`", i + 1);
        let (name, value) = line.split_once(',').ok_or_else(bad)?;
        let (lower, upper) = value
            .trim()
            .split_once("..")
            .unwrap_or((value.trim(), value.trim()));
        let number = |s: &str| s.parse::<u32>().map_err(|_| bad());
        known.insert(
            name.to_string(),
            Known {
                lower: if lower.is_empty() { 0 } else { number(lower)? },
                upper: number(upper)?,
            },
        );
    }
    Ok(known)
}
