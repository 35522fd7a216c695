//! Pushing diagnostics: after every edit the worker wakes up, computes the
//! diagnostics of every open document on a snapshot, and publishes those
//! whose document has not changed since. Edits that arrive meanwhile cancel
//! the computation; a burst of edits is answered once, for the newest text.
//! What was converted to protocol form is kept per document (see
//! [`super::Converted`]).

use std::sync::{Arc, Mutex};

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use tokio::sync::watch;
use tower_lsp_server::Client;
use tower_lsp_server::ls_types::{self as lsp, Uri, notification::Notification};

use super::ConvertedDocs;
use crate::convert::Ctx;
use crate::locks::lock;
use crate::state::State;

pub fn spawn_worker(
    client: Client,
    state: Arc<Mutex<State>>,
    converted: ConvertedDocs,
    mut edits: watch::Receiver<u64>,
) {
    tokio::spawn(async move {
        while edits.changed().await.is_ok() {
            edits.borrow_and_update();
            let Some((snapshot, docs)) = pending(&state) else {
                continue;
            };
            let converted = converted.clone();
            let computed = tokio::task::spawn_blocking(move || {
                // Documents closed since.
                lock(&converted).retain(|uri, _| docs.iter().any(|(open, _, _)| open == uri));
                snapshot.with(|db| {
                    docs.into_iter()
                        .map(|(uri, version, ctx)| {
                            // Taken out while converting (see `ConvertedDocs`).
                            let mut entry = super::cache::take(&converted, &uri);
                            let groups = entry.update(db, &ctx);
                            super::cache::put(&converted, uri.clone(), entry);
                            (uri, version, groups)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .await;
            let Ok(Ok(results)) = computed else {
                // Cancelled by a newer edit, which has woken us up again.
                continue;
            };
            for (uri, version, groups) in results {
                let current = lock(&state).docs.get(&uri).map(|d| d.version);
                if current == Some(version) {
                    let params = GroupsParams {
                        uri,
                        diagnostics: Groups(groups),
                        version: Some(version),
                    };
                    client.send_notification::<PublishGroups>(params).await;
                }
            }
        }
    });
}

type Pending = (prog_db::Snapshot, Vec<(Uri, i32, Ctx)>);

fn pending(state: &Mutex<State>) -> Option<Pending> {
    let mut state = lock(state);
    if state.client.pull_diagnostics {
        return None;
    }
    let uris = state.open_uris();
    let docs = state
        .open_documents()
        .into_iter()
        .map(|(uri, version, file)| (uri, version, state.ctx(file, &uris)))
        .collect();
    Some((state.host.snapshot(), docs))
}

/// `textDocument/publishDiagnostics` with the diagnostics in groups,
/// written out one after the other without being copied into one list.
enum PublishGroups {}

impl Notification for PublishGroups {
    type Params = GroupsParams;
    const METHOD: &'static str = "textDocument/publishDiagnostics";
}

#[derive(Serialize, Deserialize)]
struct GroupsParams {
    uri: Uri,
    diagnostics: Groups,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<i32>,
}

struct Groups(Vec<Arc<[lsp::Diagnostic]>>);

impl Serialize for Groups {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().flat_map(|group| group.iter()))
    }
}

/// As one group (the protocol's flat list); only the trait needs it.
impl<'de> Deserialize<'de> for Groups {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let all = Vec::<lsp::Diagnostic>::deserialize(deserializer)?;
        Ok(Groups(vec![all.into()]))
    }
}
