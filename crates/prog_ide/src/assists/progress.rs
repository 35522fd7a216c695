//! Recording progress: "Mark done" and "Set progress to N%" on a task's
//! header, "Move the status date to today" on the program's.

use chrono::NaiveDate;
use prog_db::Project;
use prog_plan::status::TaskStatus;
use prog_syntax::TokenKind;
use prog_syntax::ast::{Decl, DeclKind};

use super::edit::{add_statement, decl_at, on_header};
use super::{Assist, AssistConfig, AssistKind};
use crate::model::task_of;
use crate::syntax::ItemSyntax;
use crate::{FileRange, SourceChange, TextEdit};

/// Steps offered by "Set progress".
const STEPS: [u8; 3] = [25, 50, 75];

pub(super) fn assists(
    db: &dyn salsa::Database,
    project: Project,
    range: FileRange,
    config: AssistConfig,
    out: &mut Vec<Assist>,
) {
    let Some((item, decl)) = decl_at(db, range.file, range.span.start()) else {
        return;
    };
    // Offered on a declaration's header only, not at every cursor in its body.
    if !on_header(&item, decl, range.span.start()) {
        return;
    }
    let text = range.file.text(db);
    let plan = prog_db::plan_shape(db, project);
    match decl.kind {
        DeclKind::Program => {
            if let Some(today) = config.today.filter(|&t| Some(t) != plan.program.status_date) {
                let edit = set_statement(
                    &item,
                    decl,
                    TokenKind::StatusDate,
                    &format!("status_date {today}"),
                    text,
                );
                push(
                    out,
                    range,
                    format!("Move the status date to today ({today})"),
                    edit,
                );
            }
        }
        DeclKind::Task | DeclKind::Milestone => {
            let Some(id) = decl.name.as_ref().and_then(|n| task_of(db, project, &n.text)) else {
                return;
            };
            let task = plan.task(id);
            if TaskStatus::of(task) == TaskStatus::Done {
                return;
            }
            let mut done = "done".to_string();
            if let (Some(status_date), None) = (plan.program.status_date, task.actuals.finish) {
                done.push_str(&format!("  actual_finish {status_date}"));
            }
            // `done` replaces the progress figures; `remaining` would contradict it.
            let mut change = SourceChange::default();
            let remaining = statement(decl, TokenKind::Remaining);
            let replaced = statement(decl, TokenKind::Progress).or(remaining);
            if let (Some(remaining), Some(replaced)) = (remaining, replaced)
                && remaining.span != replaced.span
            {
                change.push(
                    range.file,
                    TextEdit {
                        span: item.abs(remaining.span),
                        insert: String::new(),
                    },
                );
            }
            let edit = match replaced {
                Some(stmt) => Some(TextEdit {
                    span: item.abs(stmt.span),
                    insert: done,
                }),
                None => add_statement(&item, decl, &done, text),
            };
            let Some(edit) = edit else { return };
            change.push(range.file, edit);
            out.push(Assist {
                title: "Mark done".to_string(),
                kind: AssistKind::Refactor,
                diagnostic: None,
                change,
            });
            if decl.kind == DeclKind::Task {
                for percent in STEPS.into_iter().filter(|&p| p > task.progress) {
                    let edit = set_statement(
                        &item,
                        decl,
                        TokenKind::Progress,
                        &format!("progress {percent}%"),
                        text,
                    );
                    push(out, range, format!("Set progress to {percent}%"), edit);
                }
            }
        }
        _ => {}
    }
}

fn statement(decl: &Decl, keyword: TokenKind) -> Option<&prog_syntax::ast::Stmt> {
    decl.stmts.iter().find(|s| s.keyword == keyword)
}

/// Replaces the statement led by `keyword` with `statement`, or adds it.
fn set_statement(
    item: &ItemSyntax,
    decl: &Decl,
    keyword: TokenKind,
    statement: &str,
    text: &str,
) -> Option<TextEdit> {
    match self::statement(decl, keyword) {
        Some(stmt) => Some(TextEdit {
            span: item.abs(stmt.span),
            insert: statement.to_string(),
        }),
        None => add_statement(item, decl, statement, text),
    }
}

fn push(out: &mut Vec<Assist>, range: FileRange, title: String, edit: Option<TextEdit>) {
    if let Some(edit) = edit {
        out.push(Assist {
            title,
            kind: AssistKind::Refactor,
            diagnostic: None,
            change: SourceChange::single(range.file, edit),
        });
    }
}

/// Today's date in UTC, for [`AssistConfig::today`].
pub fn today() -> NaiveDate {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|epoch| epoch.checked_add_days(chrono::Days::new(days)))
        .unwrap_or_default()
}
