//! A database that analyses each input once: the command-line tool's.

/// Whether the database analyses each input once (the command-line
/// tool): then resolution puts the task values into its model itself, and
/// `plan_shape` is that model, not a copy of it. An editor's database
/// (the default) leaves them out, so that an edit to a value resolves
/// nothing again and copies the model instead. Either way gives the same
/// `plan_shape`: this chooses memory (one model, not two) over the cost
/// of such an edit. Analysing once, chunks share their file's text too
/// (see `chunk_text`), and the lowered declarations are freed once
/// resolved (see `items::LoweredStash`).
#[salsa::input(singleton)]
pub(crate) struct AnalysedOnce {
    pub once: bool,
}

pub(crate) fn analysed_once(db: &dyn salsa::Database) -> bool {
    AnalysedOnce::try_get(db).is_some_and(|a| *a.once(db))
}
