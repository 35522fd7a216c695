//! Memory and allocations per stage of a cold analysis, as `prog check`
//! runs it (the same allocator, counted):
//! `cargo run --release -p prog_db --example memory -- PLAN`.
//! Stages are cumulative: `plan_shape` includes parsing, lowering and
//! resolution. The editor's syntax trees (`file_items`) are not made: an
//! analysis keeps none.
use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

use prog_db::{Database, Project};

struct Counting;
static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static COUNT: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let n = NOW.fetch_add(l.size(), Relaxed) + l.size();
        PEAK.fetch_max(n, Relaxed);
        COUNT.fetch_add(1, Relaxed);
        unsafe { mimalloc::MiMalloc.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        NOW.fetch_sub(l.size(), Relaxed);
        unsafe { mimalloc::MiMalloc.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        let n = NOW.fetch_add(new, Relaxed) + new;
        NOW.fetch_sub(l.size(), Relaxed);
        PEAK.fetch_max(n, Relaxed);
        COUNT.fetch_add(1, Relaxed);
        unsafe { mimalloc::MiMalloc.realloc(p, l, new) }
    }
}
#[global_allocator]
static A: Counting = Counting;

/// The resident memory of the process, from `/proc` (Linux), in MB.
fn resident() -> usize {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<usize>().ok());
    kb.unwrap_or(0) >> 10
}

fn stage(name: &str, t: &mut Instant) {
    println!(
        "{name:<14} now {:>6} MB  peak {:>6} MB  resident {:>6} MB  allocs {:>9}  {:>6} ms",
        NOW.load(Relaxed) >> 20,
        PEAK.swap(NOW.load(Relaxed), Relaxed) >> 20,
        resident(),
        COUNT.swap(0, Relaxed),
        t.elapsed().as_millis()
    );
    *t = Instant::now();
}

fn main() {
    let path = std::env::args().nth(1).expect("PLAN");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut t = Instant::now();
    stage("read", &mut t);
    let db = Database::once();
    let project = Project::single_file(&db, &path, &text);
    // The database keeps its own copy, as the command-line tool's does.
    drop(text);
    let _ = prog_db::plan_shape(&db, project);
    stage("plan_shape", &mut t);
    let _ = prog_db::schedule(&db, project);
    stage("schedule", &mut t);
    let d = prog_db::diagnostics(&db, project);
    stage(&format!("diags {}", d.len()), &mut t);
}
