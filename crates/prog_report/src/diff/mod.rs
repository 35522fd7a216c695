//! Writers of a [`prog_diff::Diff`]: a pull-request comment in Markdown,
//! text for a terminal, and JSON (the model itself, schema
//! [`prog_diff::SCHEMA`]). The words for each change are shared
//! ([`words`]); each format only lays them out and escapes.

mod markdown;
mod people;
mod promises;
mod tell;
mod text;
mod words;

use prog_diff::Diff;

/// The diff as a pull-request comment: the headline, then tables.
pub fn markdown(diff: &Diff) -> String {
    markdown::write(diff)
}

/// The diff for a terminal; `colour` adds ANSI colours.
pub fn text(diff: &Diff, colour: bool) -> String {
    text::write(diff, colour)
}

/// The diff as JSON, pretty-printed. Each reason to tell a stakeholder
/// carries its one line (`text`) beside its parts, as the text and the
/// Markdown say it.
pub fn json(diff: &Diff) -> String {
    let mut value = serde_json::to_value(diff).unwrap_or_default();
    if let Some(tell) = value.get_mut("tell").and_then(|t| t.as_array_mut()) {
        for (entry, (_, lines)) in tell.iter_mut().zip(tell::plain(diff)) {
            let reasons = entry.get_mut("reasons").and_then(|r| r.as_array_mut());
            for (reason, line) in reasons.into_iter().flatten().zip(lines) {
                reason["text"] = serde_json::Value::String(line);
            }
        }
    }
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
}

/// Who to tell, as unescaped text per stakeholder id (for the status
/// report, whose writers escape).
pub(crate) fn tell_plain(diff: &Diff) -> Vec<(String, Vec<String>)> {
    tell::plain(diff)
}
