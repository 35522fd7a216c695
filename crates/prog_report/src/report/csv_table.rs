//! One CSV row per task, milestone and group; a group's or milestone's
//! row ends with its RACI roles.

use crate::Report;
use crate::escape::spreadsheet;

const HEADER: [&str; 13] = [
    "id",
    "title",
    "group",
    "owner",
    "start",
    "finish",
    "es",
    "ef",
    "ls",
    "lf",
    "total_float",
    "free_float",
    "critical",
];

pub fn write(report: &Report) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    let days = |d: prog_plan::Days| d.0.days_text();
    // Writing to memory cannot fail.
    out.write_record(HEADER.iter().chain(&crate::raci::csv::HEADER))
        .expect("in memory");
    for task in &report.tasks {
        let t = &task.schedule;
        let raci = crate::raci::csv::columns(&report.raci, &t.id);
        let cells = [
            t.id.clone(),
            spreadsheet(task.title.as_deref().unwrap_or("")),
            task.group.clone().unwrap_or_default(),
            task.owner.clone().unwrap_or_default(),
            t.start.to_string(),
            t.finish.to_string(),
            days(t.es),
            days(t.ef),
            days(t.ls),
            days(t.lf),
            days(t.total_float),
            days(t.free_float),
            t.critical.to_string(),
        ];
        out.write_record(cells.iter().chain(&raci)).expect("in memory");
    }
    String::from_utf8(out.into_inner().expect("in memory")).expect("UTF-8 in, UTF-8 out")
}
