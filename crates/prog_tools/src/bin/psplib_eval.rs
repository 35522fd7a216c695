//! `psplib_eval DIR [--schedules N] [--seed S] [--limit K]`: levels every
//! PSPLIB `.sm` instance in DIR (j30, j60, ...) and compares the makespans
//! with DIR/optimum.csv and with the critical-path lower bound.
//!
//! Each instance is read, turned into a plan (the same model its `.prog`
//! text lowers to; a test of `prog_tools` proves that) and leveled on one
//! thread; the time per instance is the leveling alone.

use std::path::PathBuf;
use std::time::Instant;

use clap::Parser;
use prog_plan::{LevelOptions, WorkCalendar, level, schedule_with};
use prog_tools::psplib;

#[derive(Parser)]
struct Args {
    dir: PathBuf,
    /// Schedules per instance (each serial-scheme pass counts as one).
    #[arg(long, default_value_t = 5_000)]
    schedules: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Only the first K instances (sorted by name).
    #[arg(long)]
    limit: Option<usize>,
    /// Print one line per instance.
    #[arg(long)]
    verbose: bool,
}

fn main() -> Result<(), String> {
    let args = Args::parse();
    let csv = args.dir.join("optimum.csv");
    let known =
        psplib::parse_optima(&std::fs::read_to_string(&csv).map_err(|e| format!("{}: {e}", csv.display()))?)
            .map_err(|e| format!("{}: {e}", csv.display()))?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(&args.dir)
        .map_err(|e| format!("{}: {e}", args.dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "sm"))
        .collect();
    files.sort_by_key(|p| natural_key(p));
    files.truncate(args.limit.unwrap_or(usize::MAX));

    let mut stats = Stats::default();
    for path in &files {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let instance = psplib::parse(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let best = *known
            .get(&name)
            .ok_or_else(|| format!("{name}: not in {}", csv.display()))?;
        let plan = psplib::to_plan(&instance);
        let cal = WorkCalendar::new(&plan);
        let options = LevelOptions {
            seed: args.seed,
            schedules: args.schedules,
            time_limit: None,
        };
        let clock = Instant::now();
        let unleveled = schedule_with(&plan, &cal);
        let leveled = level(&plan, &cal, &unleveled, &options, |_| {})
            .map_err(|e| format!("{name}: {}", e.message(&plan)))?;
        let ms = clock.elapsed().as_secs_f64() * 1e3;
        let makespan = leveled.schedule.duration.as_days();
        let lower = leveled.lower_bound.as_days();
        if args.verbose {
            println!(
                "{name:<14} {makespan:>4} best {:>4} cpm {lower:>4} {:>5} schedules {ms:>7.1} ms",
                best.upper, leveled.schedules
            );
        }
        stats.add(makespan, best, lower, leveled.schedules, ms);
    }
    stats.print(&args.dir, args.schedules);
    Ok(())
}

/// `j3010_2` before `j3010_10`.
fn natural_key(path: &std::path::Path) -> Vec<(String, u64)> {
    let name = path.file_stem().unwrap_or_default().to_string_lossy();
    name.split('_')
        .map(|part| {
            let digits = part.trim_start_matches(|c: char| !c.is_ascii_digit());
            (
                part[..part.len() - digits.len()].to_string(),
                digits.parse().unwrap_or(0),
            )
        })
        .collect()
}

#[derive(Default)]
struct Stats {
    count: usize,
    dev_best: f64,
    dev_lower: f64,
    at_best: usize,
    proven: usize,
    schedules: usize,
    ms: f64,
    max_ms: f64,
}

impl Stats {
    fn add(&mut self, makespan: f64, best: psplib::Known, lower: f64, schedules: usize, ms: f64) {
        let upper = f64::from(best.upper);
        self.count += 1;
        self.dev_best += (makespan - upper) / upper;
        self.dev_lower += if lower > 0.0 {
            (makespan - lower) / lower
        } else {
            0.0
        };
        self.at_best += usize::from(makespan <= upper);
        self.proven += usize::from(best.is_optimum() && makespan <= upper);
        self.schedules += schedules;
        self.ms += ms;
        self.max_ms = self.max_ms.max(ms);
    }

    fn print(&self, dir: &std::path::Path, budget: usize) {
        let n = self.count.max(1) as f64;
        println!("instances            {} ({})", self.count, dir.display());
        println!("schedule budget      {budget}");
        println!("mean dev. from best  {:.3} %", 100.0 * self.dev_best / n);
        println!("mean dev. from CPM   {:.2} %", 100.0 * self.dev_lower / n);
        println!("at best known        {:.1} %", 100.0 * self.at_best as f64 / n);
        println!("at proven optimum    {:.1} %", 100.0 * self.proven as f64 / n);
        println!("mean schedules       {:.0}", self.schedules as f64 / n);
        println!("mean ms / instance   {:.2}", self.ms / n);
        println!("max ms / instance    {:.2}", self.max_ms);
    }
}
