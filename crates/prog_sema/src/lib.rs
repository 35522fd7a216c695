//! From syntax to the plan model.
//!
//! Lowering happens in two steps so that the incremental layer can memoise
//! the first per item: [`lower_decl`] turns one declaration into typed
//! values whose references are still names ([`LoweredDecl`]); [`resolve`]
//! joins every file's declarations into the span-free [`prog_plan::Plan`],
//! with a [`SourceMap`] beside it that says where each part was written.

mod actuals;
mod capped;
mod diagnostic;
mod external;
mod findings;
mod item;
mod people_findings;
mod resolve;
mod statements;
mod suggest;
mod task_values;
mod tracking;
mod values;

pub use capped::{Diagnostics, KEPT_PER_CODE};
pub use diagnostic::{Code, Diagnostic, FileId, Location, Related, Severity};
pub use external::{ExternalValues, external_findings};
pub use findings::{overload_findings, timing_findings};
pub use item::{DeclValues, LoweredDecl, NameRef, OtherValues, PeopleValues, lower_decl, lower_file};
pub use people_findings::people_findings;
pub use resolve::{DeclSite, Expected, Lists, NO_PROGRAM, Piece, Resolved, SourceMap, resolve, resolve_each};
pub use statements::allowed;
pub use suggest::closest;
pub use task_values::TaskValues;
