//! The server and its dispatch: how an edit writes, and which handler
//! answers each method. The handlers, grouped by feature, are in
//! [`crate::handlers`] and read through a [`Reader`]; the diagnostics
//! worker is in [`crate::diagnostics`].

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use tokio::sync::watch;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use crate::capabilities::{position_encoding, server_capabilities};
use crate::client_support::ClientSupport;
use crate::diagnostics::ConvertedDocs;
use crate::handlers::preview::PreviewParams;
use crate::handlers::{annotations, commands, diagnostics, editing, navigation, preview, tokens};
use crate::locks::lock;
use crate::reader::Reader;
use crate::service::ShutdownAsked;
use crate::state::State;

pub struct Server {
    reader: Reader,
    state: Arc<Mutex<State>>,
    edits: watch::Sender<u64>,
    shutdown_asked: ShutdownAsked,
}

impl Server {
    /// `published` takes the frames of pushed diagnostics (see
    /// [`crate::diagnostics::spawn_worker`]).
    pub fn new(client: Client, shutdown_asked: ShutdownAsked, published: crate::framing::Out) -> Server {
        let state = Arc::new(Mutex::new(State::default()));
        let (edits, receiver) = watch::channel(0);
        let converted = ConvertedDocs::default();
        crate::diagnostics::spawn_worker(published, state.clone(), converted.clone(), receiver);
        Server {
            reader: Reader::new(client, state.clone(), converted),
            state,
            edits,
            shutdown_asked,
        }
    }

    /// `prog/preview` (a custom method, hence a method of the server).
    pub async fn preview(&self, params: PreviewParams) -> Result<String> {
        preview::preview(&self.reader, params).await
    }

    fn support(&self) -> ClientSupport {
        self.reader.support()
    }

    /// Runs `f` with the state locked: for edits, which must be applied
    /// before the handler first awaits. Then reads from disk, with the
    /// state unlocked, the files the plans now lack (a new import) and the
    /// plans beside a file that has none, and applies them, until nothing
    /// new is wanted.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&mut State) -> T) -> T {
        let mut state = lock(&self.state);
        let result = f(&mut state);
        let mut wanted = state.settle();
        drop(state);
        let mut tried = HashSet::new();
        while let Some(read) = wanted.read(&mut tried) {
            let mut state = lock(&self.state);
            state.apply(read);
            wanted = state.settle();
        }
        self.edits.send_modify(|generation| *generation += 1);
        result
    }

    /// Clients that pull diagnostics are told to ask again after an edit,
    /// since one file's edit can change another's diagnostics.
    async fn refresh_pulled(&self) {
        let support = self.support();
        if support.pull_diagnostics && support.diagnostic_refresh {
            let client = self.reader.client.clone();
            tokio::spawn(async move { client.workspace_diagnostic_refresh().await });
        }
    }
}

impl LanguageServer for Server {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let encoding = position_encoding(&params.capabilities);
        let client = ClientSupport::of(&params.capabilities);
        self.write(|state| {
            state.encoding = encoding;
            state.client = client;
            if let Some(options) = &params.initialization_options {
                state.config.update(options);
            }
        });
        let pulls = client.pull_diagnostics;
        tracing::info!("initialized: position encoding {encoding:?}, pull diagnostics {pulls}");
        Ok(InitializeResult {
            capabilities: server_capabilities(encoding, pulls),
            server_info: Some(ServerInfo {
                name: "prog".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            ..Default::default()
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        if !self.support().watch_files {
            return;
        }
        // Plans, and the baseline files they name.
        let watchers = serde_json::json!({
            "watchers": [{ "globPattern": "**/*.prog" }, { "globPattern": "**/*.json" }]
        });
        let registration = Registration {
            id: "prog-watch".to_string(),
            method: "workspace/didChangeWatchedFiles".to_string(),
            register_options: Some(watchers),
        };
        // Not awaited here: a handler that waits for the client would hold up `exit`.
        let client = self.reader.client.clone();
        tokio::spawn(async move {
            if let Err(e) = client.register_capability(vec![registration]).await {
                tracing::info!("the client does not watch files for us: {e}");
            }
        });
    }

    async fn shutdown(&self) -> Result<()> {
        tracing::info!("shutting down");
        self.shutdown_asked.set();
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        self.write(|state| state.open(doc.uri, doc.text, doc.version));
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let known =
            self.write(|state| state.change(&uri, params.text_document.version, params.content_changes));
        if !known {
            tracing::warn!("didChange for a document that is not open: {}", uri.as_str());
        }
        self.refresh_pulled().await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let on_disk = crate::state::read_uri(&uri);
        self.write(|state| state.close(&uri, on_disk));
        self.reader.tokens.forget(&uri);
        lock(&self.reader.converted).remove(&uri);
        self.reader
            .client
            .publish_diagnostics(uri, Vec::new(), None)
            .await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        // Only plans and files a plan already uses are read (a baseline
        // that appears is read by the loader when the plan asks for it, not
        // every JSON file of the workspace); and read before the state is
        // locked for the edit.
        let read: Vec<bool> = {
            let state = lock(&self.state);
            let wanted = |uri: &Uri| uri.path().as_str().ends_with(".prog") || state.knows(uri);
            params.changes.iter().map(|c| wanted(&c.uri)).collect()
        };
        let changes: Vec<(Uri, Option<String>)> = params
            .changes
            .into_iter()
            .zip(read)
            .map(|(change, read)| {
                let text = (read && change.typ != FileChangeType::DELETED)
                    .then(|| crate::state::read_uri(&change.uri))
                    .flatten();
                (change.uri, text)
            })
            .collect();
        self.write(|state| {
            for (uri, text) in changes {
                state.reload(&uri, text);
            }
        });
        self.refresh_pulled().await;
        // A baseline file may have changed what the hints say.
        if self.support().inlay_hint_refresh {
            let client = self.reader.client.clone();
            tokio::spawn(async move { client.inlay_hint_refresh().await });
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        self.write(|state| state.config.update(&params.settings));
        if self.support().inlay_hint_refresh {
            let client = self.reader.client.clone();
            tokio::spawn(async move { client.inlay_hint_refresh().await });
        }
    }

    async fn diagnostic(&self, params: DocumentDiagnosticParams) -> Result<DocumentDiagnosticReportResult> {
        diagnostics::pull(&self.reader, params).await
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        annotations::hover(&self.reader, params).await
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        annotations::inlay_hints(&self.reader, params).await
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        annotations::code_lenses(&self.reader, params).await
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        tokens::full(&self.reader, params).await
    }

    async fn semantic_tokens_full_delta(
        &self,
        params: SemanticTokensDeltaParams,
    ) -> Result<Option<SemanticTokensFullDeltaResult>> {
        tokens::delta(&self.reader, params).await
    }

    async fn semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> Result<Option<SemanticTokensRangeResult>> {
        tokens::range(&self.reader, params).await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        editing::code_actions(&self.reader, params).await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        editing::completion(&self.reader, params).await
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        editing::prepare_rename(&self.reader, params).await
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        editing::rename(&self.reader, params).await
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        editing::formatting(&self.reader, params).await
    }

    async fn goto_definition(&self, params: GotoDefinitionParams) -> Result<Option<GotoDefinitionResponse>> {
        navigation::goto_definition(&self.reader, params).await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        navigation::references(&self.reader, params).await
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        navigation::highlights(&self.reader, params).await
    }

    async fn document_symbol(&self, params: DocumentSymbolParams) -> Result<Option<DocumentSymbolResponse>> {
        navigation::document_symbols(&self.reader, params).await
    }

    async fn symbol(&self, params: WorkspaceSymbolParams) -> Result<Option<WorkspaceSymbolResponse>> {
        navigation::workspace_symbols(&self.reader, params).await
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        navigation::folding_ranges(&self.reader, params).await
    }

    async fn selection_range(&self, params: SelectionRangeParams) -> Result<Option<Vec<SelectionRange>>> {
        navigation::selection_ranges(&self.reader, params).await
    }

    async fn prepare_call_hierarchy(
        &self,
        params: CallHierarchyPrepareParams,
    ) -> Result<Option<Vec<CallHierarchyItem>>> {
        navigation::prepare_call_hierarchy(&self.reader, params).await
    }

    async fn incoming_calls(
        &self,
        params: CallHierarchyIncomingCallsParams,
    ) -> Result<Option<Vec<CallHierarchyIncomingCall>>> {
        navigation::incoming_calls(&self.reader, params).await
    }

    async fn outgoing_calls(
        &self,
        params: CallHierarchyOutgoingCallsParams,
    ) -> Result<Option<Vec<CallHierarchyOutgoingCall>>> {
        navigation::outgoing_calls(&self.reader, params).await
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        commands::execute(&self.reader, params).await
    }
}
