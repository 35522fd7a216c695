//! Diagnostics pushed after every edit by one worker (`worker`), and the
//! cache of what was converted to protocol form (`cache`), which the pull
//! handler (`handlers::diagnostics`) shares.

pub mod cache;
mod worker;

pub use cache::ConvertedDocs;

pub use worker::spawn_worker;
