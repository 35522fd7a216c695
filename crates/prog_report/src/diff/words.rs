//! The words both people-facing formats use for a change: `duration 10d →
//! 14d`, `after \`api\` +2d`, `+4d`. Ids and user text go through a
//! [`Style`], which knows how its format quotes and escapes them.

use prog_diff::{
    ApprovalChange, Assign, BaselineShift, BudgetChange, Change, DeadlineChanges, Dep, EarnedValueChange,
    EstimateDays, Leave, Move, ResourceChange, RiskChange, TaskChange,
};
use prog_plan::Days;

use crate::amount::{amount, money};
use prog_plan::baseline::Variance;

/// How a format writes ids and user text.
pub trait Style {
    fn id(&self, id: &str) -> String;
    /// User text as a name or title (quoted where the format quotes).
    fn text(&self, text: &str) -> String;
    /// User text inside a phrase, escaped but not quoted: a currency.
    fn plain(&self, text: &str) -> String;
}

/// `4d`, `2.5d`.
pub fn days(d: Days) -> String {
    format!("{}d", d.0.days_text())
}

/// `+4d`, `-2d`, `0d`.
pub fn signed(d: Days) -> String {
    format!("{}d", d.0.signed_days_text())
}

/// `2027-01-22 → 2027-01-28 (+4d)`.
pub fn moved(m: &Move) -> String {
    format!("{} → {} ({})", m.old, m.new, signed(m.working_days))
}

/// `+4 working days (+6 calendar days)`, or `unchanged`.
pub fn moved_long(m: &Move) -> String {
    if m.working_days.0.0 == 0 && m.calendar_days == 0 {
        return "unchanged".to_string();
    }
    let plural = |n: String, unit: &str| {
        let one = n == "1" || n == "+1" || n == "-1";
        format!("{n} {unit}{}", if one { "" } else { "s" })
    };
    let working = match m.working_days.0.0 {
        h if h > 0 => format!("+{}", m.working_days.0.days_text()),
        _ => m.working_days.0.days_text(),
    };
    let calendar = match m.calendar_days {
        c if c > 0 => format!("+{c}"),
        c => c.to_string(),
    };
    format!(
        "{} ({})",
        plural(working, "working day"),
        plural(calendar, "calendar day")
    )
}

/// `` `build` Build service ``.
pub fn named(s: &dyn Style, id: &str, title: Option<&str>) -> String {
    match title {
        Some(t) if !t.is_empty() => format!("{} {}", s.id(id), s.text(t)),
        _ => s.id(id),
    }
}

pub fn ids(s: &dyn Style, list: &[String]) -> String {
    list.iter().map(|id| s.id(id)).collect::<Vec<_>>().join(", ")
}

/// A person's capacity as a percentage, a team's as people.
pub fn capacity(kind: &str, units: u32) -> String {
    if kind == "team" {
        let people = f64::from(units) / 100.0;
        format!("{people} people")
    } else {
        format!("{units}%")
    }
}

/// `after `api` +2d`.
pub fn dep(s: &dyn Style, d: &Dep) -> String {
    let lag = match d.lag_days.0.0 {
        0 => String::new(),
        _ => format!(" {}", signed(d.lag_days)),
    };
    format!("{} {}{lag}", d.kind, s.id(&d.on))
}

fn optional<T>(value: &Option<T>, show: impl Fn(&T) -> String) -> String {
    value.as_ref().map_or_else(|| "none".to_string(), show)
}

fn change<T>(what: &str, c: &Change<T>, show: impl Fn(&T) -> String) -> String {
    format!("{what} {} → {}", show(&c.old), show(&c.new))
}

fn estimate(e: &EstimateDays) -> String {
    format!(
        "{} {} {}",
        days(e.optimistic),
        days(e.likely),
        days(e.pessimistic)
    )
}

fn assignments(s: &dyn Style, list: &[Assign]) -> String {
    if list.is_empty() {
        return "nobody".to_string();
    }
    let one = |a: &Assign| format!("{} {}%", s.id(&a.resource), a.units);
    list.iter().map(one).collect::<Vec<_>>().join(", ")
}

fn title(s: &dyn Style, c: &Change<Option<String>>) -> String {
    change("title", c, |t| optional(t, |t| s.text(t)))
}

/// What was edited in a task, milestone or group (its moves apart).
pub fn task_edits(s: &dyn Style, c: &TaskChange) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(t) = &c.title {
        out.push(title(s, t));
    }
    if let Some(k) = &c.kind_change {
        out.push(change("kind", k, |k| k.to_string()));
    }
    if let Some(g) = &c.group {
        out.push(change("group", g, |g| optional(g, |g| s.id(g))));
    }
    if let Some(d) = &c.duration_days {
        out.push(change("duration", d, |d| days(*d)));
    }
    if let Some(e) = &c.effort_days {
        out.push(change("effort", e, |e| optional(e, |e| days(*e))));
    }
    if let Some(e) = &c.estimate {
        out.push(change("estimate", e, |e| optional(e, estimate)));
    }
    out.extend(c.deps_added.iter().map(|d| format!("now {}", dep(s, d))));
    out.extend(c.deps_removed.iter().map(|d| format!("no longer {}", dep(s, d))));
    if let Some(o) = &c.owner {
        out.push(change("owner", o, |o| optional(o, |o| s.id(o))));
    }
    if let Some(a) = &c.assignments {
        out.push(change("assigned", a, |a| assignments(s, a)));
    }
    if let Some(n) = &c.not_before {
        out.push(change("not before", n, |d| optional(d, |d| d.to_string())));
    }
    if let Some(w) = &c.waits_for {
        out.push(change("waited for on", w, |d| optional(d, |d| d.to_string())));
    }
    if let Some(d) = &c.deadline {
        out.push(change("deadline", d, |d| optional(d, |d| d.to_string())));
    }
    if let Some(p) = &c.progress {
        out.push(change("progress", p, |p| format!("{p}%")));
    }
    if let Some(cost) = &c.cost {
        out.push(change("cost", cost, |x| optional(x, |x| money(None, *x))));
    }
    if let Some(r) = &c.remaining_days {
        out.push(change("remaining", r, |r| optional(r, |r| days(*r))));
    }
    if let Some(d) = &c.actual_start {
        out.push(change("actual start", d, |d| optional(d, |d| d.to_string())));
    }
    if let Some(d) = &c.actual_finish {
        out.push(change("actual finish", d, |d| optional(d, |d| d.to_string())));
    }
    if let Some(cost) = &c.actual_cost {
        out.push(change("actual cost", cost, |x| optional(x, |x| money(None, *x))));
    }
    if let Some(e) = &c.actual_effort_days {
        out.push(change("actual effort", e, |e| optional(e, |e| days(*e))));
    }
    out
}

/// `25% × 2d = 0.5d`.
pub fn exposure(probability: Option<u8>, impact: Option<Days>, exposure: Option<f64>) -> String {
    match (probability, impact, exposure) {
        (Some(p), Some(i), Some(e)) => format!("{p}% × {} = {}", days(i), exposure_days(e)),
        _ => "unrated".to_string(),
    }
}

/// Exposure in days to at most two decimals: `2d`, `0.5d`, `1.33d`.
pub fn exposure_days(e: f64) -> String {
    let text = format!("{e:.2}");
    format!("{}d", text.trim_end_matches('0').trim_end_matches('.'))
}

pub fn risk_edits(s: &dyn Style, c: &RiskChange) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(t) = &c.title {
        out.push(title(s, t));
    }
    if let Some(p) = &c.probability {
        out.push(change("probability", p, |p| optional(p, |p| format!("{p}%"))));
    }
    if let Some(i) = &c.impact_days {
        out.push(change("impact", i, |i| optional(i, |i| days(*i))));
    }
    if !c.affects_added.is_empty() {
        out.push(format!("now affects {}", ids(s, &c.affects_added)));
    }
    if !c.affects_removed.is_empty() {
        out.push(format!("no longer affects {}", ids(s, &c.affects_removed)));
    }
    if let Some(o) = &c.owner {
        out.push(change("owner", o, |o| optional(o, |o| s.id(o))));
    }
    if let Some(m) = &c.mitigation {
        out.push(change("mitigation", m, |m| optional(m, |m| s.text(m))));
    }
    out
}

/// `2d → 3d (+1d)`; with a missing side `none → 0.5d (+0.5d)`.
pub fn exposure_change(c: &RiskChange) -> String {
    let Some(e) = c.exposure else {
        return String::new();
    };
    let side = |d: Option<f64>| d.map_or_else(|| "none".to_string(), exposure_days);
    let sign = if e.delta_days > 0.0 { "+" } else { "" };
    format!(
        "{} → {} ({sign}{})",
        side(e.old_days),
        side(e.new_days),
        exposure_days(e.delta_days)
    )
}

pub fn approval_edits(s: &dyn Style, c: &ApprovalChange) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(t) = &c.title {
        out.push(title(s, t));
    }
    if let Some(st) = &c.status {
        out.push(change("status", st, |x| x.to_string()));
    }
    let lists = [
        ("now gates", &c.gates_added),
        ("no longer gates", &c.gates_removed),
        ("approvers added:", &c.approvers_added),
        ("approvers removed:", &c.approvers_removed),
    ];
    for (what, list) in lists {
        if !list.is_empty() {
            out.push(format!("{what} {}", ids(s, list)));
        }
    }
    out
}

fn leave(l: &Leave) -> String {
    if l.first == l.last {
        l.first.to_string()
    } else {
        format!("{}..{}", l.first, l.last)
    }
}

pub fn resource_edits(s: &dyn Style, c: &ResourceChange) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(t) = &c.title {
        out.push(title(s, t));
    }
    if let Some(cap) = &c.capacity {
        out.push(change("capacity", cap, |u| capacity(c.kind, *u)));
    }
    let list = |l: &[Leave]| l.iter().map(leave).collect::<Vec<_>>().join(", ");
    if !c.leave_added.is_empty() {
        out.push(format!("leave added: {}", list(&c.leave_added)));
    }
    if !c.leave_removed.is_empty() {
        out.push(format!("leave removed: {}", list(&c.leave_removed)));
    }
    if let Some(rate) = &c.rate {
        out.push(change("rate", rate, |x| {
            optional(x, |x| format!("{}/d", money(None, *x)))
        }));
    }
    if let Some(cal) = &c.calendar {
        out.push(change("calendar", cal, |x| optional(x, |x| s.id(x))));
    }
    out
}

/// `` `ready` misses its deadline 2027-01-27 by 1d `` and
/// `` `ready` meets its deadline 2027-01-27 again (was 1d late) ``.
pub fn deadline_lines(s: &dyn Style, d: &DeadlineChanges) -> Vec<String> {
    let missed = d.newly_missed.iter().map(|m| {
        format!(
            "{} misses its deadline {} by {}",
            s.id(&m.id),
            m.deadline,
            days(m.overrun_days)
        )
    });
    let met = d.no_longer_missed.iter().map(|m| {
        format!(
            "{} meets its deadline {} again (was {} late)",
            s.id(&m.id),
            m.deadline,
            days(m.overrun_days)
        )
    });
    missed.chain(met).collect()
}

/// SPI, CPI and EAC before, after and the change, as rows: `("SPI",
/// ["0.95", "0.80", "-0.15"])`; an em dash where a version has none.
pub fn earned_value(e: &EarnedValueChange) -> Vec<(&'static str, [String; 3])> {
    let eac =
        |v: Option<f64>| v.map_or_else(|| "—".to_string(), |v| amount(e.unit, e.currency.as_deref(), v));
    let delta = |c: &Change<Option<f64>>, show: &dyn Fn(f64) -> String| match (c.old, c.new) {
        (Some(old), Some(new)) if new > old => format!("+{}", show(new - old)),
        (Some(old), Some(new)) => show(new - old),
        _ => String::new(),
    };
    vec![
        (
            "SPI",
            [
                crate::amount::index(e.spi.old),
                crate::amount::index(e.spi.new),
                delta(&e.spi, &|d| format!("{d:.2}")),
            ],
        ),
        (
            "CPI",
            [
                crate::amount::index(e.cpi.old),
                crate::amount::index(e.cpi.new),
                delta(&e.cpi, &|d| format!("{d:.2}")),
            ],
        ),
        (
            "EAC",
            [
                eac(e.eac.old),
                eac(e.eac.new),
                delta(&e.eac, &|d| amount(e.unit, e.currency.as_deref(), d)),
            ],
        ),
    ]
}

/// The budget at completion before, after, and the change (`+300`, or what
/// changed when the two are not in the same unit or currency).
pub fn budget<S: Style + ?Sized>(s: &S, b: &BudgetChange) -> [String; 3] {
    // The currency is the plan's text: escaped for the format like any other.
    let (old_currency, new_currency) = match &b.currency {
        Some(c) => (
            c.old.as_deref().map(|c| s.plain(c)),
            c.new.as_deref().map(|c| s.plain(c)),
        ),
        None => (None, None),
    };
    let change = if b.unit.old != b.unit.new {
        "now counted in another unit".to_string()
    } else if b.currency.is_some() {
        "currency changed".to_string()
    } else {
        let delta = amount(b.unit.new, new_currency.as_deref(), b.bac.new - b.bac.old);
        if b.bac.new > b.bac.old {
            format!("+{delta}")
        } else {
            delta
        }
    };
    [
        amount(b.unit.old, old_currency.as_deref(), b.bac.old),
        amount(b.unit.new, new_currency.as_deref(), b.bac.new),
        change,
    ]
}

/// The label and the before, after and change of the finish against a
/// baseline: `` vs baseline `march` (2027-03-01) ``, `+1d`, `+4d`, `+3d`.
pub fn baseline<S: Style + ?Sized>(s: &S, b: &BaselineShift) -> (String, [String; 3]) {
    let name = b
        .name
        .as_deref()
        .map_or_else(String::new, |n| format!(" {}", s.text(n)));
    let v = &b.finish_variance;
    (
        format!("vs baseline{name} ({})", b.finish),
        [
            Variance::days_text(v.old),
            Variance::days_text(v.new),
            Variance::days_text(v.new - v.old),
        ],
    )
}
