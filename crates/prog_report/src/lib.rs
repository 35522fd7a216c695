//! Reports on a scheduled plan, for people and for tools, by family:
//!
//! - [`report`]: the plan report (`prog report`). [`Report::new`] gathers
//!   everything it shows from the plan model, its schedule, its resource
//!   load and its diagnostics into one serialisable [`Report`] (which is
//!   also the JSON format, see `docs/report.md`); each writer turns that
//!   model into one format and knows nothing of the others: [`html`] (one
//!   self-contained page with inline CSS and SVG charts), [`markdown`],
//!   [`csv_table`], [`mermaid`], [`dot`] and [`json`].
//! - [`status`]: the weekly status report (`prog status`).
//! - [`diff`]: the difference between two versions of a plan
//!   ([`prog_diff::Diff`]), as `prog diff` writes it.
//!
//! What the families share: [`page`] (the frame and the one stylesheet of
//! every HTML page, the portfolio's included), [`amount`] (money,
//! person-days and indices), [`escape`] (user text, one function per
//! output format), and the sections more than one shows: [`raci`] (the
//! ownership matrix) and [`register`] (the dependency register).

pub mod amount;
pub mod diff;
pub mod escape;
pub mod page;
pub mod raci;
pub mod register;
pub mod report;
pub mod status;

pub use register::ExternalRow;
pub use report::model::*;
pub use report::{csv_table, dot, html, json, markdown, mermaid};
// The report's drawing helpers, by their short paths inside the crate.
use report::{evm_chart, gantt, graph, scurve, svg, weeks};

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
