//! Large, realistic, reproducible plans for benchmarks and stress tests.
//!
//! The plan runs parallel workstreams (a group per 500 tasks), each a series
//! of work packages (groups of 20: the group and 19 leaves). Dependencies
//! (about three per leaf) point backwards only, so the plan has no cycles:
//! mostly to recent leaves of the same package or the stream's previous
//! package, sometimes to another stream's previous package or to a whole
//! package group, and some packages depend as a whole. Durations, efforts,
//! lags and leads, assignments over people and team pools, holidays, leave,
//! `not_before` and deadlines are all mixed in.
//!
//! [`flat`] makes the other shape: every task and person at the top level.

use chrono::{Datelike, NaiveDate};

use crate::model::*;

mod flat;

pub use flat::{Flat, flat};

const PACKAGE: usize = 20;
const STREAM: usize = 500;

/// A plan of exactly `tasks` tasks, milestones and groups, with `resources`
/// resources; the same arguments give the same plan.
pub fn plan(tasks: usize, resources: usize, seed: u64) -> Plan {
    let mut rng = XorShift::new(seed);
    let start = NaiveDate::from_ymd_opt(2027, 1, 4).expect("valid date");
    let streams = tasks.div_ceil(STREAM).max(1).min(tasks);
    let mut plan = Plan {
        program: Program {
            id: "generated".into(),
            title: None,
            start,
            status_date: None,
            calendar: Some(CalendarId(0)),
            currency: None,
        },
        calendars: vec![calendar(start)],
        resources: (0..resources)
            .map(|r| resource(r, resources, &mut rng, start))
            .collect(),
        tasks: Vec::with_capacity(tasks),
        risks: Vec::new(),
        approvals: Vec::new(),
        people: Default::default(),
        externals: Vec::new(),
    };
    for s in 0..streams {
        plan.tasks.push(task(format!("s{s}"), TaskKind::Group, None));
    }
    // Per stream, its latest package group.
    let mut latest: Vec<Option<u32>> = vec![None; streams];
    // The package groups of the previous round (one package per stream), and
    // of the current one.
    let mut previous_round: Vec<u32> = Vec::new();
    let mut round: Vec<u32> = Vec::new();
    // The package being filled and the one before it in the same stream.
    let mut package = 0;
    let mut previous = None;
    while plan.tasks.len() < tasks {
        let id = plan.tasks.len() as u32;
        if (id as usize - streams).is_multiple_of(PACKAGE) {
            if round.len() == streams {
                previous_round = std::mem::take(&mut round);
            }
            let stream = round.len();
            let mut group = task(format!("g{id}"), TaskKind::Group, Some(stream));
            if let Some(&other) = rng.pick(&previous_round).filter(|_| rng.chance(20)) {
                let on = other + 1 + rng.below(3);
                group.deps.push(dependency(&mut rng, on));
            }
            (package, previous) = (id, latest[stream]);
            latest[stream] = Some(id);
            round.push(id);
            plan.tasks.push(group);
            continue;
        }
        let mut leaf = leaf(id, package, resources, &mut rng, start);
        for _ in 0..1 + rng.below(5) {
            let on = match (rng.below(100), previous, rng.pick(&previous_round)) {
                (0..80, _, _) if id > package + 1 => package + 1 + rng.below(id - package - 1),
                (80..95, Some(previous), _) => previous + 1 + rng.below(PACKAGE as u32 - 1),
                (95..98, _, Some(&other)) => other + 1 + rng.below(PACKAGE as u32 - 1),
                (98.., Some(previous), _) => previous,
                _ => continue,
            };
            // Drawn before it is compared, so that the draws after stay
            // those of the plans earlier benchmarks measured.
            let dep = dependency(&mut rng, on);
            if !leaf.deps.iter().any(|d| d.on == dep.on && d.kind == dep.kind) {
                leaf.deps.push(dep);
            }
        }
        plan.tasks.push(leaf);
    }
    plan
}

fn calendar(start: NaiveDate) -> Calendar {
    let holidays = (0..10)
        .flat_map(|year| [(1, 1), (5, 1), (12, 25), (12, 26)].map(|md| (year, md)))
        .filter_map(|(year, (m, d))| NaiveDate::from_ymd_opt(start.year() + year, m, d))
        .map(|date| DateRange {
            first: date,
            last: date,
        })
        .collect();
    Calendar {
        id: "company".into(),
        title: None,
        workdays: Calendar::MONDAY_TO_FRIDAY,
        holidays,
    }
}

fn resource(r: usize, resources: usize, rng: &mut XorShift, start: NaiveDate) -> Resource {
    let team = r >= resources * 4 / 5;
    let leave = if !team && r.is_multiple_of(5) {
        let first = start + chrono::Days::new(u64::from(rng.below(700)));
        vec![DateRange {
            first,
            last: first + chrono::Days::new(6),
        }]
    } else {
        Vec::new()
    };
    Resource {
        id: format!("r{r}").into(),
        title: None,
        kind: if team {
            ResourceKind::Team
        } else {
            ResourceKind::Person
        },
        capacity: if team { 300 + 100 * rng.below(3) } else { 100 },
        leave,
        calendar: None,
        rate: None,
        key: None,
    }
}

fn task(id: String, kind: TaskKind, parent: Option<usize>) -> Task {
    Task {
        parent: parent.map(|p| TaskId(p as u32)),
        ..Task::new(id, kind)
    }
}

fn leaf(id: u32, package: u32, resources: usize, rng: &mut XorShift, start: NaiveDate) -> Task {
    if rng.chance(5) {
        return task(format!("m{id}"), TaskKind::Milestone, Some(package as usize));
    }
    let mut leaf = task(format!("t{id}"), TaskKind::Task, Some(package as usize));
    let days = i64::from(1 + rng.below(10));
    leaf.work = Some(if rng.chance(20) {
        WorkSpec::Effort(Work::days(2 * days))
    } else {
        WorkSpec::Duration(Work::days(days))
    });
    for _ in 0..resources.min(1 + usize::from(rng.chance(30))) {
        let resource = ResourceId(rng.below(resources as u32));
        let units = if resource.index() >= resources * 4 / 5 {
            100 + 100 * rng.below(2)
        } else {
            100
        };
        leaf.assignments.push(Assignment { resource, units });
    }
    if rng.chance(1) {
        leaf.not_before = Some(start + chrono::Days::new(u64::from(rng.below(400))));
    }
    if rng.chance(1) {
        leaf.deadline = Some(start + chrono::Days::new(u64::from(200 + rng.below(600))));
    }
    leaf
}

fn dependency(rng: &mut XorShift, on: u32) -> Dependency {
    let kind = match rng.below(100) {
        0..85 => DepKind::FinishToStart,
        85..93 => DepKind::StartToStart,
        _ => DepKind::FinishToFinish,
    };
    let lag = if rng.chance(20) {
        i64::from(rng.below(32)) - 8
    } else {
        0
    };
    Dependency {
        on: TaskId(on),
        kind,
        lag: Work(lag),
    }
}

/// xorshift64*: small, fast, and good enough for test data.
struct XorShift(u64);

impl XorShift {
    fn new(seed: u64) -> XorShift {
        XorShift((seed ^ 0x9E37_79B9_7F4A_7C15).max(1))
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: u32) -> u32 {
        (((self.next() >> 32) * u64::from(n)) >> 32) as u32
    }

    /// True with `percent` chance.
    fn chance(&mut self, percent: u32) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len() as u32) as usize)
    }
}
