//! GitHub issues as `gh issue list --json
//! number,title,state,closedAt,createdAt,assignees,labels,milestone`
//! writes them: an array of objects. The key is `#123`, or
//! `owner/repo#123` when the objects have their `url`. Open or closed
//! only: an issue is done or not started, never partly done.

use serde::Deserialize;

use crate::values::parse_date;
use crate::{Assignee, Issue, Parent, SourceError, Status};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct GhIssue {
    number: u64,
    title: String,
    state: String,
    #[serde(default)]
    closed_at: Option<String>,
    #[serde(default)]
    assignees: Vec<GhUser>,
    #[serde(default)]
    labels: Vec<GhLabel>,
    #[serde(default)]
    milestone: Option<GhMilestone>,
    #[serde(default)]
    url: Option<String>,
}

#[derive(Deserialize)]
struct GhUser {
    login: String,
    #[serde(default)]
    name: Option<String>,
}

#[derive(Deserialize)]
struct GhLabel {
    name: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct GhMilestone {
    #[serde(default)]
    title: String,
    #[serde(default)]
    due_on: Option<String>,
}

pub fn read(text: &str) -> Result<Vec<Issue>, SourceError> {
    let issues: Vec<GhIssue> = serde_json::from_str(text).map_err(|e| SourceError {
        line: e.line() as u64,
        column: e.column() as u64,
        message: e.to_string(),
    })?;
    // serde_json gives no places for values read well: each issue's line
    // is that of the `{` that opens it.
    let mut lines = element_starts(text)
        .into_iter()
        .map(|at| text[..at].matches('\n').count() as u64 + 1);
    Ok(issues
        .into_iter()
        .map(|gh| issue(gh, lines.next().unwrap_or(1)))
        .collect())
}

fn issue(gh: GhIssue, line: u64) -> Issue {
    let repo = gh.url.as_deref().and_then(repository);
    let key = match repo {
        Some(repo) => format!("{repo}#{}", gh.number),
        None => format!("#{}", gh.number),
    };
    let mut issue = Issue::new(key, gh.title, line);
    issue.status = if gh.state.eq_ignore_ascii_case("closed") {
        Status::Done
    } else {
        Status::ToDo
    };
    issue.status_name = gh.state.to_ascii_lowercase();
    issue.resolved = gh
        .closed_at
        .as_deref()
        .and_then(parse_date)
        .filter(|_| issue.status == Status::Done);
    issue.assignee = gh.assignees.into_iter().next().map(|user| Assignee {
        name: user
            .name
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| user.login.clone()),
        id: Some(user.login),
    });
    // `gh` writes a milestone-less issue's milestone as null or as an empty one.
    issue.parent = gh
        .milestone
        .filter(|m| !m.title.trim().is_empty())
        .map(|m| Parent {
            key: None,
            due: m.due_on.as_deref().and_then(parse_date),
            title: Some(m.title),
        });
    issue.is_epic = gh.labels.iter().any(|l| l.name.eq_ignore_ascii_case("epic"));
    issue
}

/// The offsets of the `{` of each object of the top-level array (strings
/// skipped: a title may hold braces).
fn element_starts(text: &str) -> Vec<usize> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let mut starts = Vec::new();
    for (i, b) in text.bytes().enumerate() {
        match (in_string, b) {
            (true, _) if escaped => escaped = false,
            (true, b'\\') => escaped = true,
            (true, b'"') => in_string = false,
            (true, _) => {}
            (false, b'"') => in_string = true,
            (false, b'{' | b'[') => {
                if depth == 1 && b == b'{' {
                    starts.push(i);
                }
                depth += 1;
            }
            (false, b'}' | b']') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    starts
}

/// `owner/repo` of an issue's URL, `https://github.com/owner/repo/issues/12`.
fn repository(url: &str) -> Option<String> {
    let path = url.split("://").nth(1)?.split_once('/')?.1;
    let mut parts = path.split('/');
    let (owner, repo) = (parts.next()?, parts.next()?);
    (!owner.is_empty() && !repo.is_empty()).then(|| format!("{owner}/{repo}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    const LIST: &str = r#"[
  {
    "assignees": [{"id": "MDQ6VXNlcjE=", "login": "octocat", "name": "Mona Lisa"}],
    "closedAt": "2026-12-03T17:20:11Z",
    "createdAt": "2026-11-20T08:00:00Z",
    "labels": [{"id": "LA_1", "name": "bug", "description": "", "color": "d73a4a"}],
    "milestone": {"number": 2, "title": "v1.0", "description": "", "dueOn": "2026-12-31T00:00:00Z"},
    "number": 12,
    "state": "CLOSED",
    "title": "Crash on empty plan"
  },
  {
    "assignees": [],
    "closedAt": null,
    "createdAt": "2026-11-21T08:00:00Z",
    "labels": [],
    "milestone": null,
    "number": 13,
    "state": "OPEN",
    "title": "Dark mode"
  }
]"#;

    #[test]
    fn gh_issue_list_json_reads_into_issues() {
        let issues = read(LIST).unwrap();
        let crash = &issues[0];
        assert_eq!(crash.key, "#12");
        assert_eq!(crash.status, Status::Done);
        assert_eq!(crash.resolved, NaiveDate::from_ymd_opt(2026, 12, 3));
        assert_eq!(crash.line, 2);
        let assignee = crash.assignee.as_ref().unwrap();
        assert_eq!(
            (assignee.name.as_str(), assignee.id.as_deref()),
            ("Mona Lisa", Some("octocat"))
        );
        let milestone = crash.parent.as_ref().unwrap();
        assert_eq!(milestone.title.as_deref(), Some("v1.0"));
        assert_eq!(milestone.due, NaiveDate::from_ymd_opt(2026, 12, 31));
        let dark = &issues[1];
        assert_eq!(
            (dark.key.as_str(), dark.status, dark.resolved),
            ("#13", Status::ToDo, None)
        );
        assert_eq!(
            (dark.assignee.clone(), dark.parent.clone(), dark.line),
            (None, None, 12)
        );
    }

    #[test]
    fn a_url_gives_the_repository_in_the_key() {
        let text = r#"[{"number": 5, "title": "x", "state": "OPEN", "url": "https://github.com/acme/shop/issues/5"}]"#;
        assert_eq!(read(text).unwrap()[0].key, "acme/shop#5");
    }

    #[test]
    fn malformed_json_is_located() {
        let error = read("[\n  {\"number\": 1, \"title\": \"a\", \"state\": OPEN}\n]")
            .err()
            .unwrap();
        assert_eq!(error.line, 2);
        assert!(error.column > 30, "{error}");
        let missing = read(r#"[{"number": 1, "state": "OPEN"}]"#).err().unwrap();
        assert!(missing.message.contains("title"), "{missing}");
    }
}
