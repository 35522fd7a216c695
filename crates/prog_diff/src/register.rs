//! Risks and approvals, matched by id.

use prog_plan::{Approval, Days, Plan, Risk, TaskId};

use crate::matching::match_by_id;
use crate::model::{ApprovalChange, ApprovalEntry, Change, Changes, ExposureChange, RiskChange, RiskEntry};
use crate::resources::resource_id;

fn task_ids(plan: &Plan, tasks: &[TaskId]) -> Vec<String> {
    tasks.iter().map(|&t| plan.task(t).id.to_string()).collect()
}

/// Ids in `new` and not in `old`.
fn added(old: &[String], new: &[String]) -> Vec<String> {
    new.iter().filter(|x| !old.contains(x)).cloned().collect()
}

/// Probability times impact, in working days.
fn exposure(risk: &Risk) -> Option<f64> {
    // One division of exact integers, so 40% of 5d is 2 and not 2.0000000001.
    let (p, impact) = risk.probability.zip(risk.impact)?;
    Some((i64::from(p) * impact.0) as f64 / (100 * prog_plan::Work::HOURS_PER_DAY) as f64)
}

fn risk_entry(plan: &Plan, risk: &Risk) -> RiskEntry {
    RiskEntry {
        id: risk.id.clone(),
        title: risk.title.clone(),
        probability: risk.probability,
        impact_days: risk.impact.map(Days),
        exposure_days: exposure(risk),
        affects: task_ids(plan, &risk.affects),
    }
}

pub fn risks(old: &Plan, new: &Plan) -> Changes<RiskEntry, RiskChange> {
    let m = match_by_id(&old.risks, &new.risks, |r| &r.id);
    Changes {
        added: m.added.iter().map(|r| risk_entry(new, r)).collect(),
        removed: m.removed.iter().map(|r| risk_entry(old, r)).collect(),
        changed: m
            .both
            .iter()
            .filter_map(|(a, b)| {
                let (affects_before, affects_now) = (task_ids(old, &a.affects), task_ids(new, &b.affects));
                let owner = |plan: &Plan, r: &Risk| r.owner.map(|o| resource_id(plan, o));
                let (e_old, e_new) = (exposure(a), exposure(b));
                let change = RiskChange {
                    id: b.id.clone(),
                    title_now: b.title.clone(),
                    title: Change::of(a.title.clone(), b.title.clone()),
                    probability: Change::of(a.probability, b.probability),
                    impact_days: Change::of(a.impact.map(Days), b.impact.map(Days)),
                    exposure: (e_old != e_new).then(|| ExposureChange {
                        old_days: e_old,
                        new_days: e_new,
                        delta_days: e_new.unwrap_or(0.0) - e_old.unwrap_or(0.0),
                    }),
                    affects_added: added(&affects_before, &affects_now),
                    affects_removed: added(&affects_now, &affects_before),
                    owner: Change::of(owner(old, a), owner(new, b)),
                    mitigation: Change::of(a.mitigation.clone(), b.mitigation.clone()),
                };
                let changed = change.title.is_some()
                    || change.probability.is_some()
                    || change.impact_days.is_some()
                    || !change.affects_added.is_empty()
                    || !change.affects_removed.is_empty()
                    || change.owner.is_some()
                    || change.mitigation.is_some();
                changed.then_some(change)
            })
            .collect(),
    }
}

fn approval_entry(plan: &Plan, a: &Approval) -> ApprovalEntry {
    ApprovalEntry {
        id: a.id.clone(),
        title: a.title.clone(),
        status: a.status.as_str(),
        gates: task_ids(plan, &a.gates),
    }
}

pub fn approvals(old: &Plan, new: &Plan) -> Changes<ApprovalEntry, ApprovalChange> {
    let m = match_by_id(&old.approvals, &new.approvals, |a| &a.id);
    let approvers = |plan: &Plan, a: &Approval| -> Vec<String> {
        a.approvers.iter().map(|&r| resource_id(plan, r)).collect()
    };
    Changes {
        added: m.added.iter().map(|a| approval_entry(new, a)).collect(),
        removed: m.removed.iter().map(|a| approval_entry(old, a)).collect(),
        changed: m
            .both
            .iter()
            .filter_map(|(a, b)| {
                let (gates_before, gates_now) = (task_ids(old, &a.gates), task_ids(new, &b.gates));
                let (by_before, by_now) = (approvers(old, a), approvers(new, b));
                let change = ApprovalChange {
                    id: b.id.clone(),
                    title_now: b.title.clone(),
                    title: Change::of(a.title.clone(), b.title.clone()),
                    status: Change::of(a.status.as_str(), b.status.as_str()),
                    gates_added: added(&gates_before, &gates_now),
                    gates_removed: added(&gates_now, &gates_before),
                    approvers_added: added(&by_before, &by_now),
                    approvers_removed: added(&by_now, &by_before),
                };
                let changed = change.title.is_some()
                    || change.status.is_some()
                    || !change.gates_added.is_empty()
                    || !change.gates_removed.is_empty()
                    || !change.approvers_added.is_empty()
                    || !change.approvers_removed.is_empty();
                changed.then_some(change)
            })
            .collect(),
    }
}
