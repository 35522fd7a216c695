//! Tracker exports read into [`Issue`]s, one module per format. Every
//! error names the line and column of the export where it is.

mod github;
mod jira;
mod mapped;
mod table;

use std::fmt;

use crate::Issue;

pub use mapped::{FIELDS, parse_map};

/// The formats `prog sync --from` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Jira Cloud's CSV export, "all fields" or "current fields".
    Jira,
    /// `gh issue list --json number,title,state,closedAt,createdAt,assignees,labels,milestone`.
    Github,
    /// Any CSV, its columns named as the fields (or mapped to them).
    Csv,
}

impl Format {
    /// The format of an export given without `--from`: GitHub's for
    /// `.json`; Jira's for a CSV whose header has Jira's `Issue key`
    /// column; any CSV otherwise.
    pub fn detect(extension: &str, text: &str) -> Format {
        if extension.eq_ignore_ascii_case("json") {
            return Format::Github;
        }
        let header = text.trim_start_matches('\u{feff}').lines().next().unwrap_or("");
        if header.contains("Issue key") {
            Format::Jira
        } else {
            Format::Csv
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Jira => "jira",
            Format::Github => "github",
            Format::Csv => "csv",
        }
    }
}

/// Wrong input, at a line and column of the export (both from 1; the
/// column counts characters).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceError {
    pub line: u64,
    pub column: u64,
    pub message: String,
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

/// The issues of `text`, an export in `format`. `map` pairs a column of a
/// CSV with the field it holds (`--map "Issue ID=key"`); only `Format::Csv`
/// reads it.
pub fn read(text: &str, format: Format, map: &[(String, String)]) -> Result<Vec<Issue>, SourceError> {
    // A byte-order mark (Excel's and Jira's UTF-8 CSV) is no part of the
    // first column's name.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let issues = match format {
        Format::Jira => jira::read(text)?,
        Format::Github => github::read(text)?,
        Format::Csv => mapped::read(text, map)?,
    };
    check_unique(&issues)?;
    Ok(issues)
}

/// Two issues with one key cannot both be synced into one item; a key
/// with a control character could not be written in a plan as it is (and
/// would never match again).
fn check_unique(issues: &[Issue]) -> Result<(), SourceError> {
    let mut seen = std::collections::HashMap::new();
    for issue in issues {
        if issue.key.chars().any(char::is_control) {
            return Err(SourceError {
                line: issue.line,
                column: 1,
                message: format!("the key {:?} has a control character", issue.key),
            });
        }
        if let Some(first) = seen.insert(issue.key.as_str(), issue.line) {
            return Err(SourceError {
                line: issue.line,
                column: 1,
                message: format!(
                    "the key {:?} is already the key of the issue on line {first}",
                    issue.key
                ),
            });
        }
    }
    Ok(())
}
