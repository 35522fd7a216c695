//! Schedules a generated plan (as the `schedule_plan` bench makes it) and
//! prints the fastest of some runs: a process small enough to profile.
//!
//! ```sh
//! cargo build --release -p prog_plan --example schedule
//! target/release/examples/schedule 1000000 10
//! valgrind --tool=callgrind --toggle-collect='prog_plan::schedule::schedule' \
//!     target/release/examples/schedule 1000000 1
//! ```

use std::time::Instant;

use prog_plan::{generate, schedule};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Result<Vec<usize>, _> = std::env::args().skip(1).map(|a| a.parse()).collect();
    let Ok(args) = args else {
        eprintln!("usage: schedule [TASKS] [RUNS]");
        std::process::exit(2);
    };
    let tasks = args.first().copied().unwrap_or(1_000_000);
    let runs = args.get(1).copied().unwrap_or(10).max(1);
    let plan = generate::plan(tasks, 50, 7);
    let fastest = (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(schedule(std::hint::black_box(&plan)));
            start.elapsed()
        })
        .min()
        .unwrap_or_default();
    println!(
        "{} tasks: fastest schedule {:.1} ms",
        plan.tasks.len(),
        fastest.as_secs_f64() * 1e3
    );
}
