//! The S-curve of the forecast as SVG: the share of Monte-Carlo runs done by
//! each date, with the P50, P80 and P95 dates and the planned finish marked.

use std::fmt::Write;

use chrono::{Days, NaiveDate};

use crate::FinishForecast;
use crate::svg::Px;

const WIDTH: f64 = 900.0;
const HEIGHT: f64 = 320.0;
const LEFT: f64 = 60.0;
const RIGHT: f64 = 150.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 46.0;
/// Most date labels on the x axis.
const DATE_LABELS: usize = 8;

/// The chart of `forecast`, with `planned` (the scheduled finish) marked.
pub fn chart(forecast: &FinishForecast, planned: NaiveDate, out: &mut String) {
    let finish = &forecast.finish;
    let (Some(first), Some(last)) = (finish.cdf.first(), finish.cdf.last()) else {
        return;
    };
    // Calendar days, each drawn from its start to its end: a run done on a
    // day counts from the end of that day.
    let from = first.date.min(planned);
    let days = ((last.date.max(planned) - from).num_days() + 1) as f64;
    let plot = WIDTH - LEFT - RIGHT;
    let x = |date: NaiveDate| LEFT + (date - from).num_days() as f64 / days * plot;
    let end = |date: NaiveDate| x(date + Days::new(1));
    let y = |share: f64| TOP + (1.0 - share) * (HEIGHT - TOP - BOTTOM);
    let _ = write!(
        out,
        r#"<svg class="scurve" xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="S-curve of the finish date"><g class="grid">"#
    );
    for percent in [0, 25, 50, 75, 100] {
        let at = Px(y(f64::from(percent) / 100.0));
        let _ = write!(
            out,
            r#"<line x1="{LEFT}" y1="{at}" x2="{}" y2="{at}"/><text x="{}" y="{}" text-anchor="end">{percent}%</text>"#,
            Px(LEFT + plot),
            Px(LEFT - 6.0),
            Px(y(f64::from(percent) / 100.0) + 4.0)
        );
    }
    let every = (days as usize).div_ceil(DATE_LABELS).max(1);
    let base = Px(y(0.0));
    for day in (0..days as usize).step_by(every) {
        let date = from + Days::new(day as u64);
        let _ = write!(
            out,
            r#"<line x1="{x}" y1="{base}" x2="{x}" y2="{}"/><text x="{x}" y="{}" text-anchor="middle">{date}</text>"#,
            Px(y(0.0) + 4.0),
            Px(y(0.0) + 16.0),
            x = Px(x(date)),
        );
    }
    let _ = write!(
        out,
        r#"</g><text class="axis-title" x="{}" y="{}" text-anchor="middle">finish date</text><text class="axis-title" transform="translate(14 {}) rotate(-90)" text-anchor="middle">runs done</text>"#,
        Px(LEFT + plot / 2.0),
        Px(HEIGHT - 8.0),
        Px(y(0.5))
    );
    // The step curve: flat through a day, up at its end.
    let mut d = format!("M{} {}", Px(x(from)), Px(y(0.0)));
    for point in &finish.cdf {
        let _ = write!(d, "H{}V{}", Px(end(point.date)), Px(y(point.share)));
    }
    let _ = write!(d, "H{}", Px(LEFT + plot));
    let _ = write!(out, r#"<path class="cdf" d="{d}"/>"#);
    let markers = [
        ("planned", "planned", planned),
        ("p50", "P50", finish.p50.date),
        ("p80", "P80", finish.p80.date),
        ("p95", "P95", finish.p95.date),
    ];
    // Labels in rows of their own, so markers on one date stay readable.
    for (row, (class, label, date)) in markers.into_iter().enumerate() {
        let at = Px(end(date));
        let _ = write!(
            out,
            r#"<g class="marker {class}"><title>{label}: {date}</title><line x1="{at}" y1="{}" x2="{at}" y2="{base}"/><text x="{}" y="{}">{label} {date}</text></g>"#,
            Px(TOP),
            Px(end(date) + 4.0),
            Px(TOP + 10.0 + row as f64 * 14.0)
        );
    }
    out.push_str("</svg>");
}
