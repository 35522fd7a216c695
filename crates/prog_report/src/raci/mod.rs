//! The ownership (RACI) matrix of `prog report`: one row per group and
//! milestone, one column per person, team or stakeholder holding a role in
//! any row.
//!
//! - **R**esponsible: who is assigned to the row's work (for a group, to
//!   any task inside it), and stakeholders with `role responsible` whose
//!   interest covers the row;
//! - **A**ccountable: the row's `owner`, and stakeholders with `role
//!   accountable` whose interest covers it;
//! - **C**onsulted: the row's `consulted`, the approvers of approvals
//!   gating it (for a group, gating a milestone inside it), and
//!   stakeholders with `role consulted` whose interest covers it;
//! - **I**nformed: the row's `informed`, and the other stakeholders whose
//!   interest covers it (`role informed`, or no role).
//!
//! A group with no accountable party, or more than one, is flagged.
//! `markdown`, `html` and `csv` write it.

pub mod csv;
pub mod html;
pub mod markdown;

use prog_plan::people::{Party, RaciRole, covered, covers};
use prog_plan::{Plan, TaskId, TaskKind};
use serde::Serialize;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RaciMatrix {
    /// The columns: ids of people and teams (in plan order), then of
    /// stakeholders.
    pub parties: Vec<String>,
    pub rows: Vec<RaciRow>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RaciRow {
    pub id: String,
    pub title: Option<String>,
    /// `"group"` or `"milestone"`.
    pub kind: &'static str,
    /// One cell per party: the letters of its roles in `RACI` order, or
    /// empty.
    pub cells: Vec<String>,
    /// Why the row is flagged: a group with no accountable party, or more
    /// than one.
    pub flag: Option<String>,
}

impl RaciMatrix {
    pub fn new(plan: &Plan) -> RaciMatrix {
        let people = &plan.people;
        let stakeholders =
            (0..people.stakeholders.len() as u32).map(|i| Party::Stakeholder(prog_plan::StakeholderId(i)));
        let all: Vec<Party> = (0..plan.resources.len() as u32)
            .map(|i| Party::Resource(prog_plan::ResourceId(i)))
            .chain(stakeholders)
            .collect();
        let rows: Vec<(TaskId, Vec<(Party, RaciRole)>)> = plan
            .task_ids()
            .filter(|&t| matches!(plan.task(t).kind, TaskKind::Group | TaskKind::Milestone))
            .map(|t| (t, roles(plan, t)))
            .collect();
        // Only the parties that hold a role somewhere get a column.
        let parties: Vec<Party> = all
            .into_iter()
            .filter(|p| rows.iter().any(|(_, roles)| roles.iter().any(|(q, _)| q == p)))
            .collect();
        let party_id = |p: &Party| match p {
            Party::Resource(r) => plan.resource(*r).id.to_string(),
            Party::Stakeholder(s) => people.stakeholder(*s).id.clone(),
        };
        RaciMatrix {
            parties: parties.iter().map(party_id).collect(),
            rows: rows
                .iter()
                .map(|(t, roles)| {
                    let task = plan.task(*t);
                    let cells = parties
                        .iter()
                        .map(|p| {
                            let mut letters: Vec<RaciRole> =
                                roles.iter().filter(|(q, _)| q == p).map(|(_, r)| *r).collect();
                            letters.sort();
                            letters.dedup();
                            letters.iter().map(|r| r.letter()).collect()
                        })
                        .collect();
                    let accountable: Vec<String> = parties
                        .iter()
                        .filter(|p| roles.contains(&(**p, RaciRole::Accountable)))
                        .map(party_id)
                        .collect();
                    let flag = match accountable.len() {
                        1 => None,
                        _ if task.kind != TaskKind::Group => None,
                        0 => Some("no one is accountable".to_string()),
                        n => Some(format!("{n} are accountable: {}", accountable.join(", "))),
                    };
                    RaciRow {
                        id: task.id.to_string(),
                        title: (*task.title).clone(),
                        kind: task.kind.as_str(),
                        cells,
                        flag,
                    }
                })
                .collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.parties.is_empty()
    }
}

/// Every (party, role) of one group or milestone, repeats included.
fn roles(plan: &Plan, row: TaskId) -> Vec<(Party, RaciRole)> {
    let people = &plan.people;
    let task = plan.task(row);
    let mut roles = Vec::new();
    let inside = covered(plan, &[row]);
    for t in &inside {
        for a in &plan.task(*t).assignments {
            roles.push((Party::Resource(a.resource), RaciRole::Responsible));
        }
    }
    if let Some(owner) = task.owner {
        roles.push((Party::Resource(owner), RaciRole::Accountable));
    }
    if let Some(statements) = people.raci(row) {
        roles.extend(statements.consulted.iter().map(|p| (*p, RaciRole::Consulted)));
        roles.extend(statements.informed.iter().map(|p| (*p, RaciRole::Informed)));
    }
    for approval in &plan.approvals {
        if approval.gates.iter().any(|g| inside.contains(g)) {
            roles.extend(
                approval
                    .approvers
                    .iter()
                    .map(|r| (Party::Resource(*r), RaciRole::Consulted)),
            );
        }
    }
    for (i, s) in people.stakeholders.iter().enumerate() {
        if covers(plan, &s.interests, row) {
            let party = Party::Stakeholder(prog_plan::StakeholderId(i as u32));
            roles.push((party, s.role.unwrap_or(RaciRole::Informed)));
        }
    }
    roles
}
