//! The report model as JSON (`docs/report.md`).

use crate::Report;

pub fn write(report: &Report) -> String {
    // The model holds only strings, numbers, dates and lists: it always serialises.
    serde_json::to_string_pretty(report).expect("the report serialises") + "\n"
}
