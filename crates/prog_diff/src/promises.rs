//! Externals whose promise changed: the date expected, the date delivered
//! or the status, matched by id.

use chrono::NaiveDate;
use prog_plan::{DateRange, External, Plan, TaskId};
use serde::Serialize;

use crate::matching::match_by_id;
use crate::model::Change;

/// An external whose promise changed between the two versions.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PromiseChange {
    pub id: String,
    pub title_now: Option<String>,
    /// The date promised, or `FIRST .. LAST` for a range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<Change<Option<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivered: Option<Change<Option<NaiveDate>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Change<&'static str>>,
}

/// `2027-02-15`, or `2027-02-15 .. 2027-03-01`.
fn range_text(range: DateRange) -> String {
    if range.first == range.last {
        range.first.to_string()
    } else {
        format!("{} .. {}", range.first, range.last)
    }
}

/// The externals of both versions, by id, whose promise moved.
pub fn promises(old: &Plan, new: &Plan) -> Vec<PromiseChange> {
    let id = |plan: &Plan, e: &External| plan.task(e.task).id.to_string();
    let keyed = |plan: &Plan| -> Vec<(String, External)> {
        plan.externals.iter().map(|e| (id(plan, e), e.clone())).collect()
    };
    let (before, after) = (keyed(old), keyed(new));
    let m = match_by_id(&before, &after, |(id, _)| id);
    m.both
        .iter()
        .filter_map(|((_, a), (id, b))| {
            let change = PromiseChange {
                id: id.clone(),
                title_now: (*new.task(b.task).title).clone(),
                expected: Change::of(a.expected.map(range_text), b.expected.map(range_text)),
                delivered: Change::of(a.delivered, b.delivered),
                status: Change::of(a.status.as_str(), b.status.as_str()),
            };
            (change.expected.is_some() || change.delivered.is_some() || change.status.is_some())
                .then_some(change)
        })
        .collect()
}

/// The move of the date the plan waits for, when both `old` and `new` are
/// externals and it moved.
pub(crate) fn waits_for(old: &Plan, o: TaskId, new: &Plan, n: TaskId) -> Option<Change<Option<NaiveDate>>> {
    let (a, b) = (old.external_of(o)?, new.external_of(n)?);
    Change::of(a.date(), b.date())
}
