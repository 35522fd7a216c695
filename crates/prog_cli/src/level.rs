//! `prog level`: the plan's schedule after resource leveling, as a table or
//! as the JSON schedule with the leveled times, `makespan` and each task's
//! `delay`.

use std::path::PathBuf;
use std::time::Duration;

use prog_db::Database;
use prog_plan::{LevelOptions, Leveling, Plan, ScheduleDoc, WorkCalendar};

use crate::{Format, exit_code, inputs};

#[derive(clap::Args)]
pub struct Args {
    plan: PathBuf,
    /// Seed of the search: the same seed gives the same schedule.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Schedules to generate at most; by default 5,000 for plans of up to
    /// 120 tasks, fewer for larger ones (200 for 3,000 tasks, 60 for 10,000).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=100_000_000))]
    schedules: Option<u64>,
    /// Stop searching after this many milliseconds, so that large plans
    /// stay interactive (the result may then vary from run to run); 0 for
    /// no limit.
    #[arg(long, default_value_t = LevelOptions::DEFAULT_TIME_LIMIT_MS)]
    time_limit_ms: u64,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

pub fn run(args: &Args) -> Result<u8, String> {
    let mut db = Database::once();
    // Errors go to stderr; what could be understood still goes on.
    let (project, code) = inputs::load_reporting_errors(&mut db, &args.plan)?;
    let plan = &prog_db::resolved(&db, project).plan;
    let unleveled = prog_db::schedule(&db, project);
    let calendar = prog_db::work_calendar(&db, project);
    let mut options = LevelOptions::for_plan(plan);
    options.seed = args.seed;
    if let Some(schedules) = args.schedules {
        options.schedules = usize::try_from(schedules).map_err(|e| e.to_string())?;
    }
    options.time_limit = (args.time_limit_ms > 0).then(|| Duration::from_millis(args.time_limit_ms));
    let leveled = match prog_plan::level(plan, calendar, unleveled, &options, |_| {}) {
        Ok(leveled) => leveled,
        Err(e) => {
            eprintln!("error: {}", e.message(plan));
            return Ok(exit_code::PROBLEMS);
        }
    };
    for warning in &leveled.over_capacity {
        eprintln!("warning: {}", warning.message(plan));
    }
    let output =
        format_output(plan, &leveled, unleveled, calendar, args.format).map_err(|e| e.to_string())?;
    crate::emit(&output);
    Ok(code)
}

fn format_output(
    plan: &Plan,
    leveled: &Leveling,
    unleveled: &prog_plan::Schedule,
    cal: &WorkCalendar,
    format: Format,
) -> Result<String, serde_json::Error> {
    match format {
        Format::Json => Ok(serde_json::to_string_pretty(&json(plan, leveled, cal)?)? + "\n"),
        Format::Text => Ok(text(plan, leveled, unleveled, cal)),
    }
}

/// The schedule document of docs/language.md section 7 with the leveled times and
/// `makespan`, and per task its `delay` in working days.
fn json(plan: &Plan, leveled: &Leveling, cal: &WorkCalendar) -> Result<serde_json::Value, serde_json::Error> {
    let mut doc = ScheduleDoc::new(plan, &leveled.schedule, cal);
    doc.makespan = Some(prog_plan::Days(leveled.schedule.duration));
    let mut value = serde_json::to_value(&doc)?;
    if let Some(tasks) = value["tasks"].as_array_mut() {
        for (task, delay) in tasks.iter_mut().zip(&leveled.delay) {
            task["delay"] = serde_json::to_value(prog_plan::Days(*delay))?;
        }
    }
    Ok(value)
}

/// The schedule table of `prog schedule`, after a summary, and the tasks that
/// moved.
fn text(plan: &Plan, leveled: &Leveling, unleveled: &prog_plan::Schedule, cal: &WorkCalendar) -> String {
    let mut out = format!(
        "leveled: {} working days (unleveled {}, without resource limits {}), {} schedules tried\n",
        leveled.schedule.duration.days_text(),
        unleveled.duration.days_text(),
        leveled.lower_bound.days_text(),
        leveled.schedules
    );
    out.push_str(&crate::schedule::table(plan, &leveled.schedule, cal, None));
    let moved: Vec<String> = plan
        .task_ids()
        .filter(|id| plan.task(*id).is_leaf() && leveled.delay[id.index()] > prog_plan::Work::ZERO)
        .map(|id| {
            format!(
                "  {}  +{}d",
                plan.task(id).id,
                leveled.delay[id.index()].days_text()
            )
        })
        .collect();
    if moved.is_empty() {
        out.push_str("\nno task moved\n");
    } else {
        out.push_str(&format!("\ndelayed by leveling:\n{}\n", moved.join("\n")));
    }
    out
}
