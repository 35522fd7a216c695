//! `prog`: check, schedule and report on `.prog` plans.

mod baseline;
mod blocked_history;
mod check;
mod clipped_lines;
mod diagnostics_printer;
mod diff;
mod export;
mod fmt;
mod forecast;
mod git;
mod import;
mod inputs;
mod level;
mod plain_diagnostic;
mod portfolio;
mod pretty_json;
mod preview;
mod report;
mod schedule;
mod status;
mod sync;

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "prog",
    version,
    about = "Plans as code: check, schedule and report on .prog plans"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check plans for mistakes: files, or directories searched for .prog files.
    Check {
        #[arg(required = true)]
        paths: Vec<std::path::PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Exit 1 on warnings too (a missed deadline, an over-allocation):
        /// for CI that holds a plan to no findings at all.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Schedule a plan: dates, float and the critical path of every task.
    Schedule {
        plan: std::path::PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Compare with this baseline file instead of the program's `baseline`.
        #[arg(long)]
        baseline: Option<String>,
    },
    /// Format plans in the canonical layout (every comment kept), or with
    /// `--check` only report the files that are not.
    Fmt {
        #[arg(required = true)]
        paths: Vec<std::path::PathBuf>,
        #[arg(long)]
        check: bool,
    },
    /// Serve the Language Server Protocol on standard input and output.
    Lsp,
    /// Level a plan: a schedule with nobody booked above capacity on any day.
    Level(level::Args),
    /// Forecast a plan by Monte-Carlo simulation of its estimates and risks.
    Forecast(forecast::Args),
    /// What a change does to a plan: finish, critical path, tasks, risks,
    /// approvals and people, between two plans or two git revisions.
    Diff(diff::Args),
    /// Serve a plan's report on 127.0.0.1, updated in the browser as the plan changes.
    Preview(preview::Args),
    /// Report on a plan: an HTML page (the default), Markdown, JSON, CSV, Mermaid or Graphviz.
    Report {
        plan: std::path::PathBuf,
        /// The file to write; standard output without it.
        #[arg(short, long)]
        output: Option<std::path::PathBuf>,
        #[arg(long, value_enum, default_value_t = report::ReportFormat::Html)]
        format: report::ReportFormat,
        /// Compare with this baseline file instead of the program's `baseline`.
        #[arg(long)]
        baseline: Option<String>,
        /// Draw earned value and actual cost in the S-curve through the
        /// last N commits that changed the plan [default: 13 when the plan
        /// is kept in git; 0 draws them from zero].
        #[arg(long, value_name = "N")]
        trend: Option<usize>,
    },
    /// The weekly status report at the program's status date: RAG ratings,
    /// earned value, milestones, late and coming work (Markdown by default).
    Status {
        plan: std::path::PathBuf,
        /// The file to write; standard output without it.
        #[arg(short, long)]
        output: Option<std::path::PathBuf>,
        #[arg(long, value_enum, default_value_t = status::StatusFormat::Md)]
        format: status::StatusFormat,
        /// Compare with this baseline file instead of the program's `baseline`.
        #[arg(long)]
        baseline: Option<String>,
        /// Add what changed since the plan at this git revision (last week's
        /// commit): the finish and milestones moved and why, SPI, CPI, EAC.
        #[arg(long, value_name = "REV")]
        since: Option<String>,
        /// Add earned value and the forecast finish at each of the last N
        /// commits that changed the plan.
        #[arg(long, value_name = "N")]
        trend: Option<usize>,
        /// Cut the report to what this stakeholder follows, at their
        /// `format` (summary: the executive layer only).
        #[arg(long = "for", value_name = "STAKEHOLDER")]
        for_stakeholder: Option<String>,
    },
    /// Several programs side by side: ratings, finishes, SPI, CPI, EAC,
    /// milestones at risk, and the people and teams they share.
    Portfolio(portfolio::Args),
    /// Freeze the plan's schedule into a baseline file to measure against.
    Baseline(baseline::Args),
    /// Import an MS Project XML (MSPDI) file as a .prog plan, or with
    /// --from an issue tracker's export as a plan fragment.
    Import(import::Args),
    /// Update a plan's progress, remaining work and actuals from an issue
    /// tracker's export (Jira CSV, GitHub JSON, any CSV), in place.
    Sync(sync::Args),
    /// Export a plan to MS Project's XML (MSPDI) or to iCalendar.
    Export(export::Args),
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// Exit statuses: 0 clean (warnings allowed), 1 errors in a plan, 2 usage or I/O.
pub mod exit_code {
    pub const PROBLEMS: u8 = 1;
    pub const USAGE: u8 = 2;
}

/// Writes `text` to stdout. A closed pipe (`prog ... | head`) is not an error.
pub fn emit(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

/// Writes `value` to stdout as pretty JSON and a newline, as it is
/// serialised: a large plan's document is never held whole in memory. A
/// closed pipe is not an error.
pub fn emit_json(value: &impl serde::Serialize) -> Result<(), String> {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = pretty_json::to_writer(&mut out, value)
        .map_err(std::io::Error::from)
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush());
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.to_string()),
        _ => Ok(()),
    }
}

/// mimalloc: the analysis allocates and frees many small values per edit,
/// and glibc's allocator made a keystroke's analysis a third slower.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` of mimalloc.h (v3), which libmimalloc-sys
/// names no constant for: how long freed pages wait before they go back
/// to the system (a second unless set).
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

unsafe extern "C" {
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
    #[cfg(test)]
    fn mi_option_get(option: std::ffi::c_int) -> std::ffi::c_long;
}

/// A command that analyses once gives freed pages back after 25 ms, not a
/// second: it frees each item's syntax tree and tokens as it goes, and
/// pages kept for reuse by allocations of their own size only added a
/// tenth to the peak of a large plan (chain of 300,000 tasks: 331 MB, 297
/// after 25 ms, 292 at once but 15 % slower; 25 ms costs a few percent).
/// A server keeps the delay, which spares it the system calls on edits.
fn give_back_freed_pages_sooner() {
    // SAFETY: sets an option of the allocator this binary links; mimalloc
    // reads options at any time.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, 25) }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { exit_code::USAGE } else { 0 });
        }
    };
    if !matches!(cli.command, Command::Lsp | Command::Preview(_)) {
        give_back_freed_pages_sooner();
    }
    let result = match cli.command {
        Command::Check {
            paths,
            format,
            deny_warnings,
        } => check::run(&paths, format, deny_warnings),
        Command::Schedule {
            plan,
            format,
            baseline,
        } => schedule::run(&plan, format, baseline.as_deref()),
        Command::Fmt { paths, check } => fmt::run(&paths, check),
        Command::Lsp => prog_lsp::run().map_err(|e| format!("the language server failed: {e}")),
        Command::Forecast(args) => forecast::run(&args),
        Command::Level(args) => level::run(&args),
        Command::Preview(args) => preview::run(&args),
        Command::Report {
            plan,
            output,
            format,
            baseline,
            trend,
        } => report::run(&plan, output.as_deref(), format, baseline.as_deref(), trend),
        Command::Status {
            plan,
            output,
            format,
            baseline,
            since,
            trend,
            for_stakeholder,
        } => status::run(
            &plan,
            output.as_deref(),
            format,
            status::History {
                baseline: baseline.as_deref(),
                since: since.as_deref(),
                trend,
            },
            for_stakeholder.as_deref(),
        ),
        Command::Portfolio(args) => portfolio::run(&args),
        Command::Baseline(args) => baseline::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Import(args) => import::run(&args),
        Command::Sync(args) => sync::run(&args),
        Command::Export(args) => export::run(&args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("prog: {}", prog_report::escape::terminal(&message));
            ExitCode::from(exit_code::USAGE)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{MI_OPTION_PURGE_DELAY, mi_option_get, mi_option_set};

    /// The option's number is the purge delay's: its default is a second, and
    /// it reads back as set.
    #[test]
    fn the_purge_delay_is_the_option_set() {
        // SAFETY: reads and sets an option of the linked allocator.
        unsafe {
            assert_eq!(mi_option_get(MI_OPTION_PURGE_DELAY), 1000);
            mi_option_set(MI_OPTION_PURGE_DELAY, 0);
            assert_eq!(mi_option_get(MI_OPTION_PURGE_DELAY), 0);
            mi_option_set(MI_OPTION_PURGE_DELAY, 1000);
        }
    }
}
