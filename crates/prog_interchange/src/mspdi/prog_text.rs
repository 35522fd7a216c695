//! Writing `.prog` text from another tool's data safely: ids made from
//! names, strings and comments escaped so that no name or note can add a
//! statement to the plan, amounts in Prog's units, and the record of what
//! could not be kept.

use rustc_hash::FxHashSet;

/// Ids made from names: snake_case, never a keyword, unique in the plan,
/// the same for the same names in the same order.
#[derive(Default)]
pub struct Ids {
    used: FxHashSet<String>,
}

impl Ids {
    /// An id for `name`, or for `fallback` (`task_12`) when the name has no
    /// letter or digit.
    pub fn make(&mut self, name: Option<&str>, fallback: &str) -> String {
        let mut base = String::new();
        for c in name.unwrap_or_default().chars() {
            if c.is_ascii_alphanumeric() {
                base.push(c.to_ascii_lowercase());
            } else if !base.is_empty() && !base.ends_with('_') {
                base.push('_');
            }
        }
        let mut base = base.trim_end_matches('_').to_string();
        // Ids stay short enough to read.
        if base.len() > 40 {
            base.truncate(40);
            base = base.trim_end_matches('_').to_string();
        }
        if base.is_empty() {
            base = fallback.to_string();
        }
        if base.starts_with(|c: char| c.is_ascii_digit()) {
            base = format!("{fallback}_{base}");
        }
        if is_keyword(&base) {
            base.push('_');
        }
        let mut id = base.clone();
        let mut n = 2;
        while !self.used.insert(id.clone()) {
            id = format!("{base}_{n}");
            n += 1;
        }
        id
    }
}

fn is_keyword(word: &str) -> bool {
    prog_syntax::KEYWORDS
        .iter()
        .any(|k| k.keyword_text() == Some(word))
}

/// A `.prog` string literal, quotes included: `"` and `\` escaped, line
/// breaks and tabs as `\n` and `\t`, other control characters dropped.
pub fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Comment lines for a note: every line starts with `#`, so nothing in the
/// note is read as plan text.
pub fn comment(out: &mut String, indent: &str, note: &str) {
    for line in note.split(['\n', '\r']) {
        let line: String = line.chars().filter(|c| !c.is_control()).collect();
        let line = line.trim_end();
        if line.is_empty() {
            continue;
        }
        out.push_str(indent);
        out.push_str("# ");
        out.push_str(line);
        out.push('\n');
    }
}

/// Working time in Prog's units from minutes of a day of
/// `minutes_per_day`: whole days as `Nd`, else whole hours as `Nh`. The
/// flag says whether it was rounded to the hour.
pub fn work(minutes: f64, minutes_per_day: f64, signed: bool) -> (String, bool) {
    let hours_exact = minutes / minutes_per_day * 8.0;
    let hours = hours_exact.round() as i64;
    let rounded = (hours_exact - hours as f64).abs() > 1e-6;
    let sign = match (signed, hours < 0) {
        (true, true) => "-",
        (true, false) => "+",
        (false, _) => "",
    };
    let abs = hours.unsigned_abs();
    let text = if abs.is_multiple_of(8) {
        format!("{sign}{}d", abs / 8)
    } else {
        format!("{sign}{abs}h")
    };
    (text, rounded)
}

/// A number as `.prog` writes money: at most two decimals.
pub fn amount(value: f64) -> String {
    let text = format!("{:.2}", value.max(0.0));
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// What an import could not keep, by kind, in the order first met.
#[derive(Default, Debug)]
pub struct Losses {
    kinds: Vec<(String, Vec<String>)>,
}

impl Losses {
    pub fn add(&mut self, kind: &str, item: &str) {
        match self.kinds.iter_mut().find(|(k, _)| k == kind) {
            Some((_, items)) => items.push(item.to_string()),
            None => self.kinds.push((kind.to_string(), vec![item.to_string()])),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
    }

    /// One line per kind: the count and the first few items.
    pub fn lines(&self) -> Vec<String> {
        self.kinds
            .iter()
            .map(|(kind, items)| {
                let shown: Vec<&str> = items.iter().take(3).map(String::as_str).collect();
                let more = match items.len().saturating_sub(3) {
                    0 => String::new(),
                    n => format!(" and {n} more"),
                };
                format!("{} × {kind}: {}{more}", items.len(), shown.join(", "))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_snake_case_unique_and_never_keywords() {
        let mut ids = Ids::default();
        assert_eq!(ids.make(Some("Design the API"), "task"), "design_the_api");
        assert_eq!(ids.make(Some("Design the API!"), "task"), "design_the_api_2");
        assert_eq!(ids.make(Some("2nd review"), "task"), "task_2nd_review");
        assert_eq!(ids.make(Some("Milestone"), "task"), "milestone_");
        assert_eq!(ids.make(Some("—"), "task_7"), "task_7");
        assert_eq!(ids.make(None, "task_7"), "task_7_2");
    }

    #[test]
    fn strings_and_comments_cannot_break_out() {
        assert_eq!(string("a \"b\" \\ c\nd\te\u{7}"), r#""a \"b\" \\ c\nd\te""#);
        let mut out = String::new();
        comment(&mut out, "  ", "first\r} task evil { duration 1d }\n\nlast");
        assert_eq!(out, "  # first\n  # } task evil { duration 1d }\n  # last\n");
    }

    #[test]
    fn work_is_whole_days_or_hours() {
        // 960 minutes of 480-minute days: 2 days; 720: 12 hours (1.5 days).
        assert_eq!(work(960.0, 480.0, false), ("2d".into(), false));
        assert_eq!(work(720.0, 480.0, false), ("12h".into(), false));
        // A 7.5-hour day (450 minutes): 900 minutes are 2 working days.
        assert_eq!(work(900.0, 450.0, false), ("2d".into(), false));
        assert_eq!(work(-480.0, 480.0, true), ("-1d".into(), false));
        assert_eq!(work(90.0, 480.0, true), ("+2h".into(), true));
    }
}
