//! Interchange with other planning tools, knowing nothing of the CLI:
//!
//! - [`mspdi`]: MS Project's XML format (MSPDI), which MS Project 2003 and
//!   later, Project Online, ProjectLibre, GanttProject and MPXJ read and
//!   write. [`mspdi::write`] exports a scheduled plan; [`mspdi::read`]
//!   imports a file into `.prog` text and says what it could not keep;
//! - [`ics`]: milestones, deadlines and one owner's tasks as iCalendar
//!   (RFC 5545) events, for a calendar that subscribes to the file.
//!
//! docs/interchange.md has the mapping both ways and what is lost.

pub mod ics;
pub mod mspdi;
