//! `prog`: check, schedule and report on `.prog` plans.

mod check;
mod inputs;
mod render;
mod schedule;

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
    },
    /// Schedule a plan: dates, float and the critical path of every task.
    Schedule {
        plan: std::path::PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// Exit statuses: 0 clean (warnings allowed), 1 errors in a plan, 2 usage or I/O.
pub mod status {
    pub const PROBLEMS: u8 = 1;
    pub const USAGE: u8 = 2;
}

/// Writes `text` to stdout. A closed pipe (`prog ... | head`) is not an error.
pub fn emit(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { status::USAGE } else { 0 });
        }
    };
    let result = match cli.command {
        Command::Check { paths, format } => check::run(&paths, format),
        Command::Schedule { plan, format } => schedule::run(&plan, format),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("prog: {message}");
            ExitCode::from(status::USAGE)
        }
    }
}
