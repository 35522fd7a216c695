//! The people and teams several programs share, and their load summed
//! across programs day by day.
//!
//! Two programs share a resource when both name it by the same `key`, or
//! both take it with the same id from the same imported file. Each program
//! schedules on its own calendar from its own start, so loads are summed by
//! date; the capacity on a date is the least any program gives it (a day
//! off in one is a day off).

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use prog_db::{Database, Project};
use serde::Serialize;

use crate::ProgramRow;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SharedResource {
    pub id: String,
    /// `"person"` or `"team"`.
    pub kind: &'static str,
    /// How the programs know it is the same: `key "…"`, or the file that
    /// defines it.
    pub shared_by: String,
    /// The ids of the programs that have it, in portfolio order.
    pub programs: Vec<String>,
    /// The most it is assigned on one day across programs, in percent of a
    /// full-time person.
    pub peak_load: u32,
    /// Runs of dates on which the summed load exceeds its capacity.
    pub over_allocated: Vec<OverPeriod>,
}

/// Consecutive days (of those any program books or counts) over capacity.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OverPeriod {
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// The highest summed load in the period, and the capacity then.
    pub load: u32,
    pub capacity: u32,
    /// How much each program assigns at that peak: `(program id, units)`.
    pub by_program: Vec<(String, u32)>,
}

impl OverPeriod {
    /// "2027-03-01 – 2027-03-05: 120% of 100% (a 60%, b 60%)", each
    /// program id written by `program`.
    pub fn text(&self, program: impl Fn(&str) -> String) -> String {
        let parts: Vec<String> = self
            .by_program
            .iter()
            .map(|(p, units)| format!("{} {units}%", program(p)))
            .collect();
        format!(
            "{} – {}: {}% of {}% ({})",
            self.first,
            self.last,
            self.load,
            self.capacity,
            parts.join(", ")
        )
    }
}

/// One program's day of a shared resource.
#[derive(Default)]
struct Day {
    load: u32,
    capacity: Option<u32>,
    by_program: Vec<(String, u32)>,
}

/// What the programs call one person or team, and where each has it.
struct Found {
    id: String,
    kind: &'static str,
    shared_by: String,
    /// (row, program, resource index in it).
    members: Vec<(usize, Project, usize)>,
}

/// The shared resources of the `analysed` programs (index into `rows`).
pub(crate) fn shared(
    db: &Database,
    analysed: &[(usize, Project)],
    rows: &[ProgramRow],
) -> Vec<SharedResource> {
    // By identity: the key, or the defining file and the id.
    let mut found: BTreeMap<String, Found> = BTreeMap::new();
    for &(row, project) in analysed {
        let resolved = prog_db::resolved(db, project);
        let files = &prog_db::plan_files(db, project).files;
        for (r, resource) in resolved.plan.resources.iter().enumerate() {
            let (identity, shared_by) = match &resource.key {
                Some(key) => (format!("key:{key}"), format!("key \"{key}\"")),
                None => {
                    let file = resolved.source_map.resources[r].name.file.0 as usize;
                    let path = files[file].path(db);
                    let canonical = Path::new(path)
                        .canonicalize()
                        .map_or_else(|_| path.to_string(), |p| p.display().to_string());
                    (format!("file:{canonical}#{}", resource.id), path.to_string())
                }
            };
            let entry = found.entry(identity).or_insert_with(|| Found {
                id: resource.id.to_string(),
                kind: resource.kind.as_str(),
                shared_by,
                members: Vec::new(),
            });
            entry.members.push((row, project, r));
        }
    }
    let mut out = Vec::new();
    for found in found.into_values() {
        let mut programs: Vec<usize> = found.members.iter().map(|(row, _, _)| *row).collect();
        programs.dedup();
        if programs.len() < 2 {
            continue;
        }
        let mut days = BTreeMap::new();
        for &(row, project, r) in &found.members {
            add_days(db, project, r, &rows[row].id, &mut days);
        }
        out.push(summarise(found, &programs, rows, &days));
    }
    out
}

/// Adds one program's load and capacity of resource `r`, by date.
fn add_days(db: &Database, project: Project, r: usize, program: &str, days: &mut BTreeMap<NaiveDate, Day>) {
    let load = prog_db::load(db, project);
    let cal = prog_db::work_calendar(db, project);
    let Some(profile) = load.profiles.get(r) else {
        return;
    };
    for (range, units, capacity) in profile.segments(0..load.days) {
        for d in range {
            let day = days.entry(cal.date_of(d as i64)).or_default();
            day.load += units;
            day.capacity = Some(day.capacity.map_or(capacity, |c| c.min(capacity)));
            if units > 0 {
                day.by_program.push((program.to_string(), units));
            }
        }
    }
}

fn summarise(
    found: Found,
    programs: &[usize],
    rows: &[ProgramRow],
    days: &BTreeMap<NaiveDate, Day>,
) -> SharedResource {
    let mut over: Vec<OverPeriod> = Vec::new();
    let mut open = false;
    for (&date, day) in days {
        let capacity = day.capacity.unwrap_or(0);
        if day.load <= capacity {
            open = false;
            continue;
        }
        match over.last_mut() {
            Some(period) if open => {
                period.last = date;
                if day.load > period.load {
                    period.load = day.load;
                    period.capacity = capacity;
                    period.by_program = day.by_program.clone();
                }
            }
            _ => over.push(OverPeriod {
                first: date,
                last: date,
                load: day.load,
                capacity,
                by_program: day.by_program.clone(),
            }),
        }
        open = true;
    }
    SharedResource {
        id: found.id,
        kind: found.kind,
        shared_by: found.shared_by,
        programs: programs.iter().map(|&p| rows[p].id.clone()).collect(),
        peak_load: days.values().map(|d| d.load).max().unwrap_or(0),
        over_allocated: over,
    }
}
