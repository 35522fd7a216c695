//! Resolution of stakeholders, action items, blocked work and the RACI
//! statements of groups and milestones into [`prog_plan::People`].

use prog_plan::TaskId;
use prog_plan::people::{Action, Blocked, RaciStatements, Stakeholder};

use super::links::Target;
use super::{Entry, Resolver};
use crate::{Code, Diagnostic};

impl Resolver {
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
        let raci = self.people.raci.len() as u32;
        for name in &people.consulted {
            self.refer(file, name, Target::Consulted(raci));
        }
        for name in &people.informed {
            self.refer(file, name, Target::Informed(raci));
        }
        self.people.raci.push(RaciStatements {
            task,
            consulted: Vec::new(),
            informed: Vec::new(),
        });
    }

    pub(super) fn lower_stakeholder(&mut self, entry: &Entry<'_>) {
        let Entry { file, decl, .. } = *entry;
        let people = decl.values.people();
        let stakeholder = self.people.stakeholders.len() as u32;
        for name in &people.interests {
            self.refer(file, name, Target::Interest(stakeholder));
        }
        self.people.stakeholders.push(Stakeholder {
            id: decl.id().to_string(),
            title: decl.title.as_deref().map(String::from),
            interests: Vec::new(),
            role: people.role,
            cadence: people.cadence,
            format: people.format.unwrap_or_default(),
            contact: people.contact.clone(),
        });
    }

    pub(super) fn lower_action(&mut self, entry: &Entry<'_>) {
        let Entry { file, decl, .. } = *entry;
        let v = &decl.values;
        let action = self.people.actions.len() as u32;
        if let Some(owner) = &v.owner {
            self.refer(file, owner, Target::ActionOwner(action));
        }
        for name in &v.other().affects {
            self.refer(file, name, Target::ActionAffects(action));
        }
        let progress = v.task.as_ref().and_then(|t| t.progress);
        let done = (progress == Some(100)).then_some(v.people().done_on);
        self.people.actions.push(Action {
            id: decl.id().to_string(),
            title: decl.title.as_deref().map(String::from),
            owner: None,
            due: v.other().due,
            affects: Vec::new(),
            done,
        });
    }
}
