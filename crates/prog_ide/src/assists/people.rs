//! "Mark action done" on an open action's header, and "Unblock" on a
//! blocked task's or milestone's header or its `blocked` statement.

use prog_db::Project;
use prog_syntax::TokenKind;
use prog_syntax::ast::DeclKind;

use super::edit::{add_statement, decl_at, on_header, statement_line};
use super::{Assist, AssistConfig, AssistKind};
use crate::{FileRange, SourceChange, TextEdit};

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
    let text = range.file.text(db);
    let at = range.span.start();
    match decl.kind {
        DeclKind::Action if on_header(&item, decl, at) => {
            let plan = &prog_db::resolved(db, project).plan;
            let Some(name) = &decl.name else { return };
            let open = plan
                .people
                .actions
                .iter()
                .any(|a| a.id == name.text && a.done.is_none());
            if !open {
                return;
            }
            // Done on the status date (the day the plan speaks of), else today.
            let statement = match plan.program.status_date.or(config.today) {
                Some(date) => format!("done {date}"),
                None => "done".to_string(),
            };
            if let Some(edit) = add_statement(&item, decl, &statement, text) {
                out.push(Assist {
                    title: "Mark action done".to_string(),
                    kind: AssistKind::Refactor,
                    diagnostic: None,
                    change: SourceChange::single(range.file, edit),
                });
            }
        }
        DeclKind::Task | DeclKind::Milestone => {
            let Some(blocked) = decl.stmts.iter().find(|s| s.keyword == TokenKind::Blocked) else {
                return;
            };
            let in_blocked = item.abs(blocked.span).start() <= at && at <= item.abs(blocked.span).end();
            if !(on_header(&item, decl, at) || in_blocked) {
                return;
            }
            let mut change = SourceChange::default();
            let statements = decl
                .stmts
                .iter()
                .filter(|s| matches!(s.keyword, TokenKind::Blocked | TokenKind::BlockedSince));
            for stmt in statements {
                change.push(
                    range.file,
                    TextEdit {
                        span: statement_line(&item, stmt, text),
                        insert: String::new(),
                    },
                );
            }
            out.push(Assist {
                title: "Unblock".to_string(),
                kind: AssistKind::Refactor,
                diagnostic: None,
                change,
            });
        }
        _ => {}
    }
}
