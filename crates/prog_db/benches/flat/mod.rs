//! Flat plans for the benches: every person and task at the top level, as
//! people often write them (the generator of `prog_plan` nests tasks in
//! groups). Shared by the incremental bench and the LSP bench.

use std::fmt::Write;

/// `tasks` tasks and `people` people, all top-level items, with a comment
/// line (`# a comment`) in the middle of the tasks. Each task takes 1 to 9
/// days, is owned by one person and, three times in four, follows one of
/// the 50 tasks before it; people with several tasks are over-allocated
/// where their tasks overlap.
pub fn flat_plan(tasks: usize, people: usize) -> String {
    let mut text = String::from("program flat \"A flat plan\" { start 2027-01-04 }\n\n");
    for p in 0..people {
        writeln!(text, "person p{p} \"Person {p}\" {{ capacity 100% }}").unwrap();
    }
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        // xorshift64*: deterministic, no dependency.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 16
    };
    for t in 0..tasks {
        if t == tasks / 2 {
            text.push_str("# a comment\n");
        }
        let days = 1 + next() % 9;
        let owner = next() as usize % people.max(1);
        write!(text, "task t{t} \"Task {t}\" {{ duration {days}d owner p{owner}").unwrap();
        if t > 0 && next() % 4 != 0 {
            let back = 1 + next() as usize % t.min(50);
            write!(text, " after t{}", t - back).unwrap();
        }
        text.push_str(" }\n");
    }
    text
}
