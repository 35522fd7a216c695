//! The program's money: its budget at completion (every task's budget, as
//! earned value counts it) and its currency; and where the finish stands
//! against a baseline before and after the change.

use prog_plan::Plan;
use prog_plan::baseline::{Baseline, Variance};
use prog_plan::evm::{Unit, program_budget};

use crate::Side;
use crate::model::{BaselineShift, BudgetChange, Change};

/// The budget's change; `None` when its unit, currency and amount are as
/// they were.
pub fn budget(old: &Plan, new: &Plan) -> Option<BudgetChange> {
    let change = BudgetChange {
        unit: Change {
            old: Unit::of(old).as_str(),
            new: Unit::of(new).as_str(),
        },
        currency: Change::of(old.program.currency.clone(), new.program.currency.clone()),
        bac: Change {
            old: program_budget(old),
            new: program_budget(new),
        },
    };
    let same = change.unit.old == change.unit.new
        && change.currency.is_none()
        && (change.bac.old - change.bac.new).abs() < 1e-6;
    (!same).then_some(change)
}

/// Both versions against `baseline`.
pub fn against_baseline(old: &Side, new: &Side, baseline: &Baseline) -> BaselineShift {
    let variance = |side: &Side| Variance::new(side.plan, side.schedule, side.calendar, baseline);
    let (before, after) = (variance(old), variance(new));
    BaselineShift {
        name: baseline.name.clone(),
        created: baseline.created,
        finish: baseline.finish,
        finish_variance: Change {
            old: before.finish_variance,
            new: after.finish_variance,
        },
        milestones_late: Change {
            old: before.milestones_late(old.plan),
            new: after.milestones_late(new.plan),
        },
    }
}
