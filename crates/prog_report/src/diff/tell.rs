//! The words of "who to tell": one line per reason a stakeholder needs an
//! update, grouped per stakeholder.

use prog_diff::{Diff, TellReason};

use super::words::{self, Style};

/// Per stakeholder to tell (named as the format names things), the one-line
/// reasons.
pub(super) fn grouped(s: &dyn Style, diff: &Diff) -> Vec<(String, Vec<String>)> {
    diff.tell
        .iter()
        .map(|t| {
            let who = words::named(s, &t.stakeholder, t.title.as_deref());
            (who, t.reasons.iter().map(|r| reason(s, r)).collect())
        })
        .collect()
}

fn reason(s: &dyn Style, r: &TellReason) -> String {
    match r {
        TellReason::MilestoneMoved { id, title, moved } => format!(
            "milestone {} moved {}",
            words::named(s, id, title.as_deref()),
            words::moved(moved)
        ),
        TellReason::GroupFinishMoved { id, title, moved } => format!(
            "the finish of {} moved {}",
            words::named(s, id, title.as_deref()),
            words::moved(moved)
        ),
        TellReason::RiskAppeared { id, title, affects } => format!(
            "new risk {} affects {}",
            words::named(s, id, title.as_deref()),
            words::ids(s, affects)
        ),
        TellReason::ApprovalChanged {
            id,
            title,
            change,
            status,
        } => {
            let mut line = format!("approval {} {change}", words::named(s, id, title.as_deref()));
            if let Some(status) = status {
                line.push_str(&format!(": {} → {}", status.old, status.new));
            }
            line
        }
    }
}

/// Ids as they are, titles in quotes: text for a model another writer
/// escapes (the status report's stakeholders due an update).
struct Plain;

impl Style for Plain {
    fn id(&self, id: &str) -> String {
        id.to_string()
    }
    fn text(&self, text: &str) -> String {
        format!("\"{text}\"")
    }
    fn plain(&self, text: &str) -> String {
        text.to_string()
    }
}

/// Per stakeholder id to tell, the reasons as unescaped text.
pub(crate) fn plain(diff: &Diff) -> Vec<(String, Vec<String>)> {
    diff.tell
        .iter()
        .map(|t| {
            (
                t.stakeholder.clone(),
                t.reasons.iter().map(|r| reason(&Plain, r)).collect(),
            )
        })
        .collect()
}
