//! `prog portfolio`: every program found under the paths, side by side, and
//! the people and teams they share (see `prog_portfolio`).

use std::path::PathBuf;

use clap::ValueEnum;
use prog_db::Database;
use prog_portfolio::Portfolio;

use crate::{exit_code, inputs};

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PortfolioFormat {
    Md,
    Html,
    Json,
}

#[derive(clap::Args)]
pub struct Args {
    /// Plan files, or folders searched for them.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// The file to write; standard output without it.
    #[arg(short, long)]
    output: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = PortfolioFormat::Md)]
    format: PortfolioFormat,
}

/// Writes the portfolio; exit status 1 when a program has errors (it is
/// listed with them, and the others still report).
pub fn run(args: &Args) -> Result<u8, String> {
    let files = inputs::plan_paths(&args.paths)?;
    let mut db = Database::once();
    let plans = inputs::load_plans(&mut db, &files)?;
    // A file with no `program` of its own (a shared people file nothing
    // found imports) is not a program.
    let programs: Vec<_> = plans
        .into_iter()
        .filter(|&p| !prog_db::resolved(&db, p).plan.program.id.is_empty())
        .collect();
    if programs.is_empty() {
        return Err("no program found".to_string());
    }
    let portfolio = Portfolio::new(&db, &programs);
    let text = match args.format {
        PortfolioFormat::Md => prog_portfolio::markdown::write(&portfolio),
        PortfolioFormat::Html => prog_portfolio::html::write(&portfolio),
        PortfolioFormat::Json => serde_json::to_string_pretty(&portfolio).map_err(|e| e.to_string())? + "\n",
    };
    match &args.output {
        Some(file) => std::fs::write(file, text).map_err(|e| format!("{}: {e}", file.display()))?,
        None => crate::emit(&text),
    }
    let failed = portfolio.programs.iter().any(|p| !p.errors.is_empty());
    Ok(if failed { exit_code::PROBLEMS } else { 0 })
}
