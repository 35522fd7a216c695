//! The words for blocked work, action items and stakeholders that changed:
//! `+` blocked or added, `-` unblocked or removed, `~` done.

use prog_diff::PeopleChanges;

use super::words::{Style, ids};

/// One line per change, with its marker.
pub(super) fn lines(s: &dyn Style, p: &PeopleChanges) -> Vec<(char, String)> {
    let mut lines: Vec<(char, String)> = p
        .blocked
        .iter()
        .map(|b| ('+', format!("blocked {}: {}", s.id(&b.id), s.text(&b.reason))))
        .collect();
    let mut list = |marker: char, what: &str, list: &[String]| {
        if !list.is_empty() {
            lines.push((marker, format!("{what} {}", ids(s, list))));
        }
    };
    list('-', "unblocked", &p.unblocked);
    list('+', "new action", &p.actions_added);
    list('~', "action done", &p.actions_done);
    list('-', "action removed", &p.actions_removed);
    list('+', "new stakeholder", &p.stakeholders_added);
    list('-', "stakeholder removed", &p.stakeholders_removed);
    lines
}
