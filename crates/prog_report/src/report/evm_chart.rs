//! The earned-value S-curve as SVG: the planned value accumulating week by
//! week up to the budget, with the earned value and the actual cost at the
//! status date and the estimate at completion marked.

use std::fmt::Write;

use chrono::{Days, NaiveDate};

use crate::svg::Px;
use crate::{Burndown, LoadReport, status::StatusReport};

const WIDTH: f64 = 900.0;
const HEIGHT: f64 = 300.0;
const LEFT: f64 = 70.0;
const RIGHT: f64 = 150.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 30.0;

/// The chart of `burn` (whose planned remaining value gives the PV curve)
/// and `status`, over the columns of `load` (weeks, or groups of weeks) from
/// `start`.
pub fn chart(burn: &Burndown, status: &StatusReport, load: &LoadReport, start: NaiveDate, out: &mut String) {
    let p = &status.program;
    let (weeks, column) = (&load.weeks, Days::new(7 * load.weeks_per_column as u64));
    let (Some(ev), Some(last)) = (p.ev, weeks.last()) else {
        return;
    };
    let end = *last + column;
    let span = (end - start).num_days().max(1) as f64;
    let plot = WIDTH - LEFT - RIGHT;
    let x = |date: NaiveDate| LEFT + (date - start).num_days() as f64 / span * plot;
    let top = [burn.total, ev, p.ac.unwrap_or(0.0), p.eac.unwrap_or(0.0)]
        .into_iter()
        .fold(1.0, f64::max);
    let y = |value: f64| TOP + (1.0 - value / top) * (HEIGHT - TOP - BOTTOM);
    let _ = write!(
        out,
        r#"<svg class="evm" xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="Planned value, earned value and actual cost"><g class="grid">"#
    );
    for share in [0.0, 0.25, 0.5, 0.75, 1.0] {
        let at = Px(y(share * top));
        let _ = write!(
            out,
            r#"<line x1="{LEFT}" y1="{at}" x2="{}" y2="{at}"/><text x="{}" y="{}" text-anchor="end">{}</text>"#,
            Px(LEFT + plot),
            Px(LEFT - 6.0),
            Px(y(share * top) + 4.0),
            crate::amount::thousands(share * top)
        );
    }
    out.push_str("</g>");
    let mut points = vec![format!("{},{}", Px(x(start)), Px(y(0.0)))];
    for (week, left) in weeks.iter().zip(&burn.planned_remaining) {
        points.push(format!("{},{}", Px(x(*week + column)), Px(y(burn.total - left))));
    }
    let _ = write!(out, r#"<polyline class="pv" points="{}"/>"#, points.join(" "));
    let bac = Px(y(burn.total));
    let _ = write!(
        out,
        r#"<line class="bac" x1="{LEFT}" y1="{bac}" x2="{}" y2="{bac}"/><text x="{}" y="{}">BAC</text>"#,
        Px(LEFT + plot),
        Px(LEFT + plot + 6.0),
        Px(y(burn.total) + 4.0)
    );
    if let Some(eac) = p.eac {
        let at = Px(y(eac));
        let _ = write!(
            out,
            r#"<line class="eac" x1="{LEFT}" y1="{at}" x2="{}" y2="{at}"/><text x="{}" y="{}">EAC</text>"#,
            Px(LEFT + plot),
            Px(LEFT + plot + 6.0),
            Px(y(eac) + 4.0)
        );
    }
    let now = x(burn.status_date + Days::new(1));
    let _ = write!(
        out,
        r#"<line class="status" x1="{n}" y1="{TOP}" x2="{n}" y2="{}"/>"#,
        Px(y(0.0)),
        n = Px(now)
    );
    // Through the figures of past commits (`--trend`), else a straight line
    // from zero.
    let history = |pick: fn(&crate::status::TrendPoint) -> Option<f64>| -> String {
        let mut points = vec![format!("{},{}", Px(x(start)), Px(y(0.0)))];
        for t in status
            .trend
            .iter()
            .filter(|t| t.status_date < Some(burn.status_date))
        {
            if let (Some(date), Some(value)) = (t.status_date, pick(t)) {
                points.push(format!("{},{}", Px(x(date + Days::new(1))), Px(y(value))));
            }
        }
        points.join(" ")
    };
    let _ = write!(
        out,
        r#"<polyline class="ev" points="{} {},{}"/><circle class="ev" cx="{}" cy="{}" r="4"/><text x="{}" y="{}">EV</text>"#,
        history(|t| t.ev),
        Px(now),
        Px(y(ev)),
        Px(now),
        Px(y(ev)),
        Px(now + 6.0),
        Px(y(ev) + 4.0)
    );
    if let Some(ac) = p.ac {
        let _ = write!(
            out,
            r#"<polyline class="ac" points="{} {},{}"/><circle class="ac" cx="{}" cy="{}" r="4"/><text x="{}" y="{}">AC</text>"#,
            history(|t| t.ac),
            Px(now),
            Px(y(ac)),
            Px(now),
            Px(y(ac)),
            Px(now + 6.0),
            Px(y(ac) - 6.0)
        );
    }
    out.push_str("</svg>");
}
