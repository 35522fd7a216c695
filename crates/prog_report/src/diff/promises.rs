//! The words of externals whose promise changed, for the terminal and
//! Markdown writers: `expected 2027-02-10 → 2027-02-17; status committed →
//! at_risk`.

use prog_diff::PromiseChange;

use super::words::Style;

/// Each change of one external's promise, in words.
pub fn edits(c: &PromiseChange) -> Vec<String> {
    let none = || "none".to_string();
    let mut out = Vec::new();
    if let Some(e) = &c.expected {
        let show = |v: &Option<String>| v.clone().unwrap_or_else(none);
        out.push(format!("expected {} → {}", show(&e.old), show(&e.new)));
    }
    if let Some(d) = &c.delivered {
        let show = |v: &Option<chrono::NaiveDate>| v.map_or_else(none, |d| d.to_string());
        out.push(format!("delivered {} → {}", show(&d.old), show(&d.new)));
    }
    if let Some(s) = &c.status {
        out.push(format!("status {} → {}", s.old, s.new));
    }
    out
}

/// One line per external: its name, then its edits.
pub fn lines(s: &dyn Style, promises: &[PromiseChange]) -> Vec<(String, String)> {
    promises
        .iter()
        .map(|c| {
            (
                super::words::named(s, &c.id, c.title_now.as_deref()),
                edits(c).join("; "),
            )
        })
        .collect()
}
