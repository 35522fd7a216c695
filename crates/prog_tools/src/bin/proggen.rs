//! `proggen --tasks N [--resources R] [--seed S]`: prints a generated plan
//! of N tasks as `.prog` text, for benchmarks.

use clap::Parser;

#[derive(Parser)]
struct Args {
    #[arg(long)]
    tasks: usize,
    #[arg(long, default_value_t = 50)]
    resources: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

fn main() {
    let args = Args::parse();
    let plan = prog_plan::generate::plan(args.tasks, args.resources, args.seed);
    print!("{}", prog_tools::write_prog(&plan));
}
