//! The RACI matrix as an HTML table.

use std::fmt::Write;

use super::RaciMatrix;
use crate::escape::html;

pub fn section(raci: &RaciMatrix, out: &mut String) {
    if raci.is_empty() {
        return;
    }
    out.push_str(
        "<section id=\"raci\"><h2>Ownership (RACI)</h2><table><thead><tr><th>group or milestone</th>",
    );
    for party in &raci.parties {
        let _ = write!(out, "<th><code>{}</code></th>", html(party));
    }
    out.push_str("<th></th></tr></thead><tbody>");
    for row in &raci.rows {
        let _ = write!(
            out,
            "<tr><td>{} <code>{}</code></td>",
            html(row.title.as_deref().unwrap_or("")),
            html(&row.id)
        );
        for cell in &row.cells {
            let _ = write!(out, "<td>{cell}</td>");
        }
        match &row.flag {
            Some(flag) => {
                let _ = write!(out, "<td class=\"bad\">{}</td></tr>", html(flag));
            }
            None => out.push_str("<td></td></tr>"),
        }
    }
    out.push_str("</tbody></table></section>\n");
}
