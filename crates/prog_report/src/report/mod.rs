//! The plan report (`prog report`): the model ([`model::Report`], which
//! is also the JSON format) and one writer per format, with the charts
//! they draw. A sibling of [`crate::status`] (the weekly status) and of
//! the portfolio crate, over the shared [`crate::page`] frame,
//! [`crate::amount`] figures and [`crate::escape`].

pub mod csv_table;
pub mod dot;
pub(crate) mod evm_chart;
pub(crate) mod gantt;
pub(crate) mod graph;
pub mod html;
pub mod json;
pub mod markdown;
pub mod mermaid;
pub mod model;
pub(crate) mod scurve;
pub(crate) mod svg;
pub(crate) mod weeks;
