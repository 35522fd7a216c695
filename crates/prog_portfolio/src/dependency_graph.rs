//! The dependencies between programs drawn as a graph: Mermaid for
//! Markdown, inline SVG for HTML. Each program that waits or is waited
//! for is a node; an edge goes from the program whose milestone it is to
//! the program waiting, labelled with the milestone and the slack.

use std::fmt::Write;

use prog_report::escape::{html, mermaid};

use crate::{Dependency, Portfolio};

/// The nodes: the names of the programs in the portfolio that take part,
/// then the paths of other plans named, each once, by id.
fn nodes(p: &Portfolio) -> Vec<(String, String)> {
    let mut nodes: Vec<(String, String)> = Vec::new();
    for id in p.dependencies.iter().flat_map(|d| [&d.on, &d.waiting]) {
        if nodes.iter().any(|(known, _)| known == id) {
            continue;
        }
        nodes.push((id.clone(), p.program_name(id).to_string()));
    }
    nodes
}

fn label(d: &Dependency) -> String {
    format!("{} · {}", d.milestone, d.slack_text())
}

/// A Mermaid flowchart, left to right.
pub(crate) fn mermaid_chart(p: &Portfolio) -> String {
    let nodes = nodes(p);
    let index = |id: &str| nodes.iter().position(|(n, _)| n == id).unwrap_or(0);
    let mut out = String::from("```mermaid\nflowchart LR\n");
    for (i, (_, name)) in nodes.iter().enumerate() {
        let _ = writeln!(out, "  p{i}[\"{}\"]", mermaid(name));
    }
    for d in &p.dependencies {
        let _ = writeln!(
            out,
            "  p{} -->|\"{}\"| p{}",
            index(&d.on),
            mermaid(&label(d)),
            index(&d.waiting)
        );
    }
    out.push_str("```\n");
    out
}

const BOX_WIDTH: usize = 220;
const BOX_HEIGHT: usize = 40;
const COLUMN: usize = 340;
const ROW: usize = 70;

/// Each node's column: 0 for a program that waits for none, else one after
/// the furthest of those it waits for (programs waiting on each other are
/// errors, so the edges have no cycle; the bound keeps that from
/// mattering).
fn columns(p: &Portfolio, nodes: &[(String, String)]) -> Vec<usize> {
    let mut column = vec![0; nodes.len()];
    let index = |id: &str| nodes.iter().position(|(n, _)| n == id).unwrap_or(0);
    for _ in 0..nodes.len() {
        for d in &p.dependencies {
            let (on, waiting) = (index(&d.on), index(&d.waiting));
            column[waiting] = column[waiting].max(column[on] + 1);
        }
    }
    column.iter().map(|c| (*c).min(nodes.len())).collect()
}

/// An inline SVG: the programs in columns, each waiting program right of
/// those it waits for; a late dependency's edge is red.
pub(crate) fn svg(p: &Portfolio) -> String {
    let nodes = nodes(p);
    let column = columns(p, &nodes);
    let mut row_in_column = vec![0; nodes.len() + 1];
    let mut at = Vec::with_capacity(nodes.len());
    for c in &column {
        at.push((10 + c * COLUMN, 10 + row_in_column[*c] * ROW));
        row_in_column[*c] += 1;
    }
    let width = 20 + (column.iter().max().copied().unwrap_or(0)) * COLUMN + BOX_WIDTH;
    let height = 20 + row_in_column.iter().max().copied().unwrap_or(1) * ROW;
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg class=\"dependencies\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         role=\"img\" aria-label=\"Dependencies between programs\">\
         <defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" \
         orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>"
    );
    let index = |id: &str| nodes.iter().position(|(n, _)| n == id).unwrap_or(0);
    for d in &p.dependencies {
        let ((x1, y1), (x2, y2)) = (at[index(&d.on)], at[index(&d.waiting)]);
        let (x1, y1, x2, y2) = (x1 + BOX_WIDTH, y1 + BOX_HEIGHT / 2, x2, y2 + BOX_HEIGHT / 2);
        let colour = if d.is_late() { "#c0392b" } else { "#555" };
        let _ = write!(
            out,
            "<path d=\"M{x1},{y1} C{},{y1} {},{y2} {x2},{y2}\" fill=\"none\" stroke=\"{colour}\" \
             marker-end=\"url(#arrow)\"/><text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"middle\" \
             fill=\"{colour}\">{}</text>",
            x1 + 40,
            x2.saturating_sub(40),
            (x1 + x2) / 2,
            (y1 + y2) / 2 - 6,
            html(&label(d))
        );
    }
    for ((_, name), (x, y)) in nodes.iter().zip(&at) {
        let _ = write!(
            out,
            "<rect x=\"{x}\" y=\"{y}\" width=\"{BOX_WIDTH}\" height=\"{BOX_HEIGHT}\" rx=\"6\" fill=\"#f4f6f8\" \
             stroke=\"#888\"/><text x=\"{}\" y=\"{}\" font-size=\"13\" text-anchor=\"middle\">{}</text>",
            x + BOX_WIDTH / 2,
            y + BOX_HEIGHT / 2 + 5,
            html(&shortened(name))
        );
    }
    out.push_str("</svg>");
    out
}

/// A name cut to what fits in a box.
fn shortened(name: &str) -> String {
    const FITS: usize = 30;
    if name.chars().count() <= FITS {
        return name.to_string();
    }
    let cut: String = name.chars().take(FITS - 1).collect();
    format!("{cut}…")
}
