//! Any CSV (Linear, Azure DevOps, a spreadsheet): its columns named as
//! the fields, which are named as the statements they fill, or mapped to
//! them with `--map "Issue ID=key"`.

use super::table::{Row, Table};
use crate::values::{parse_date, parse_percent, table_duration_hours};
use crate::{Assignee, Issue, Parent, SourceError, Status};

/// The fields a column can hold. Durations are `.prog` durations (`3d`)
/// or numbers of hours; `done` is yes/no; `after` lists keys; `assign`
/// is a person's key; `group` the key of the parent.
pub const FIELDS: [&str; 14] = [
    "key",
    "title",
    "status",
    "progress",
    "remaining",
    "actual_effort",
    "actual_start",
    "actual_finish",
    "done",
    "effort",
    "deadline",
    "after",
    "assign",
    "group",
];

/// `COLUMN=FIELD` from `--map`, the field checked.
pub fn parse_map(text: &str) -> Result<(String, String), String> {
    let (column, field) = text
        .rsplit_once('=')
        .ok_or_else(|| format!("--map {text:?}: write COLUMN=FIELD"))?;
    let field = field.trim().to_ascii_lowercase();
    if !FIELDS.contains(&field.as_str()) {
        return Err(format!(
            "--map {text:?}: no field {field:?}; the fields are {}",
            FIELDS.join(", ")
        ));
    }
    Ok((column.trim().to_string(), field))
}

pub fn read(text: &str, map: &[(String, String)]) -> Result<Vec<Issue>, SourceError> {
    let table = Table::read(text)?;
    let column = |field: &str| -> String {
        map.iter()
            .rev()
            .find(|(_, f)| f == field)
            .map_or_else(|| field.to_string(), |(c, _)| c.clone())
    };
    if let Some((missing, _)) = map.iter().find(|(c, _)| !table.has(c)) {
        return Err(SourceError {
            line: 1,
            column: 1,
            message: format!("--map names the column {missing:?}, which the header does not have"),
        });
    }
    if !table.has(&column("key")) {
        return Err(SourceError {
            line: 1,
            column: 1,
            message: format!(
                "no `key` column: map the column of the issues' keys with --map \"COLUMN=key\" (the header has: {})",
                table.header().join(", ")
            ),
        });
    }
    let mut issues = Vec::with_capacity(table.rows.len());
    for row in &table.rows {
        issues.push(issue(&Fields {
            table: &table,
            text,
            row,
            column: &column,
        })?);
    }
    Ok(issues)
}

struct Fields<'a> {
    table: &'a Table,
    text: &'a str,
    row: &'a Row,
    column: &'a dyn Fn(&str) -> String,
}

impl Fields<'_> {
    fn get(&self, field: &str) -> Option<&str> {
        self.table.get(self.row, &(self.column)(field))
    }

    /// The value of `field` read by `parse`; an error at it if it does not read.
    fn parsed<T>(
        &self,
        field: &str,
        what: &str,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Result<Option<T>, SourceError> {
        let column = (self.column)(field);
        self.get(field)
            .map(|v| {
                parse(v).ok_or_else(|| {
                    self.table.error(
                        self.text,
                        self.row,
                        &column,
                        format!("`{column}` is not {what}: {v:?}"),
                    )
                })
            })
            .transpose()
    }
}

fn issue(fields: &Fields) -> Result<Issue, SourceError> {
    let key_column = (fields.column)("key");
    let key = fields.get("key").ok_or_else(|| {
        fields.table.error(
            fields.text,
            fields.row,
            &key_column,
            "this issue has no key".into(),
        )
    })?;
    let mut issue = Issue::new(
        key.to_string(),
        fields.get("title").unwrap_or("").to_string(),
        fields.row.line,
    );
    issue.status_name = fields.get("status").unwrap_or("").to_string();
    issue.status = Status::parse(&issue.status_name);
    issue.progress = fields.parsed("progress", "a percentage", parse_percent)?;
    let hours = "a duration (3d, 12h) or a number of hours";
    issue.remaining_hours = fields.parsed("remaining", hours, table_duration_hours)?;
    issue.spent_hours = fields.parsed("actual_effort", hours, table_duration_hours)?;
    issue.estimate_hours = fields.parsed("effort", hours, table_duration_hours)?;
    issue.start = fields.parsed("actual_start", "a date", parse_date)?;
    issue.resolved = fields.parsed("actual_finish", "a date", parse_date)?;
    issue.due = fields.parsed("deadline", "a date", parse_date)?;
    let done = fields.parsed("done", "yes or no", yes_no)?;
    if done == Some(true) || issue.resolved.is_some() || issue.progress == Some(100) {
        issue.status = Status::Done;
    } else if done == Some(false) && matches!(issue.status, Status::Done | Status::Unknown) {
        issue.status = Status::InProgress;
    }
    if issue.status == Status::Unknown && (issue.progress.is_some_and(|p| p > 0) || issue.start.is_some()) {
        issue.status = Status::InProgress;
    }
    if issue.status != Status::Done {
        issue.progress = issue.progress.map(|p| p.min(99));
    }
    issue.assignee = fields.get("assign").map(|name| Assignee {
        name: name.to_string(),
        id: None,
    });
    issue.parent = fields.get("group").map(|key| Parent {
        key: Some(key.to_string()),
        title: None,
        due: None,
    });
    issue.blocked_by = fields
        .get("after")
        .map(|keys| {
            keys.split([',', ';', ' ', '\n'])
                .filter(|k| !k.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    Ok(issue)
}

fn yes_no(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" | "1" | "x" | "done" => Some(true),
        "no" | "n" | "false" | "0" | "" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn map(pairs: &[&str]) -> Vec<(String, String)> {
        pairs.iter().map(|p| parse_map(p).unwrap()).collect()
    }

    #[test]
    fn mapped_columns_fill_the_fields() {
        let text = "ID,Name,Done %,Hours left,Finished on,Blocked by,Owner\n\
                    LIN-1,Schema,100%,,2026-12-01,,Ada\n\
                    LIN-2,API,40,6,,\"LIN-1, LIN-9\",ada@example.com\n";
        let issues = read(
            text,
            &map(&[
                "ID=key",
                "Name=title",
                "Done %=progress",
                "Hours left=remaining",
                "Finished on=actual_finish",
                "Blocked by=after",
                "Owner=assign",
            ]),
        )
        .unwrap();
        assert_eq!(issues[0].status, Status::Done);
        assert_eq!(issues[0].resolved, NaiveDate::from_ymd_opt(2026, 12, 1));
        let api = &issues[1];
        assert_eq!((api.key.as_str(), api.title.as_str()), ("LIN-2", "API"));
        assert_eq!(
            (api.status, api.progress, api.remaining_hours),
            (Status::InProgress, Some(40), Some(6))
        );
        assert_eq!(api.blocked_by, ["LIN-1", "LIN-9"]);
        assert_eq!(api.assignee.as_ref().unwrap().name, "ada@example.com");
    }

    #[test]
    fn columns_named_as_fields_need_no_map() {
        let issues = read("key,title,done,remaining\nA,x,no,2d\n", &[]).unwrap();
        assert_eq!(
            (issues[0].status, issues[0].remaining_hours),
            (Status::InProgress, Some(16))
        );
    }

    #[test]
    fn wrong_maps_and_values_are_errors() {
        assert!(
            parse_map("ID=identifier")
                .unwrap_err()
                .contains("the fields are key, title")
        );
        assert!(parse_map("no equals").is_err());
        let missing = read("Key,Title\nA,x\n", &map(&["ID=key"])).err().unwrap();
        assert!(missing.message.contains("\"ID\""), "{missing}");
        let no_key = read("Ticket,Title\nA,x\n", &[]).err().unwrap();
        assert!(no_key.message.contains("--map"), "{no_key}");
        let bad = read("key,progress\nA,lots\n", &[]).err().unwrap();
        assert_eq!((bad.line, bad.column), (2, 3));
    }
}
