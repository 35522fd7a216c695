//! The Gantt chart as SVG, paged by group when the plan is large.
//!
//! Bars sit at the scheduled dates on a calendar axis with a gridline every
//! Monday. Critical work is red; float is a thin tail from the finish to the
//! late finish; milestones are diamonds at the end of their day; groups are
//! summary bars; dependencies are elbow arrows between rows of one chart.

use std::collections::HashMap;
use std::fmt::Write;

use chrono::{Days, NaiveDate};

use crate::escape::html;
use crate::svg::{Px, truncate};
use crate::weeks::monday_of;
use crate::{Report, TaskRow};

/// Most rows in one chart; a larger group is shown with its subgroups
/// collapsed, each in a chart of its own.
pub const PAGE_ROWS: usize = 250;

const LABEL_WIDTH: f64 = 300.0;
const ROW: f64 = 22.0;
const HEADER: f64 = 24.0;
const PLOT_WIDTH: f64 = 1000.0;

/// A chart and the charts of the groups it shows collapsed.
pub struct Page {
    /// The group this page shows, `None` for the whole plan.
    pub group: Option<usize>,
    /// Indices in [`Report::tasks`], in plan order.
    pub rows: Vec<usize>,
    pub subpages: Vec<Page>,
}

/// The pages of `report`: one for the whole plan when it is small enough.
pub fn pages(report: &Report) -> Page {
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); report.tasks.len()];
    let mut top = Vec::new();
    for (i, task) in report.tasks.iter().enumerate() {
        match task.parent {
            Some(p) => children[p].push(i),
            None => top.push(i),
        }
    }
    // Groups come before their children: sizes add up from the end.
    let mut size = vec![1usize; report.tasks.len()];
    for i in (0..report.tasks.len()).rev() {
        if let Some(p) = report.tasks[i].parent {
            size[p] += size[i];
        }
    }
    page(None, &top, &children, &size)
}

fn page(group: Option<usize>, members: &[usize], children: &[Vec<usize>], size: &[usize]) -> Page {
    let total: usize = members.iter().map(|&m| size[m]).sum::<usize>() + usize::from(group.is_some());
    let mut rows: Vec<usize> = group.into_iter().collect();
    if total <= PAGE_ROWS {
        let mut stack: Vec<usize> = members.iter().rev().copied().collect();
        while let Some(i) = stack.pop() {
            rows.push(i);
            stack.extend(children[i].iter().rev());
        }
        return Page {
            group,
            rows,
            subpages: Vec::new(),
        };
    }
    rows.extend(members);
    let subpages = members
        .iter()
        .filter(|&&m| !children[m].is_empty())
        .map(|&m| page(Some(m), &children[m], children, size))
        .collect();
    Page {
        group,
        rows,
        subpages,
    }
}

/// The calendar axis shared by every chart of a report.
pub struct Axis {
    origin: NaiveDate,
    days: i64,
    per_day: f64,
}

impl Axis {
    pub fn new(report: &Report) -> Axis {
        let origin = monday_of(report.program.start);
        let last = report
            .tasks
            .iter()
            .map(|t| t.late_finish.max(t.schedule.finish))
            .chain(report.program.status_date)
            .fold(report.program.finish, NaiveDate::max);
        // Whole weeks, and one more for the labels of the last.
        let days = ((last - origin).num_days() / 7 + 2) * 7;
        Axis {
            origin,
            days,
            per_day: (PLOT_WIDTH / days as f64).clamp(1.0, 28.0),
        }
    }

    /// The left edge of `date`.
    fn x(&self, date: NaiveDate) -> f64 {
        LABEL_WIDTH + (date - self.origin).num_days() as f64 * self.per_day
    }

    /// The right edge of `date`.
    fn end(&self, date: NaiveDate) -> f64 {
        self.x(date) + self.per_day
    }

    fn width(&self) -> f64 {
        LABEL_WIDTH + self.days as f64 * self.per_day + 10.0
    }
}

/// One chart of `rows` as an `<svg>` element.
pub fn chart(report: &Report, axis: &Axis, rows: &[usize], out: &mut String) {
    let height = HEADER + rows.len() as f64 * ROW + 6.0;
    let width = axis.width();
    let _ = write!(
        out,
        r#"<svg class="gantt" xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-label="Gantt chart">"#,
        w = Px(width),
        h = Px(height)
    );
    grid(axis, height, out);
    if let Some(status) = report.program.status_date {
        let x = Px(axis.end(status));
        let _ = write!(
            out,
            r#"<line class="status" x1="{x}" y1="{}" x2="{x}" y2="{}"><title>status date {status}</title></line>"#,
            Px(HEADER - 6.0),
            Px(height)
        );
    }
    let row_of: HashMap<usize, usize> = rows.iter().enumerate().map(|(r, &t)| (t, r)).collect();
    arrows(report, axis, &row_of, out);
    for (r, &t) in rows.iter().enumerate() {
        task(&report.tasks[t], axis, HEADER + r as f64 * ROW, out);
    }
    out.push_str("</svg>\n");
}

/// Week gridlines with their Monday's date, spaced so labels do not collide.
fn grid(axis: &Axis, height: f64, out: &mut String) {
    let every = ((80.0 / (7.0 * axis.per_day)).ceil() as i64).max(1);
    out.push_str(r#"<g class="grid">"#);
    for week in 0..axis.days / 7 {
        let monday = axis.origin + Days::new(week as u64 * 7);
        let x = Px(axis.x(monday));
        let _ = write!(
            out,
            r#"<line x1="{x}" y1="{}" x2="{x}" y2="{}"/>"#,
            Px(HEADER - 4.0),
            Px(height)
        );
        if week % every == 0 {
            let _ = write!(
                out,
                r#"<text x="{}" y="14">{monday}</text>"#,
                Px(axis.x(monday) + 2.0)
            );
        }
    }
    out.push_str("</g>");
}

fn task(task: &TaskRow, axis: &Axis, top: f64, out: &mut String) {
    let t = &task.schedule;
    let mid = top + ROW / 2.0;
    let class = task.classes();
    let _ = write!(
        out,
        r#"<g class="{class}"><title>{}: {}{} — {} to {}, float {}d{}</title>"#,
        task.id(),
        html(task.name()),
        if task.external { " (external)" } else { "" },
        t.start,
        t.finish,
        t.total_float.0.days_text(),
        if task.percent_done > 0 {
            format!(", {}% done", task.percent_done)
        } else {
            String::new()
        }
    );
    let indent = 4.0 + task.depth as f64 * 12.0;
    let chars = ((LABEL_WIDTH - indent - 8.0) / 6.6) as usize;
    let _ = write!(
        out,
        r#"<text class="label" x="{}" y="{}">{}</text>"#,
        Px(indent),
        Px(mid + 4.0),
        html(&truncate(task.name(), chars))
    );
    let (x0, x1) = (axis.x(t.start), axis.end(t.finish));
    match task.kind() {
        "milestone" => {
            let (x, r) = (x1, 6.0);
            let _ = write!(
                out,
                r#"<path class="bar" d="M{} {}l{r} {r}l-{r} {r}l-{r} -{r}z"/>"#,
                Px(x),
                Px(mid - r)
            );
        }
        "group" => {
            let _ = write!(
                out,
                r#"<path class="bar" d="M{} {}H{}v9l-4 -4H{}l-4 4z"/>"#,
                Px(x0),
                Px(mid - 4.0),
                Px(x1),
                Px(x0 + 4.0)
            );
        }
        _ => {
            let _ = write!(
                out,
                r#"<rect class="bar" x="{}" y="{}" width="{}" height="12" rx="2"/>"#,
                Px(x0),
                Px(mid - 6.0),
                Px((x1 - x0).max(1.0))
            );
            if task.percent_done > 0 {
                let _ = write!(
                    out,
                    r#"<rect class="done" x="{}" y="{}" width="{}" height="4"/>"#,
                    Px(x0),
                    Px(mid - 2.0),
                    Px((x1 - x0) * f64::from(task.percent_done) / 100.0)
                );
            }
        }
    }
    // The baseline, else the plan without progress, thin under the bar.
    let planned = match (&t.baseline, &t.progress) {
        (Some(b), _) => Some((b.baseline_start, b.baseline_finish, "baseline")),
        (None, Some(p)) => Some((p.planned_start, p.planned_finish, "planned")),
        _ => None,
    };
    if let Some((start, finish, what)) = planned
        && task.kind() != "group"
    {
        let (p0, p1) = (axis.x(start), axis.end(finish));
        let (p0, width) = if task.kind() == "milestone" {
            (p1 - 2.0, 4.0)
        } else {
            (p0, (p1 - p0).max(1.0))
        };
        let _ = write!(
            out,
            r#"<rect class="planned" x="{}" y="{}" width="{}" height="3"><title>{what} {start} to {finish}</title></rect>"#,
            Px(p0),
            Px(mid + 7.0),
            Px(width),
        );
    }
    if let Some(deadline) = task.deadline {
        let x = Px(axis.end(deadline));
        let _ = write!(
            out,
            r#"<line class="deadline" x1="{x}" y1="{}" x2="{x}" y2="{}"><title>deadline {deadline}</title></line>"#,
            Px(mid - 8.0),
            Px(mid + 8.0)
        );
    }
    if t.total_float.0.0 > 0 && task.late_finish > t.finish {
        let _ = write!(
            out,
            r#"<line class="float" x1="{}" y1="{}" x2="{}" y2="{}"/>"#,
            Px(x1),
            Px(mid),
            Px(axis.end(task.late_finish)),
            Px(mid)
        );
    }
    out.push_str("</g>");
}

/// Elbow arrows for the dependencies whose two ends are rows of this chart.
fn arrows(report: &Report, axis: &Axis, row_of: &HashMap<usize, usize>, out: &mut String) {
    out.push_str(r#"<g class="deps">"#);
    for dep in &report.dependencies {
        let (Some(&from), Some(&to)) = (row_of.get(&dep.from_index), row_of.get(&dep.to_index)) else {
            continue;
        };
        let (f, t) = (&report.tasks[dep.from_index], &report.tasks[dep.to_index]);
        let x1 = match dep.kind {
            "start_to_start" => axis.x(f.schedule.start),
            _ => axis.end(f.schedule.finish),
        };
        let x2 = match dep.kind {
            "finish_to_finish" => axis.end(t.schedule.finish),
            _ => axis.x(t.schedule.start),
        };
        let (y1, y2) = (
            HEADER + (from as f64 + 0.5) * ROW,
            HEADER + (to as f64 + 0.5) * ROW,
        );
        let class = if dep.critical { r#" class="crit""# } else { "" };
        let _ = write!(
            out,
            r#"<path{class} d="M{} {}h5V{}H{}"/>"#,
            Px(x1),
            Px(y1),
            Px(y2),
            Px(x2)
        );
    }
    out.push_str("</g>");
}
