//! MS Project's XML interchange format (MSPDI): the `Project` document with
//! its `Calendars`, `Tasks`, `Resources` and `Assignments`.
//!
//! Units, from the format's schema: durations are ISO 8601 (`PT8H0M0S`);
//! `LinkLag` is in tenths of a minute; link `Type` 0 is finish-to-finish, 1
//! finish-to-start, 2 start-to-finish, 3 start-to-start; `ConstraintType` 0
//! as soon as possible, 1 as late as possible, 2 must start on, 3 must
//! finish on, 4 start no earlier than, 5 start no later than, 6 finish no
//! earlier than, 7 finish no later than.

mod baseline;
mod prog_text;
mod read;
mod recurrence;
mod source;
pub mod time;
mod to_prog;
mod write;

pub use baseline::with_baseline_dates;
pub use prog_text::Losses;
pub use read::{ReadError, line_column, read};
pub use to_prog::{Imported, to_prog};
pub use write::{Export, Notes, write};

/// The namespace of an MSPDI document.
pub const NAMESPACE: &str = "http://schemas.microsoft.com/project";

pub const LINK_FF: u32 = 0;
pub const LINK_FS: u32 = 1;
pub const LINK_SF: u32 = 2;
pub const LINK_SS: u32 = 3;
