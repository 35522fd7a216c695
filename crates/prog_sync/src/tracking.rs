//! What an item's tracking statements should say once an issue's status
//! is in: the values the issue knows replace the plan's, the others stay,
//! and what would then contradict the rest (P114 in `prog_sema::actuals`)
//! goes: `progress` below 100% or `remaining` beside `done`, `done` on a
//! reopened issue, `remaining` on work not started, an `actual_start`
//! after the `actual_finish`.

use chrono::NaiveDate;
use prog_syntax::TokenKind;
use prog_syntax::ast::{DeclKind, Stmt, StmtValue};

use crate::values::{format_date, format_hours, prog_duration_hours, prog_percent};
use crate::{Issue, Status};

/// The statements a sync writes, in the order it inserts them.
pub const TRACKED: [TokenKind; 6] = [
    TokenKind::Progress,
    TokenKind::Remaining,
    TokenKind::ActualStart,
    TokenKind::ActualFinish,
    TokenKind::ActualEffort,
    TokenKind::Done,
];

/// The tracking statements of one item, as values. A value that does not
/// read (a syntax error in the plan) counts as absent.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tracking {
    progress: Option<f64>,
    remaining: Option<u32>,
    start: Option<NaiveDate>,
    finish: Option<NaiveDate>,
    effort: Option<u32>,
    done: bool,
}

impl Tracking {
    pub fn of(stmts: &[Stmt]) -> Tracking {
        let mut tracking = Tracking::default();
        let date = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
        for stmt in stmts {
            match (stmt.keyword, &stmt.value) {
                (TokenKind::Progress, StmtValue::Amount(v)) => tracking.progress = prog_percent(&v.text),
                (TokenKind::Remaining, StmtValue::Duration(v)) => {
                    tracking.remaining = prog_duration_hours(&v.text)
                }
                (TokenKind::ActualEffort, StmtValue::Duration(v)) => {
                    tracking.effort = prog_duration_hours(&v.text)
                }
                (TokenKind::ActualStart, StmtValue::Date(v)) => tracking.start = date(&v.text),
                (TokenKind::ActualFinish, StmtValue::Date(v)) => tracking.finish = date(&v.text),
                (TokenKind::Done, _) => tracking.done = true,
                _ => {}
            }
        }
        tracking
    }

    /// The tracking of an item of `kind` once `issue` is in. A group's
    /// status is its children's: it gets none.
    pub fn updated(&self, issue: &Issue, kind: DeclKind) -> Tracking {
        let mut new = self.clone();
        match issue.status {
            Status::Done => {
                new.done = true;
                new.finish = issue.resolved.or(new.finish);
            }
            Status::ToDo | Status::InProgress => {
                new.done = false;
                new.finish = None;
                // 100% is finished: not so for an issue reopened.
                new.progress = new.progress.filter(|&p| p < 100.0);
            }
            Status::Unknown => new.finish = issue.resolved.or(new.finish),
        }
        if issue.status != Status::Done {
            new.progress = issue.progress.map(f64::from).or(new.progress);
            new.remaining = issue.remaining_hours.or(new.remaining);
        }
        new.start = issue.start.or(new.start);
        new.effort = issue.spent_hours.filter(|&h| h > 0).or(new.effort);
        // `progress 100%` is finished too (P114 with `remaining`).
        let finished = new.done || new.finish.is_some() || new.progress.is_some_and(|p| p >= 100.0);
        if finished {
            new.progress = new.progress.filter(|&p| p >= 100.0);
            new.remaining = None;
        }
        if let (Some(start), Some(finish)) = (new.start, new.finish)
            && start > finish
        {
            new.start = self.start.filter(|&s| s <= finish);
        }
        let started = finished || new.progress.is_some_and(|p| p > 0.0) || new.start.is_some();
        if !started {
            new.remaining = None;
        }
        match kind {
            DeclKind::Task => new,
            // A milestone takes `done` and `actual_finish` only.
            DeclKind::Milestone => Tracking {
                done: new.done,
                finish: new.finish,
                ..self.clone()
            },
            _ => self.clone(),
        }
    }

    /// The value of `keyword` as `.prog` text: `Some("")` for `done`,
    /// `None` when the statement is absent.
    pub fn text(&self, keyword: TokenKind) -> Option<String> {
        match keyword {
            TokenKind::Progress => self.progress.map(|p| format!("{p}%")),
            TokenKind::Remaining => self.remaining.map(format_hours),
            TokenKind::ActualEffort => self.effort.map(format_hours),
            TokenKind::ActualStart => self.start.map(format_date),
            TokenKind::ActualFinish => self.finish.map(format_date),
            TokenKind::Done => self.done.then(String::new),
            _ => None,
        }
    }

    /// Whether `keyword`'s value differs between the two.
    pub fn differs(&self, other: &Tracking, keyword: TokenKind) -> bool {
        match keyword {
            TokenKind::Progress => self.progress != other.progress,
            TokenKind::Remaining => self.remaining != other.remaining,
            TokenKind::ActualEffort => self.effort != other.effort,
            TokenKind::ActualStart => self.start != other.start,
            TokenKind::ActualFinish => self.finish != other.finish,
            TokenKind::Done => self.done != other.done,
            _ => false,
        }
    }

    /// The latest actual date, for the check against the status date.
    pub fn latest_date(&self) -> Option<NaiveDate> {
        self.start.max(self.finish)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tracking_of(body: &str) -> Tracking {
        let parse = prog_syntax::parse(&format!("task a {{ {body} }}"));
        Tracking::of(&parse.file.decls().next().unwrap().stmts)
    }

    fn issue(status: Status) -> Issue {
        let mut issue = Issue::new("A-1".into(), "A".into(), 2);
        issue.status = status;
        issue
    }

    fn texts(t: &Tracking) -> Vec<String> {
        TRACKED
            .iter()
            .filter_map(|&k| {
                t.text(k)
                    .map(|v| format!("{} {v}", k.keyword_text().unwrap()).trim().to_string())
            })
            .collect()
    }

    #[test]
    fn a_resolved_issue_is_done_on_its_date_and_drops_what_contradicts() {
        let mut done = issue(Status::Done);
        done.resolved = NaiveDate::from_ymd_opt(2026, 12, 4);
        done.spent_hours = Some(20);
        let before = tracking_of("progress 60%  remaining 2d  actual_start 2026-12-10");
        let after = before.updated(&done, DeclKind::Task);
        // The start after the finish was the plan's: it goes too.
        assert_eq!(
            texts(&after),
            ["actual_finish 2026-12-04", "actual_effort 20h", "done"]
        );
    }

    #[test]
    fn a_reopened_issue_is_no_longer_done() {
        let before = tracking_of("progress 100%  actual_finish 2026-11-30  done  remaining 1d");
        let mut open = issue(Status::InProgress);
        open.remaining_hours = Some(8);
        assert_eq!(
            texts(&before.updated(&open, DeclKind::Task)),
            Vec::<String>::new()
        );
        open.progress = Some(75);
        assert_eq!(
            texts(&before.updated(&open, DeclKind::Task)),
            ["progress 75%", "remaining 1d"]
        );
    }

    #[test]
    fn remaining_needs_a_started_task() {
        let mut todo = issue(Status::ToDo);
        todo.remaining_hours = Some(16);
        assert_eq!(
            texts(&Tracking::default().updated(&todo, DeclKind::Task)),
            Vec::<String>::new()
        );
        todo.start = NaiveDate::from_ymd_opt(2026, 12, 1);
        assert_eq!(
            texts(&Tracking::default().updated(&todo, DeclKind::Task)),
            ["remaining 2d", "actual_start 2026-12-01"]
        );
    }

    #[test]
    fn milestones_take_done_only_and_groups_nothing() {
        let mut done = issue(Status::Done);
        done.resolved = NaiveDate::from_ymd_opt(2026, 12, 4);
        done.progress = Some(100);
        done.spent_hours = Some(3);
        let milestone = Tracking::default().updated(&done, DeclKind::Milestone);
        assert_eq!(texts(&milestone), ["actual_finish 2026-12-04", "done"]);
        assert_eq!(
            Tracking::default().updated(&done, DeclKind::Group),
            Tracking::default()
        );
    }

    #[test]
    fn values_compare_by_meaning_not_spelling() {
        let before = tracking_of("progress 40%  remaining 1d  actual_effort 1w");
        let mut open = issue(Status::InProgress);
        (open.progress, open.remaining_hours, open.spent_hours) = (Some(40), Some(8), Some(40));
        let after = before.updated(&open, DeclKind::Task);
        assert!(TRACKED.iter().all(|&k| !before.differs(&after, k)));
    }
}
