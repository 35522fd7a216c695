//! What a request handler may use: snapshots of the state to run
//! `prog_ide` on, the caches of what was last sent, and the client. A
//! handler takes a [`Reader`], never the server, so it cannot write (edits
//! go through the server's notification handlers only).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use prog_db::Database;
use tower_lsp_server::Client;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::Uri;

use crate::client_support::ClientSupport;
use crate::convert::Ctx;
use crate::diagnostics::ConvertedDocs;
use crate::locks::lock;
use crate::state::State;
use crate::token_cache::TokenCache;

/// How often a request cancelled by an edit is tried again on a fresh snapshot.
const ATTEMPTS: usize = 3;

pub struct Reader {
    pub(crate) client: Client,
    pub(crate) state: Arc<Mutex<State>>,
    /// The last semantic tokens sent per document, for deltas.
    pub(crate) tokens: TokenCache,
    /// Diagnostics in protocol form, pushed or pulled.
    pub(crate) converted: ConvertedDocs,
    next_id: AtomicU64,
}

impl Reader {
    pub fn new(client: Client, state: Arc<Mutex<State>>, converted: ConvertedDocs) -> Reader {
        Reader {
            client,
            state,
            tokens: TokenCache::default(),
            converted,
            next_id: AtomicU64::new(1),
        }
    }

    /// Runs `f` on a snapshot, off the async threads. `Ok(None)` for a
    /// document the server does not know.
    pub(crate) async fn read<T, F>(&self, uri: &Uri, f: F) -> Result<Option<T>>
    where
        T: Send + 'static,
        F: Fn(&Database, &Ctx) -> Option<T> + Send + Sync + 'static,
    {
        let f = Arc::new(f);
        for _ in 0..ATTEMPTS {
            let (snapshot, ctx) = {
                let mut state = lock(&self.state);
                let Some(file) = state.file_of_uri(uri) else {
                    tracing::debug!("request for a document that is not open: {}", uri.as_str());
                    return Ok(None);
                };
                let uris = state.open_uris();
                let ctx = state.ctx(file, &uris);
                (state.host.snapshot(), ctx)
            };
            let f = f.clone();
            match tokio::task::spawn_blocking(move || snapshot.with(|db| f(db, &ctx))).await {
                Ok(Ok(answer)) => return Ok(answer),
                Ok(Err(_cancelled)) => continue,
                Err(panic) => {
                    tracing::error!("a request failed: {panic}");
                    return Err(Error::internal_error());
                }
            }
        }
        Err(Error::content_modified())
    }

    /// The URIs of the open documents.
    pub(crate) fn open_documents(&self) -> Vec<Uri> {
        let state = lock(&self.state);
        state.docs.keys().cloned().collect()
    }

    pub(crate) fn next_result_id(&self) -> String {
        self.next_id.fetch_add(1, Ordering::Relaxed).to_string()
    }

    pub(crate) fn support(&self) -> ClientSupport {
        lock(&self.state).client
    }
}
