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

/// The diff as JSON, pretty-printed.
pub fn json(diff: &Diff) -> String {
    serde_json::to_string_pretty(diff).unwrap_or_default() + "\n"
}

/// Who to tell, as unescaped text per stakeholder id (for the status
/// report, whose writers escape).
pub(crate) fn tell_plain(diff: &Diff) -> Vec<(String, Vec<String>)> {
    tell::plain(diff)
}
