//! The values resolution copies into a task as they are, which a front end
//! may keep apart from the declarations so that editing one does not
//! resolve the plan again.

use chrono::NaiveDate;
use prog_plan::{Actuals, Estimate, Money, Rare, Task, WorkSpec};
use prog_syntax::ast::DeclKind;

/// Declarations that become tasks: tasks, milestones and groups, and
/// externals (as milestones).
pub(crate) fn is_task(kind: DeclKind) -> bool {
    matches!(
        kind,
        DeclKind::Task | DeclKind::Milestone | DeclKind::Group | DeclKind::External
    )
}

/// The values resolution copies into a task as they are. A front end may
/// take them out of the declarations before resolving
/// (`LoweredDecl::take_task_values`) and put them into the plan after
/// ([`TaskValues::apply`]), so that editing one does not resolve again.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TaskValues {
    pub work: Option<WorkSpec>,
    /// Out of line, as in the task: a database keeps the values of every
    /// task, and most have no estimate, cost or actuals.
    pub estimate: Rare<Option<Estimate>>,
    pub not_before: Option<NaiveDate>,
    pub deadline: Option<NaiveDate>,
    pub progress: Option<u8>,
    pub cost: Rare<Option<Money>>,
    pub actuals: Rare<Actuals>,
}

impl TaskValues {
    /// Puts the values into the task resolved from a declaration they were
    /// taken from.
    pub fn apply(&self, task: &mut Task) {
        task.work = self.work;
        task.estimate = self.estimate.clone();
        task.not_before = self.not_before;
        task.deadline = self.deadline;
        task.progress = self.progress.unwrap_or(0);
        task.cost = self.cost.clone();
        task.actuals = self.actuals.clone();
    }
}
