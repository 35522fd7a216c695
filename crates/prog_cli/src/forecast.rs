//! `prog forecast`: a Monte-Carlo forecast of a plan, as text or JSON.

use std::io::IsTerminal;
use std::path::PathBuf;

use prog_db::Database;
use prog_plan::baseline::Variance;
use prog_plan::forecast::{Distribution, ForecastDoc, Options, Point, Spread};
use prog_plan::{Forecast, Plan, Schedule, WorkCalendar};

use crate::{Format, inputs};

/// How many of the most critical tasks the text lists.
const TOP_TASKS: usize = 10;

#[derive(clap::Args)]
pub struct Args {
    plan: PathBuf,
    /// Number of simulated runs.
    #[arg(long, default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(1..=100_000_000))]
    iterations: u64,
    /// Seed of the random draws: the same seed gives the same forecast.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// How durations are drawn from `estimate` (optimistic, likely, pessimistic).
    #[arg(long, value_enum, default_value_t = Shape::Pert)]
    distribution: Shape,
    /// Worker threads; 0 for one per core.
    #[arg(long, default_value_t = 0)]
    threads: usize,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Shape {
    Triangular,
    Pert,
}

pub fn run(args: &Args) -> Result<u8, String> {
    let mut db = Database::once();
    // Errors go to stderr; what could be understood still goes on.
    let (project, code) = inputs::load_reporting_errors(&mut db, &args.plan)?;
    let plan = &prog_db::resolved(&db, project).plan;
    let calendar = prog_db::work_calendar(&db, project);
    let options = Options {
        iterations: usize::try_from(args.iterations).map_err(|e| e.to_string())?,
        seed: args.seed,
        distribution: match args.distribution {
            Shape::Triangular => Distribution::Triangular,
            Shape::Pert => Distribution::Pert,
        },
        threads: args.threads,
    };
    let forecast = with_progress_bar(options.iterations, |progress| {
        prog_plan::forecast(plan, calendar, &options, progress)
    });
    match args.format {
        Format::Text => {
            let schedule = prog_db::schedule(&db, project);
            crate::emit(&text(plan, schedule, calendar, &forecast, &options));
        }
        Format::Json => {
            let doc = ForecastDoc::new(plan, &forecast, &options);
            crate::emit_json(&doc)?;
        }
    }
    Ok(code)
}

/// Runs `f` with a progress callback that draws a bar on stderr when stderr
/// is a terminal, and does nothing otherwise.
fn with_progress_bar<T>(total: usize, f: impl FnOnce(&(dyn Fn(usize, usize) + Sync)) -> T) -> T {
    if !std::io::stderr().is_terminal() {
        return f(&|_, _| {});
    }
    let bar = indicatif::ProgressBar::new(total as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template("forecast {bar:40} {pos}/{len} runs {eta}") {
        bar.set_style(style);
    }
    let result = f(&|done, _| bar.set_position(done as u64));
    bar.finish_and_clear();
    result
}

/// The forecast as plain text: finish percentiles, milestones, the most
/// critical tasks and the risks by contribution.
fn text(plan: &Plan, schedule: &Schedule, cal: &WorkCalendar, f: &Forecast, options: &Options) -> String {
    let mut out = format!(
        "{}: forecast from {} runs ({}, seed {})\n",
        prog_report::escape::terminal(plan.program.title.as_deref().unwrap_or(&plan.program.id)),
        f.iterations,
        options.distribution.name(),
        options.seed,
    );
    if let Some(date) = plan.program.status_date {
        out.push_str(&format!(
            "from the status date {date}: finished work fixed, work in progress drawing what it has left\n"
        ));
    }
    out.push_str(&format!(
        "scheduled finish: {} ({} working days, without estimates or risks)\n\n",
        cal.milestone_date(schedule.duration),
        schedule.duration.days_text(),
    ));
    let mut rows = vec![cells(["", "P50", "P80", "P95", "mean", "deadline", "chance"])];
    let mut finish = spread_row("finish".into(), &f.finish);
    finish.extend([String::new(), String::new()]);
    rows.push(finish);
    for m in &f.milestones {
        let mut row = spread_row(format!("  {}", plan.task(m.task).id), &m.spread);
        match plan.task(m.task).deadline {
            Some(deadline) => row.extend([deadline.to_string(), percent(m.spread.share_by(deadline))]),
            None => row.extend([String::new(), String::new()]),
        }
        rows.push(row);
    }
    out.push_str(&columns(&rows, &[false, false, false, false, true, false, true]));

    let mut critical: Vec<_> = plan
        .task_ids()
        .filter(|&t| plan.task(t).is_leaf() && f.criticality[t.index()] > 0.0)
        .collect();
    // Most critical first; plan order among equals.
    critical.sort_by(|a, b| f.criticality[b.index()].total_cmp(&f.criticality[a.index()]));
    if !critical.is_empty() {
        out.push_str("\nmost critical (share of runs on the critical path)\n");
        let rows: Vec<_> = critical
            .iter()
            .take(TOP_TASKS)
            .map(|&t| {
                vec![
                    format!("  {}", plan.task(t).id),
                    percent(f.criticality[t.index()]),
                ]
            })
            .collect();
        out.push_str(&columns(&rows, &[false, true]));
        if critical.len() > TOP_TASKS {
            out.push_str(&format!("  … and {} more\n", critical.len() - TOP_TASKS));
        }
    }

    if !plan.risks.is_empty() {
        out.push_str("\nrisks (delay of the mean finish they cause)\n");
        let mut risks: Vec<_> = plan.risks.iter().zip(&f.risks).collect();
        risks.sort_by(|a, b| {
            let key = |e: &prog_plan::forecast::RiskEffect| e.contribution.unwrap_or(f64::INFINITY);
            key(b.1).total_cmp(&key(a.1))
        });
        let mut rows = vec![cells(["", "fired", "if fired", "on average"])];
        for (risk, effect) in risks {
            rows.push(vec![
                format!("  {}", risk.id),
                percent(effect.fired),
                effect.delay_if_fired.map_or("-".into(), Variance::days_text),
                effect
                    .contribution
                    .map_or("- (fires in every run)".into(), Variance::days_text),
            ]);
        }
        out.push_str(&columns(&rows, &[false, true, true, true]));
    }
    out
}

fn cells<const N: usize>(texts: [&str; N]) -> Vec<String> {
    texts.iter().map(|s| s.to_string()).collect()
}

fn spread_row(name: String, s: &Spread) -> Vec<String> {
    let point = |p: &Point| format!("{} ({}d)", p.date, p.days);
    vec![
        name,
        point(&s.p50),
        point(&s.p80),
        point(&s.p95),
        format!("{:.1}d", s.mean_days),
    ]
}

fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

/// Rows laid out in columns; `right[c]` right-aligns column `c`.
fn columns(rows: &[Vec<String>], right: &[bool]) -> String {
    let widths: Vec<usize> = (0..right.len())
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for row in rows {
        let line: Vec<String> = row
            .iter()
            .zip(widths.iter().zip(right))
            .map(|(cell, (&w, &right))| {
                if right {
                    format!("{cell:>w$}")
                } else {
                    format!("{cell:<w$}")
                }
            })
            .collect();
        out.push_str(line.join("  ").trim_end());
        out.push('\n');
    }
    out
}
