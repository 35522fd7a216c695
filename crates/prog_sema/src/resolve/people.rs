//! Resolution of stakeholders, action items, blocked work and the RACI
//! statements of groups and milestones into [`prog_plan::People`].

use prog_plan::people::{Action, Blocked, Party, RaciStatements, Stakeholder};
use prog_plan::{StakeholderId, TaskId};
use prog_syntax::ast::DeclKind;

use super::{Entry, Resolver, is_resource};
use crate::item::NameRef;
use crate::{Code, Diagnostic};

fn is_party(kind: DeclKind) -> bool {
    is_resource(kind) || kind == DeclKind::Stakeholder
}

impl Resolver {
    fn party_ref(&mut self, file: super::Origin, name: &NameRef) -> Option<Party> {
        let symbol = self.lookup(file, name, is_party, "a person, team or stakeholder")?;
        Some(if symbol.kind == DeclKind::Stakeholder {
            Party::Stakeholder(StakeholderId(symbol.index))
        } else {
            Party::Resource(prog_plan::ResourceId(symbol.index))
        })
    }

    /// A task's or milestone's `blocked`, a group's or milestone's
    /// `consulted` and `informed`.
    pub(super) fn lower_task_people(&mut self, entry: &Entry<'_>) {
        let Entry {
            file, decl, index, ..
        } = *entry;
        let Some(people) = decl.values.people.as_deref() else {
            return;
        };
        let task = TaskId(index);
        match (&people.blocked, people.blocked_since) {
            (Some(reason), since) => self.people.blocked.push(Blocked {
                task,
                reason: reason.clone(),
                since,
            }),
            (None, Some(_)) => {
                let site = self.map.tasks[index as usize];
                let d = Diagnostic::warning(
                    Code::InvalidValue,
                    site.name,
                    "`blocked_since` says nothing without `blocked \"reason\"`",
                )
                .with_hint("add `blocked \"why\"`, or remove `blocked_since`");
                self.diagnostics.push(d);
            }
            (None, None) => {}
        }
        if people.consulted.is_empty() && people.informed.is_empty() {
            return;
        }
        let consulted = people
            .consulted
            .iter()
            .filter_map(|n| self.party_ref(file, n))
            .collect();
        let informed = people
            .informed
            .iter()
            .filter_map(|n| self.party_ref(file, n))
            .collect();
        self.people.raci.push(RaciStatements {
            task,
            consulted,
            informed,
        });
    }

    pub(super) fn lower_stakeholder(&mut self, entry: &Entry<'_>) {
        let Entry { file, decl, .. } = *entry;
        let people = decl.values.people();
        let interests = people
            .interests
            .iter()
            .filter_map(|n| self.task_ref(file, n))
            .collect();
        self.people.stakeholders.push(Stakeholder {
            id: decl.id().to_string(),
            title: decl.title.as_deref().map(String::from),
            interests,
            role: people.role,
            cadence: people.cadence,
            format: people.format.unwrap_or_default(),
            contact: people.contact.clone(),
        });
    }

    pub(super) fn lower_action(&mut self, entry: &Entry<'_>) {
        let Entry { file, decl, .. } = *entry;
        let v = &decl.values;
        let owner = v.owner.as_ref().and_then(|n| self.resource_ref(file, n));
        let affects = v
            .other()
            .affects
            .iter()
            .filter_map(|n| self.task_ref(file, n))
            .collect();
        let progress = v.task.as_ref().and_then(|t| t.progress);
        let done = (progress == Some(100)).then_some(v.people().done_on);
        self.people.actions.push(Action {
            id: decl.id().to_string(),
            title: decl.title.as_deref().map(String::from),
            owner,
            due: v.other().due,
            affects,
            done,
        });
    }
}
