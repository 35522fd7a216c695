//! The program's money: its budget at completion (every task's budget, as
//! earned value counts it) and its currency; and where the finish stands
//! against a baseline before and after the change.

use prog_plan::Plan;
use prog_plan::baseline::{Baseline, Variance};
use prog_plan::evm::{Unit, program_budget};
use prog_plan::measure;

use crate::Side;
use crate::model::{BaselineShift, BudgetChange, Change, EarnedValueChange};

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

/// SPI, CPI and EAC of both versions, each at its own status date and
/// against `baseline` when there is one; `None` when neither has a status
/// date.
pub fn earned_value(old: &Side, new: &Side, baseline: Option<&Baseline>) -> Option<EarnedValueChange> {
    let measured = |side: &Side| measure(side.plan, side.schedule, side.calendar, baseline);
    let (before, after) = (measured(old), measured(new));
    if before.is_none() && after.is_none() {
        return None;
    }
    let figure = |f: fn(&prog_plan::evm::Figures) -> Option<f64>| Change {
        old: before.as_ref().and_then(|e| f(&e.program)),
        new: after.as_ref().and_then(|e| f(&e.program)),
    };
    Some(EarnedValueChange {
        unit: after
            .as_ref()
            .map_or_else(|| Unit::of(new.plan), |e| e.unit)
            .as_str(),
        currency: new.plan.program.currency.clone(),
        spi: figure(|p| p.spi()),
        cpi: figure(|p| p.cpi()),
        eac: figure(|p| p.eac()),
    })
}
