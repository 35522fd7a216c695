//! Reports on a scheduled plan, for people and for tools.
//!
//! [`Report::new`] gathers everything a report shows from the plan model,
//! its schedule, its resource load and its diagnostics into one
//! serialisable [`Report`] (which is also the JSON format, see
//! `docs/report.md`). Each writer turns that model into one format and
//! knows nothing of the others:
//!
//! - [`html`]: one self-contained page with inline CSS and SVG charts;
//! - [`markdown`]: tables and a Mermaid gantt block;
//! - [`csv_table`]: one row per task;
//!
//! [`raci`] builds the ownership matrix every format but Mermaid and
//! Graphviz shows.
//!
//! - [`mermaid`]: a Mermaid gantt chart;
//! - [`dot`]: the dependency graph for Graphviz;
//! - [`json`]: the model itself.
//!
//! [`diff`] writes the difference between two versions of a plan
//! ([`prog_diff::Diff`]) in the same spirit.
//!
//! User text (titles, mitigations, messages) is escaped by the helper in
//! [`escape`] that belongs to the output format.

pub mod amount;
pub mod csv_table;
pub mod diff;
pub mod dot;
pub mod escape;
mod evm_chart;
mod gantt;
mod graph;
pub mod html;
pub mod json;
pub mod markdown;
pub mod mermaid;
mod model;
pub mod page;
pub mod raci;
pub mod register;
mod scurve;
pub mod status;
mod svg;
mod weeks;

pub use model::*;
pub use register::ExternalRow;

/// The output formats of `prog report`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Html,
    Markdown,
    Json,
    Csv,
    Mermaid,
    Dot,
}

/// `report` written in `format`.
pub fn render(report: &Report, format: Format) -> String {
    match format {
        Format::Html => html::write(report),
        Format::Markdown => markdown::write(report),
        Format::Json => json::write(report),
        Format::Csv => csv_table::write(report),
        Format::Mermaid => mermaid::write(report),
        Format::Dot => dot::write(report),
    }
}
