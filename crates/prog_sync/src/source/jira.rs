//! Jira Cloud's CSV export ("all fields" or "current fields"): estimates
//! and time spent in seconds, dates in Jira's default `04/Dec/26 9:41 AM`
//! or ISO, a status category beside the free-form status, the parent or
//! epic by key or by issue id, "Blocks" links in repeated columns.

use std::collections::HashMap;

use super::table::{Row, Table};
use crate::values::{hours_from_seconds, parse_date};
use crate::{Assignee, Issue, Parent, SourceError, Status};

pub fn read(text: &str) -> Result<Vec<Issue>, SourceError> {
    let table = Table::read(text)?;
    if !table.has("Issue key") {
        return Err(SourceError {
            line: 1,
            column: 1,
            message:
                "no `Issue key` column: not a Jira CSV export (use --from csv with --map for another CSV)"
                    .into(),
        });
    }
    let mut issues = Vec::with_capacity(table.rows.len());
    // What each row names by issue id or key, resolved once all are read.
    let mut parents = Vec::new();
    let mut blocks = Vec::new();
    let mut keys_by_id = HashMap::new();
    for row in &table.rows {
        let issue = issue(&table, text, row)?;
        if let Some(id) = table.get(row, "Issue id") {
            keys_by_id.insert(id.to_string(), issue.key.clone());
        }
        let parent = ["Parent id", "Parent", "Custom field (Epic Link)", "Parent key"]
            .iter()
            .find_map(|column| table.get(row, column))
            .map(|p| {
                (
                    p.to_string(),
                    table.get(row, "Parent summary").map(str::to_string),
                )
            });
        parents.push(parent);
        blocks.push(
            table
                .all(row, "Outward issue link (Blocks)")
                .map(str::to_string)
                .collect::<Vec<_>>(),
        );
        issues.push(issue);
    }
    let key_of = |named: &str| {
        keys_by_id
            .get(named)
            .cloned()
            .unwrap_or_else(|| named.to_string())
    };
    for (i, parent) in parents.into_iter().enumerate() {
        issues[i].parent = parent.map(|(named, title)| Parent {
            key: Some(key_of(&named)),
            title,
            due: None,
        });
    }
    // `A` blocks `B` (A's outward link) is `B` blocked by `A` (B's inward one).
    let index: HashMap<String, usize> = issues
        .iter()
        .enumerate()
        .map(|(i, issue)| (issue.key.clone(), i))
        .collect();
    for (blocker, blocked) in blocks.into_iter().enumerate() {
        for blocked in blocked {
            if let Some(&b) = index.get(&key_of(&blocked)) {
                let key = issues[blocker].key.clone();
                if !issues[b].blocked_by.contains(&key) {
                    issues[b].blocked_by.push(key);
                }
            }
        }
    }
    Ok(issues)
}

fn issue(table: &Table, text: &str, row: &Row) -> Result<Issue, SourceError> {
    let key = table
        .get(row, "Issue key")
        .ok_or_else(|| table.error(text, row, "Issue key", "this issue has no key".into()))?;
    let title = table.get(row, "Summary").unwrap_or("");
    let mut issue = Issue::new(key.to_string(), title.to_string(), row.line);
    let date = |column: &str| -> Result<Option<_>, SourceError> {
        table
            .get(row, column)
            .map(|v| {
                parse_date(v)
                    .ok_or_else(|| table.error(text, row, column, format!("`{column}` is not a date: {v:?}")))
            })
            .transpose()
    };
    let seconds = |column: &str| -> Result<Option<u32>, SourceError> {
        table
            .get(row, column)
            .map(|v| {
                hours_from_seconds(v).ok_or_else(|| {
                    table.error(
                        text,
                        row,
                        column,
                        format!("`{column}` is not a number of seconds: {v:?}"),
                    )
                })
            })
            .transpose()
    };
    issue.status_name = table.get(row, "Status").unwrap_or("").to_string();
    issue.resolved = date("Resolved")?;
    issue.status = match table.get(row, "Status Category") {
        Some(category) => Status::parse(category),
        None if issue.resolved.is_some() || table.get(row, "Resolution").is_some() => Status::Done,
        None => Status::parse(&issue.status_name),
    };
    issue.estimate_hours = seconds("Original Estimate")?;
    issue.remaining_hours = seconds("Remaining Estimate")?;
    issue.spent_hours = seconds("Time Spent")?;
    issue.progress = issue.progress_from_time();
    issue.due = date("Due date")?;
    // The start: a "Start date" field when the instance has one, else the
    // day an issue in progress entered its category.
    issue.start = match date("Custom field (Start date)")?.or(date("Start date")?) {
        Some(start) => Some(start),
        None if issue.status == Status::InProgress => date("Status Category Changed")?,
        None => None,
    };
    issue.assignee = table.get(row, "Assignee").map(|name| Assignee {
        name: name.to_string(),
        id: table.get(row, "Assignee Id").map(str::to_string),
    });
    issue.is_epic = table
        .get(row, "Issue Type")
        .is_some_and(|t| t.eq_ignore_ascii_case("epic"));
    issue.blocked_by = table
        .all(row, "Inward issue link (Blocks)")
        .map(str::to_string)
        .collect();
    Ok(issue)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    const EXPORT: &str = "\
Summary,Issue key,Issue id,Issue Type,Status,Status Category,Status Category Changed,Assignee,Assignee Id,Resolved,Original Estimate,Remaining Estimate,Time Spent,Due date,Parent,Outward issue link (Blocks),Outward issue link (Blocks)
Checkout,PAY-1,10001,Epic,In Progress,In Progress,01/Dec/26 9:00 AM,,,,,,,,,,
\"Card form, with \"\"3-D Secure\"\"
(second line)\",PAY-2,10002,Story,In Review,In Progress,02/Dec/26 10:15 AM,Jane Doe,5b10ac8d82e05b22cc7d4ef5,,57600,14400,43200,2026-12-18,10001,PAY-3,PAY-4
Receipts,PAY-3,10003,Task,Done,Done,03/Dec/26 4:00 PM,Jane Doe,5b10ac8d82e05b22cc7d4ef5,04/Dec/26 9:41 AM,28800,0,36000,,10001,,
Refunds,PAY-4,10004,Task,To Do,To Do,,,,,,,,,PAY-1,,
";

    #[test]
    fn a_jira_export_reads_into_issues() {
        let issues = read(EXPORT).unwrap();
        let keys: Vec<&str> = issues.iter().map(|i| i.key.as_str()).collect();
        assert_eq!(keys, ["PAY-1", "PAY-2", "PAY-3", "PAY-4"]);
        let card = &issues[1];
        assert_eq!(card.title, "Card form, with \"3-D Secure\"\n(second line)");
        assert_eq!(card.line, 3);
        assert_eq!(card.status, Status::InProgress);
        assert_eq!(card.status_name, "In Review");
        // 57600 s = 16 h; 14400 s = 4 h left; 43200 s = 12 h spent:
        // 12 / (12 + 4) = 75%.
        assert_eq!(
            (card.estimate_hours, card.remaining_hours, card.spent_hours),
            (Some(16), Some(4), Some(12))
        );
        assert_eq!(card.progress, Some(75));
        assert_eq!(card.start, NaiveDate::from_ymd_opt(2026, 12, 2));
        assert_eq!(card.due, NaiveDate::from_ymd_opt(2026, 12, 18));
        // The parent by issue id, given back as its key.
        assert_eq!(card.parent.as_ref().unwrap().key.as_deref(), Some("PAY-1"));
        assert_eq!(
            card.assignee.as_ref().unwrap().id.as_deref(),
            Some("5b10ac8d82e05b22cc7d4ef5")
        );
        let receipts = &issues[2];
        assert_eq!(receipts.status, Status::Done);
        assert_eq!(receipts.resolved, NaiveDate::from_ymd_opt(2026, 12, 4));
        assert_eq!(
            receipts.start, None,
            "a done issue's category change is its finish, not its start"
        );
        // PAY-2 blocks PAY-3 and PAY-4 (two "Outward issue link (Blocks)" columns).
        assert_eq!(receipts.blocked_by, ["PAY-2"]);
        assert_eq!(issues[3].blocked_by, ["PAY-2"]);
        assert_eq!(issues[3].parent.as_ref().unwrap().key.as_deref(), Some("PAY-1"));
        assert!(issues[0].is_epic);
    }

    #[test]
    fn a_bad_value_is_an_error_at_its_field() {
        let text = "Issue key,Summary,Time Spent\nPAY-1,A,3600\nPAY-2,B,an hour\n";
        let error = read(text).err().unwrap();
        assert_eq!((error.line, error.column), (3, 9));
        assert!(error.message.contains("Time Spent"), "{}", error.message);
        let no_key = read("Summary,Status\nA,Done\n").err().unwrap();
        assert!(no_key.message.contains("Issue key"), "{}", no_key.message);
    }
}
