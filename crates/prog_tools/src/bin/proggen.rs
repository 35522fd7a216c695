//! `proggen --tasks N [--resources R] [--seed S] [--shape streams|flat]
//! [--years Y] [--format prog|tjp] [--tj-compatible] [--leveling PEOPLE]`:
//! prints a generated plan of N tasks as `.prog` text or as a TaskJuggler 3
//! project, for benchmarks.
//!
//! `--shape streams` (the default) nests the tasks in workstreams and work
//! packages; `--shape flat` puts N tasks and R people at the top level, in
//! dependency chains that span about `--years` years (about one without it).
//!
//! `--tj-compatible` first reduces the plan to what TaskJuggler expresses
//! exactly (see `prog_tools::tj_compatible`), so that `.prog` and `.tjp`
//! describe the same schedule; a summary of what changed goes to stderr.
//! `--leveling PEOPLE` gives that plan PEOPLE persons and assigns every task
//! to one of them, so that `prog level` and `tj3` level the same plan.

use clap::{Parser, ValueEnum};
use prog_plan::generate::{self, Flat};

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Prog,
    Tjp,
}

#[derive(Clone, Copy, ValueEnum)]
enum Shape {
    Streams,
    Flat,
}

#[derive(Parser)]
struct Args {
    #[arg(long)]
    tasks: usize,
    #[arg(long, default_value_t = 50)]
    resources: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    #[arg(long, value_enum, default_value_t = Shape::Streams)]
    shape: Shape,
    /// How many years the flat shape's dependency chains span.
    #[arg(long)]
    years: Option<u32>,
    #[arg(long, value_enum, default_value_t = Format::Prog)]
    format: Format,
    /// Reduce the plan to what TaskJuggler can express (implied by `tjp`).
    #[arg(long)]
    tj_compatible: bool,
    /// A plan for leveling in both tools: the TaskJuggler-compatible plan
    /// with this many people, each task assigned to one of them (see
    /// `prog_tools::tj_leveling`).
    #[arg(long)]
    leveling: Option<usize>,
}

fn main() {
    let args = Args::parse();
    let mut plan = match args.shape {
        Shape::Streams => generate::plan(args.tasks, args.resources, args.seed),
        Shape::Flat => generate::flat(Flat {
            tasks: args.tasks,
            people: args.resources,
            years: args.years,
            seed: args.seed,
        }),
    };
    if args.tj_compatible {
        let m = prog_tools::tj_compatible(&plan);
        let c = m.changes;
        eprintln!(
            "tj-compatible: {} leads dropped, {} FF mapped exactly, {} FF approximated, \
             {} SS on groups expanded, {} deps on empty groups dropped, {} duplicates merged, {} group deps pushed down, {} deadlines dropped, \
             {} efforts as lengths",
            c.leads_dropped,
            c.ff_exact,
            c.ff_approximated,
            c.ss_on_groups_expanded,
            c.empty_group_deps_dropped,
            c.duplicates_merged,
            c.group_deps_pushed_down,
            c.deadlines_dropped,
            c.efforts_as_lengths
        );
        plan = m.plan;
    }
    if let Some(people) = args.leveling {
        let plan = prog_tools::tj_leveling(&plan, people);
        match args.format {
            Format::Prog => print!("{}", prog_tools::write_prog(&plan)),
            Format::Tjp => print!("{}", prog_tools::write_tjp_leveling(&plan)),
        }
        return;
    }
    match args.format {
        Format::Prog => print!("{}", prog_tools::write_prog(&plan)),
        Format::Tjp => print!("{}", prog_tools::write_tjp(&plan)),
    }
}
