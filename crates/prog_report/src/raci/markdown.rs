//! The RACI matrix as a Markdown table.

use std::fmt::Write;

use super::RaciMatrix;
use crate::escape::markdown as md;

pub fn section(raci: &RaciMatrix, out: &mut String) {
    if raci.is_empty() {
        return;
    }
    out.push_str("\n## Ownership (RACI)\n\n| Group or milestone |");
    for party in &raci.parties {
        let _ = write!(out, " `{party}` |");
    }
    out.push_str(" |\n|---|");
    out.push_str(&"---|".repeat(raci.parties.len() + 1));
    out.push('\n');
    for row in &raci.rows {
        let name = match &row.title {
            Some(title) => format!("{} (`{}`)", md(title), row.id),
            None => format!("`{}`", row.id),
        };
        let _ = write!(out, "| {name} |");
        for cell in &row.cells {
            let _ = write!(out, " {cell} |");
        }
        let flag = row.flag.as_deref().map_or(String::new(), |f| format!("⚠ {f}"));
        let _ = writeln!(out, " {flag} |");
    }
}
