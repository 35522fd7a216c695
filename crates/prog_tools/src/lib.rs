//! Development tools: turning generated plan models into plan text, so that
//! benchmarks can run the whole toolchain (and its peers) on large plans, and
//! reading PSPLIB scheduling instances ([`psplib`]) for the leveling
//! evaluation.

pub mod module_graph;
mod prog_text;
pub mod psplib;
mod tj_level;
mod tjp_text;

pub use prog_text::write_prog;
pub use tj_level::tj_leveling;
pub use tjp_text::{TjChanges, TjMapping, tj_compatible, write_tjp, write_tjp_leveling};
