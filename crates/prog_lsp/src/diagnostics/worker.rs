//! Pushing diagnostics: after every edit the worker wakes up, computes the
//! diagnostics of every open document on a snapshot, and publishes those
//! whose document has not changed since. Edits that arrive meanwhile cancel
//! the computation; a burst of edits is answered once, for the newest text.
//! What was converted to protocol form is kept per document (see
//! [`super::Converted`]).

use std::sync::{Arc, Mutex};

use serde::{Serialize, Serializer};
use tokio::sync::watch;
use tower_lsp_server::ls_types::{self as lsp, Uri};

use super::ConvertedDocs;
use crate::convert::Ctx;
use crate::framing::{self, Out};
use crate::locks::lock;
use crate::state::State;

/// Publishes through `out`: each `publishDiagnostics` is serialized
/// straight from the converted groups into its frame, on the blocking
/// pool, instead of through tower-lsp-server's client, which would build a
/// `serde_json::Value` tree of thousands of diagnostics first.
pub fn spawn_worker(
    out: Out,
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
                let groups = snapshot.with(|db| {
                    docs.into_iter()
                        .map(|(uri, version, ctx)| {
                            // Taken out while converting (see `ConvertedDocs`).
                            let mut entry = super::cache::take(&converted, &uri);
                            let groups = entry.update(db, &ctx);
                            super::cache::put(&converted, uri.clone(), entry);
                            (uri, version, groups)
                        })
                        .collect::<Vec<_>>()
                })?;
                drop(snapshot);
                Ok::<_, prog_db::Cancelled>(
                    groups
                        .into_iter()
                        .filter_map(|(uri, version, groups)| {
                            let frame = publication(&uri, version, groups)?;
                            Some((uri, version, frame))
                        })
                        .collect::<Vec<_>>(),
                )
            })
            .await;
            let Ok(Ok(results)) = computed else {
                // Cancelled by a newer edit, which has woken us up again.
                continue;
            };
            for (uri, version, frame) in results {
                let current = lock(&state).docs.get(&uri).map(|d| d.version);
                if current == Some(version) {
                    let _ = out.send(Some(frame));
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

/// The frame of a `textDocument/publishDiagnostics` notification.
fn publication(uri: &Uri, version: i32, groups: Vec<Arc<[lsp::Diagnostic]>>) -> Option<Vec<u8>> {
    let notification = Publish {
        jsonrpc: "2.0",
        method: "textDocument/publishDiagnostics",
        params: GroupsParams {
            uri,
            diagnostics: Groups(groups),
            version,
        },
    };
    match serde_json::to_vec(&notification) {
        Ok(body) => Some(framing::framed(body)),
        Err(e) => {
            tracing::error!("diagnostics of {} not serialized: {e}", uri.as_str());
            None
        }
    }
}

#[derive(Serialize)]
struct Publish<'a> {
    jsonrpc: &'static str,
    method: &'static str,
    params: GroupsParams<'a>,
}

#[derive(Serialize)]
struct GroupsParams<'a> {
    uri: &'a Uri,
    diagnostics: Groups,
    version: i32,
}

/// The diagnostics in groups, written out one after the other without
/// being copied into one list.
struct Groups(Vec<Arc<[lsp::Diagnostic]>>);

impl Serialize for Groups {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(super::cache::in_order(&self.0))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    use tokio::sync::watch;
    use tower_lsp_server::ls_types::Uri;

    use super::spawn_worker;
    use crate::diagnostics::ConvertedDocs;
    use crate::locks::lock;
    use crate::state::State;

    /// A panic while the state was locked does not stop the pushing.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_worker_publishes_after_the_state_lock_was_poisoned() {
        let state = Arc::new(Mutex::new(State::default()));
        let uri: Uri = "untitled:plan.prog".parse().unwrap();
        let text = "program p \"P\" { start 2027-01-04 }\ntask a { duration 1d owner nobody }\n";
        lock(&state).open(uri.clone(), text.to_string(), 1);
        lock(&state).settle();
        let poisoner = state.clone();
        let _ = std::thread::spawn(move || {
            let _guard = poisoner.lock().unwrap();
            panic!("a handler panics while holding the state");
        })
        .join();
        assert!(state.is_poisoned());
        let (out, mut frames) = tokio::sync::mpsc::unbounded_channel();
        let (edits, receiver) = watch::channel(0);
        spawn_worker(out, state.clone(), ConvertedDocs::default(), receiver);
        edits.send_modify(|generation| *generation += 1);
        let frame = tokio::time::timeout(Duration::from_secs(20), frames.recv())
            .await
            .expect("a publication")
            .flatten()
            .expect("a frame");
        let frame = String::from_utf8(frame).unwrap();
        assert!(frame.contains("textDocument/publishDiagnostics"), "{frame}");
        assert!(
            frame.contains("untitled:plan.prog") && frame.contains("nobody"),
            "{frame}"
        );
    }
}
