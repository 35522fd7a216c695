//! Who to tell: each stakeholder of the new plan whose interests moved,
//! with why. A stakeholder follows the groups, milestones and tasks of
//! their `interest`, and what is inside those groups.

use prog_plan::people::{Party, RaciRole, covers};
use prog_plan::{StakeholderId, TaskId, TaskKind};

use crate::Side;
use crate::matching::TaskIndex;
use crate::model::{Diff, Move, Tell, TellReason};
use crate::moves::Mover;

/// The stakeholders of `new` to tell about `diff`, in plan order, each
/// with their reasons; those with none are left out.
pub(crate) fn tell(old: &Side, new: &Side, ids: &TaskIndex, mover: &Mover, diff: &Diff) -> Vec<Tell> {
    let plan = new.plan;
    plan.people
        .stakeholders
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let follows = |t: TaskId| covers(plan, &s.interests, t);
            let by_id = |id: &str| plan.task_ids().find(|&t| plan.task(t).id == id);
            let mut reasons = Vec::new();
            for m in &diff.milestones {
                let moved = m.moved.working_days.0.0 != 0 || m.moved.calendar_days != 0;
                if moved && by_id(&m.id).is_some_and(follows) {
                    reasons.push(TellReason::MilestoneMoved {
                        id: m.id.clone(),
                        title: m.title.clone(),
                        moved: m.moved,
                    });
                }
            }
            for &group in &s.interests {
                if let Some(moved) = group_move(old, new, ids, mover, group) {
                    let task = plan.task(group);
                    reasons.push(TellReason::GroupFinishMoved {
                        id: task.id.to_string(),
                        title: (*task.title).clone(),
                        moved,
                    });
                }
            }
            for risk in &diff.risks.added {
                let affects: Vec<String> = risk
                    .affects
                    .iter()
                    .filter(|id| by_id(id).is_some_and(follows))
                    .cloned()
                    .collect();
                if !affects.is_empty() {
                    reasons.push(TellReason::RiskAppeared {
                        id: risk.id.clone(),
                        title: risk.title.clone(),
                        affects,
                    });
                }
            }
            let me = Party::Stakeholder(StakeholderId(i as u32));
            let consulted_on = |gates: &[TaskId]| {
                gates.iter().any(|&g| {
                    let named = plan.people.raci(g).is_some_and(|r| r.consulted.contains(&me));
                    named || (s.role == Some(RaciRole::Consulted) && follows(g))
                })
            };
            let approval = |id: &str, side: &Side| side.plan.approvals.iter().find(|a| a.id == id).cloned();
            let changes = diff
                .approvals
                .added
                .iter()
                .map(|a| (a.id.as_str(), a.title.clone(), "added", None))
                .chain(
                    diff.approvals
                        .removed
                        .iter()
                        .map(|a| (a.id.as_str(), a.title.clone(), "removed", None)),
                )
                .chain(
                    diff.approvals
                        .changed
                        .iter()
                        .map(|a| (a.id.as_str(), a.title_now.clone(), "changed", a.status.clone())),
                );
            for (id, title, change, status) in changes {
                // The gates as the new plan has them (the old plan's for a
                // removed approval, mapped to the new plan's tasks).
                let gates: Vec<TaskId> = match approval(id, new) {
                    Some(a) => a.gates,
                    None => approval(id, old)
                        .map(|a| a.gates.iter().filter_map(|g| ids.new_of_old[g.index()]).collect())
                        .unwrap_or_default(),
                };
                if consulted_on(&gates) {
                    reasons.push(TellReason::ApprovalChanged {
                        id: id.to_string(),
                        title,
                        change,
                        status,
                    });
                }
            }
            (!reasons.is_empty()).then(|| Tell {
                stakeholder: s.id.clone(),
                title: s.title.clone(),
                reasons,
            })
        })
        .collect()
}

/// How far the finish of `group` (of the new plan) moved, when it is a
/// group in both versions.
fn group_move(old: &Side, new: &Side, ids: &TaskIndex, mover: &Mover, group: TaskId) -> Option<Move> {
    if new.plan.task(group).kind != TaskKind::Group {
        return None;
    }
    let was = ids.old_of_new[group.index()]?;
    let (a, b) = (old.schedule.times(was), new.schedule.times(group));
    let old_date = old.calendar.span_dates(a.es, a.ef).1;
    let new_date = new.calendar.span_dates(b.es, b.ef).1;
    mover
        .moved(a.ef, b.ef, old_date, new_date)
        .filter(|m| m.working_days.0.0 != 0 || m.calendar_days != 0)
}
