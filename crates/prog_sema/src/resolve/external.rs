//! Resolution of an `external`: a milestone of the schedule, and what the
//! program knows of the promise beside it ([`prog_plan::External`]).

use prog_plan::{External, ExternalStatus, TaskId};

use super::{Entry, Resolver};

impl Resolver {
    pub(super) fn lower_external(&mut self, entry: &Entry<'_>) {
        self.lower_task(entry);
        let external = &entry.decl.values.other().external;
        self.externals.push(External {
            task: TaskId(self.tasks.len() as u32 - 1),
            contact: external.contact.clone(),
            expected: external.expected,
            status: match external.delivered {
                Some(_) => ExternalStatus::Delivered,
                None => external.status.unwrap_or_default(),
            },
            delivered: external.delivered,
        });
    }
}
