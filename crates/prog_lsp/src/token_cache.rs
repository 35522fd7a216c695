//! The last semantic tokens sent per document, for deltas.

use std::collections::HashMap;
use std::sync::Mutex;

use tower_lsp_server::ls_types::Uri;

use crate::locks::lock;

/// The last tokens sent per document (result id and encoded data), for
/// deltas.
#[derive(Default)]
pub struct TokenCache(Mutex<HashMap<Uri, (String, Vec<u32>)>>);

impl TokenCache {
    /// Keeps `data` as the last tokens of `uri`; returns those it replaces.
    pub fn replace(&self, uri: &Uri, result_id: &str, data: &[u32]) -> Option<(String, Vec<u32>)> {
        lock(&self.0).insert(uri.clone(), (result_id.to_string(), data.to_vec()))
    }

    pub fn forget(&self, uri: &Uri) {
        lock(&self.0).remove(uri);
    }
}
