//! What the client said it can do, of what the server asks of it: read
//! once, at `initialize`.

use tower_lsp_server::ls_types::ClientCapabilities;

/// What the client said it can do, of what the server asks of it.
#[derive(Clone, Copy, Debug, Default)]
pub struct ClientSupport {
    pub watch_files: bool,
    pub diagnostic_refresh: bool,
    pub inlay_hint_refresh: bool,
    pub work_done_progress: bool,
    /// The client pulls diagnostics (`textDocument/diagnostic`) instead of
    /// being sent them.
    pub pull_diagnostics: bool,
    /// The client shows a diagnostic's related information (the places a
    /// finding names); to other clients it is not sent.
    pub related_information: bool,
}

impl ClientSupport {
    pub fn of(capabilities: &ClientCapabilities) -> ClientSupport {
        let workspace = capabilities.workspace.as_ref();
        ClientSupport {
            watch_files: workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|w| w.dynamic_registration)
                .unwrap_or(false),
            diagnostic_refresh: workspace
                .and_then(|w| w.diagnostics.as_ref())
                .and_then(|d| d.refresh_support)
                .unwrap_or(false),
            inlay_hint_refresh: workspace
                .and_then(|w| w.inlay_hint.as_ref())
                .and_then(|i| i.refresh_support)
                .unwrap_or(false),
            work_done_progress: capabilities
                .window
                .as_ref()
                .and_then(|w| w.work_done_progress)
                .unwrap_or(false),
            pull_diagnostics: capabilities
                .text_document
                .as_ref()
                .is_some_and(|t| t.diagnostic.is_some()),
            related_information: capabilities.text_document.as_ref().is_some_and(|t| {
                let pushed = t.publish_diagnostics.as_ref().and_then(|p| p.related_information);
                let pulled = t.diagnostic.as_ref().and_then(|d| d.related_information);
                pushed.or(pulled).unwrap_or(false)
            }),
        }
    }
}
