//! The protocol handlers: each one finds the document, runs a `prog_ide`
//! function on a snapshot, and translates its answer.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use prog_db::Database;
use prog_ide::{
    AssistConfig, AssistKind, CompletionKind, FilePosition, FileRange, FoldKind, HighlightKind,
    InlayHintsConfig,
};
use serde_json::Value;
use tokio::sync::watch;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use crate::convert::{Ctx, decode, encode_tokens, legend, symbol_kind, token_delta};
use crate::line_map::Encoding;
use crate::publish::ConvertedDocs;
use crate::state::{ClientSupport, State};

pub const SHOW_CRITICAL_PATH: &str = "prog.showCriticalPath";
/// Runs the Monte-Carlo forecast of a plan, reporting `$/progress`.
pub const FORECAST: &str = "prog.forecast";

/// How often a request cancelled by an edit is tried again on a fresh snapshot.
const ATTEMPTS: usize = 3;

pub struct Server {
    client: Client,
    state: Arc<Mutex<State>>,
    edits: watch::Sender<u64>,
    /// The last semantic tokens sent per document, for deltas.
    tokens: Mutex<HashMap<Uri, (String, Vec<u32>)>>,
    /// Diagnostics in protocol form, pushed or pulled.
    converted: ConvertedDocs,
    next_id: AtomicU64,
}

impl Server {
    pub fn new(client: Client) -> Server {
        let state = Arc::new(Mutex::new(State::default()));
        let (edits, receiver) = watch::channel(0);
        let converted = ConvertedDocs::default();
        crate::diagnostics::spawn_worker(client.clone(), state.clone(), converted.clone(), receiver);
        Server {
            client,
            state,
            edits,
            tokens: Mutex::new(HashMap::new()),
            converted,
            next_id: AtomicU64::new(1),
        }
    }

    /// Runs `f` with the state locked: for edits, which must be applied
    /// before the handler first awaits.
    fn write<T>(&self, f: impl FnOnce(&mut State) -> T) -> T {
        let mut state = self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let result = f(&mut state);
        drop(state);
        self.edits.send_modify(|generation| *generation += 1);
        result
    }

    /// Runs `f` on a snapshot, off the async threads. `Ok(None)` for a
    /// document the server does not know.
    async fn read<T, F>(&self, uri: &Uri, f: F) -> Result<Option<T>>
    where
        T: Send + 'static,
        F: Fn(&Database, &Ctx) -> Option<T> + Send + Sync + 'static,
    {
        let f = Arc::new(f);
        for _ in 0..ATTEMPTS {
            let (snapshot, ctx) = {
                let mut state = self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
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

    fn next_result_id(&self) -> String {
        self.next_id.fetch_add(1, Ordering::Relaxed).to_string()
    }

    async fn semantic_tokens(&self, uri: &Uri, range: Option<Range>) -> Result<Option<Vec<u32>>> {
        self.read(uri, move |db, ctx| {
            let span = match range {
                Some(range) => Some(ctx.span(db, range)?),
                None => None,
            };
            let tokens = prog_ide::semantic_tokens(db, ctx.project, ctx.file, span);
            Some(encode_tokens(&ctx.map(db, ctx.file), &tokens))
        })
        .await
    }
}

fn position_params(p: &TextDocumentPositionParams) -> (Uri, Position) {
    (p.text_document.uri.clone(), p.position)
}

fn at(db: &Database, ctx: &Ctx, pos: Position) -> Option<FilePosition> {
    Some(FilePosition {
        file: ctx.file,
        offset: ctx.offset(db, pos)?,
    })
}

impl LanguageServer for Server {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let offers_utf8 = params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref())
            .is_some_and(|e| e.contains(&PositionEncodingKind::UTF8));
        let pulls = params
            .capabilities
            .text_document
            .as_ref()
            .is_some_and(|t| t.diagnostic.is_some());
        let encoding = if offers_utf8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        };
        let workspace = params.capabilities.workspace.as_ref();
        let client = ClientSupport {
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
            work_done_progress: params
                .capabilities
                .window
                .as_ref()
                .and_then(|w| w.work_done_progress)
                .unwrap_or(false),
        };
        {
            let mut state = self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            state.encoding = encoding;
            state.pull_diagnostics = pulls;
            state.client = client;
            if let Some(options) = &params.initialization_options {
                state.config.update(options);
            }
            #[allow(deprecated)]
            let root = params
                .workspace_folders
                .as_ref()
                .and_then(|f| f.first())
                .map(|f| f.uri.clone())
                .or(params.root_uri.clone());
            state.workspace_root = root.and_then(|uri| uri.to_file_path().map(|p| p.into_owned()));
        }
        tracing::info!("initialized: position encoding {encoding:?}, pull diagnostics {pulls}");
        let capabilities = ServerCapabilities {
            position_encoding: Some(match encoding {
                Encoding::Utf8 => PositionEncodingKind::UTF8,
                Encoding::Utf16 => PositionEncodingKind::UTF16,
            }),
            text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                ..Default::default()
            })),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            definition_provider: Some(OneOf::Left(true)),
            references_provider: Some(OneOf::Left(true)),
            document_highlight_provider: Some(OneOf::Left(true)),
            document_symbol_provider: Some(OneOf::Left(true)),
            workspace_symbol_provider: Some(OneOf::Left(true)),
            folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
            selection_range_provider: Some(SelectionRangeProviderCapability::Simple(true)),
            call_hierarchy_provider: Some(CallHierarchyServerCapability::Simple(true)),
            completion_provider: Some(CompletionOptions {
                trigger_characters: Some(vec![" ".to_string(), ",".to_string()]),
                ..Default::default()
            }),
            rename_provider: Some(OneOf::Right(RenameOptions {
                prepare_provider: Some(true),
                work_done_progress_options: Default::default(),
            })),
            document_formatting_provider: Some(OneOf::Left(true)),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![
                    CodeActionKind::QUICKFIX,
                    CodeActionKind::REFACTOR_REWRITE,
                    CodeActionKind::SOURCE,
                ]),
                ..Default::default()
            })),
            code_lens_provider: Some(CodeLensOptions {
                resolve_provider: Some(false),
            }),
            execute_command_provider: Some(ExecuteCommandOptions {
                commands: vec![SHOW_CRITICAL_PATH.to_string(), FORECAST.to_string()],
                ..Default::default()
            }),
            inlay_hint_provider: Some(OneOf::Left(true)),
            semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
                SemanticTokensOptions {
                    legend: legend(),
                    range: Some(true),
                    full: Some(SemanticTokensFullOptions::Delta { delta: Some(true) }),
                    ..Default::default()
                },
            )),
            diagnostic_provider: pulls.then(|| {
                DiagnosticServerCapabilities::Options(DiagnosticOptions {
                    identifier: Some("prog".to_string()),
                    inter_file_dependencies: true,
                    workspace_diagnostics: false,
                    ..Default::default()
                })
            }),
            ..Default::default()
        };
        Ok(InitializeResult {
            capabilities,
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
        let watchers = serde_json::json!({ "watchers": [{ "globPattern": "**/*.prog" }] });
        let registration = Registration {
            id: "prog-watch".to_string(),
            method: "workspace/didChangeWatchedFiles".to_string(),
            register_options: Some(watchers),
        };
        // Not awaited here: a handler that waits for the client would hold up `exit`.
        let client = self.client.clone();
        tokio::spawn(async move {
            if let Err(e) = client.register_capability(vec![registration]).await {
                tracing::info!("the client does not watch files for us: {e}");
            }
        });
    }

    async fn shutdown(&self) -> Result<()> {
        tracing::info!("shutting down");
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
        self.write(|state| state.close(&uri));
        if let Ok(mut tokens) = self.tokens.lock() {
            tokens.remove(&uri);
        }
        if let Ok(mut converted) = self.converted.lock() {
            converted.remove(&uri);
        }
        self.client.publish_diagnostics(uri, Vec::new(), None).await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        self.write(|state| {
            for change in params.changes {
                state.reload(&change.uri, change.typ == FileChangeType::DELETED);
            }
        });
        self.refresh_pulled().await;
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        self.write(|state| state.config.update(&params.settings));
        if self.support().inlay_hint_refresh {
            let client = self.client.clone();
            tokio::spawn(async move { client.inlay_hint_refresh().await });
        }
    }

    async fn diagnostic(&self, params: DocumentDiagnosticParams) -> Result<DocumentDiagnosticReportResult> {
        let (uri, converted) = (params.text_document.uri, self.converted.clone());
        let document = uri.clone();
        let items = self
            .read(&uri, move |db, ctx| {
                let mut converted = converted.lock().unwrap_or_else(|e| e.into_inner());
                let groups = converted.entry(document.clone()).or_default().update(db, ctx);
                Some(groups.iter().flat_map(|g| g.iter().cloned()).collect())
            })
            .await?
            .unwrap_or_default();
        Ok(DocumentDiagnosticReportResult::Report(
            DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: Some(self.next_result_id()),
                    items,
                },
            }),
        ))
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let (uri, pos) = position_params(&params.text_document_position_params);
        self.read(&uri, move |db, ctx| {
            let hover = prog_ide::hover(db, ctx.project, at(db, ctx, pos)?)?;
            Some(Hover {
                contents: HoverContents::Markup(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: hover.markdown,
                }),
                range: Some(ctx.map(db, ctx.file).range(hover.span)),
            })
        })
        .await
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let range = params.range;
        self.read(&params.text_document.uri, move |db, ctx| {
            let config = InlayHintsConfig {
                float: ctx.config.float_hints,
            };
            let span = ctx.span(db, range);
            let map = ctx.map(db, ctx.file);
            let hints = prog_ide::inlay_hints(db, ctx.project, ctx.file, span, config);
            Some(
                hints
                    .into_iter()
                    .map(|h| InlayHint {
                        position: map.position(h.offset),
                        label: InlayHintLabel::String(h.label),
                        kind: None,
                        text_edits: None,
                        tooltip: Some(InlayHintTooltip::String(h.tooltip)),
                        padding_left: Some(true),
                        padding_right: None,
                        data: None,
                    })
                    .collect(),
            )
        })
        .await
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        let uri = params.text_document.uri;
        let Some(data) = self.semantic_tokens(&uri, None).await? else {
            return Ok(None);
        };
        let result_id = self.next_result_id();
        if let Ok(mut tokens) = self.tokens.lock() {
            tokens.insert(uri, (result_id.clone(), data.clone()));
        }
        Ok(Some(SemanticTokensResult::Tokens(SemanticTokens {
            result_id: Some(result_id),
            data: decode(data),
        })))
    }

    async fn semantic_tokens_full_delta(
        &self,
        params: SemanticTokensDeltaParams,
    ) -> Result<Option<SemanticTokensFullDeltaResult>> {
        let uri = params.text_document.uri;
        let Some(data) = self.semantic_tokens(&uri, None).await? else {
            return Ok(None);
        };
        let result_id = self.next_result_id();
        let previous = self.tokens.lock().ok().and_then(|mut tokens| {
            let previous = tokens.remove(&uri);
            tokens.insert(uri.clone(), (result_id.clone(), data.clone()));
            previous
        });
        Ok(Some(match previous {
            Some((id, old)) if id == params.previous_result_id => {
                SemanticTokensFullDeltaResult::TokensDelta(SemanticTokensDelta {
                    result_id: Some(result_id),
                    edits: vec![token_delta(&old, &data)],
                })
            }
            _ => SemanticTokensFullDeltaResult::Tokens(SemanticTokens {
                result_id: Some(result_id),
                data: decode(data),
            }),
        }))
    }

    async fn semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> Result<Option<SemanticTokensRangeResult>> {
        let data = self
            .semantic_tokens(&params.text_document.uri, Some(params.range))
            .await?;
        Ok(data.map(|data| {
            SemanticTokensRangeResult::Tokens(SemanticTokens {
                result_id: None,
                data: decode(data),
            })
        }))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let range = params.range;
        // Leveling only when the user asked for actions, not for the
        // lightbulb computed at every cursor move.
        let config = AssistConfig {
            leveling: params.context.trigger_kind != Some(CodeActionTriggerKind::AUTOMATIC),
            today: Some(prog_ide::today()),
        };
        self.read(&params.text_document.uri, move |db, ctx| {
            let span = ctx.span(db, range)?;
            let assists = prog_ide::assists(db, ctx.project, FileRange { file: ctx.file, span }, config);
            Some(
                assists
                    .into_iter()
                    .map(|a| {
                        CodeActionOrCommand::CodeAction(CodeAction {
                            title: a.title,
                            kind: Some(match a.kind {
                                AssistKind::QuickFix => CodeActionKind::QUICKFIX,
                                AssistKind::Refactor => CodeActionKind::REFACTOR_REWRITE,
                                AssistKind::Source => CodeActionKind::SOURCE,
                            }),
                            diagnostics: a.diagnostic.map(|d| vec![ctx.diagnostic(db, &d)]),
                            edit: Some(ctx.workspace_edit(db, &a.change)),
                            ..Default::default()
                        })
                    })
                    .collect(),
            )
        })
        .await
    }

    async fn goto_definition(&self, params: GotoDefinitionParams) -> Result<Option<GotoDefinitionResponse>> {
        let (uri, pos) = position_params(&params.text_document_position_params);
        self.read(&uri, move |db, ctx| {
            let target = prog_ide::goto_definition(db, ctx.project, at(db, ctx, pos)?)?;
            Some(GotoDefinitionResponse::Scalar(ctx.location(
                db,
                target.file,
                target.span,
            )?))
        })
        .await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let (uri, pos) = position_params(&params.text_document_position);
        let include = params.context.include_declaration;
        self.read(&uri, move |db, ctx| {
            let refs = prog_ide::references(db, ctx.project, at(db, ctx, pos)?, include);
            Some(
                refs.iter()
                    .filter_map(|r| ctx.location(db, r.range.file, r.range.span))
                    .collect(),
            )
        })
        .await
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        let (uri, pos) = position_params(&params.text_document_position_params);
        self.read(&uri, move |db, ctx| {
            let map = ctx.map(db, ctx.file);
            let marks = prog_ide::highlights(db, ctx.project, at(db, ctx, pos)?);
            Some(
                marks
                    .iter()
                    .map(|h| DocumentHighlight {
                        range: map.range(h.span),
                        kind: Some(match h.kind {
                            HighlightKind::Write => DocumentHighlightKind::WRITE,
                            HighlightKind::Read => DocumentHighlightKind::READ,
                        }),
                    })
                    .collect(),
            )
        })
        .await
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        let (uri, pos) = position_params(&params);
        let answer = self
            .read(&uri, move |db, ctx| {
                Some(
                    prog_ide::prepare_rename(db, ctx.project, at(db, ctx, pos)?)
                        .map(|span| ctx.map(db, ctx.file).range(span)),
                )
            })
            .await?;
        match answer {
            Some(Ok(range)) => Ok(Some(PrepareRenameResponse::Range(range))),
            Some(Err(message)) => Err(Error::invalid_params(message)),
            None => Ok(None),
        }
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let (uri, pos) = position_params(&params.text_document_position);
        let new_name = params.new_name;
        let answer = self
            .read(&uri, move |db, ctx| {
                Some(
                    prog_ide::rename(db, ctx.project, at(db, ctx, pos)?, &new_name)
                        .map(|change| ctx.workspace_edit(db, &change)),
                )
            })
            .await?;
        match answer {
            Some(Ok(edit)) => Ok(Some(edit)),
            Some(Err(message)) => Err(Error::invalid_params(message)),
            None => Ok(None),
        }
    }

    async fn document_symbol(&self, params: DocumentSymbolParams) -> Result<Option<DocumentSymbolResponse>> {
        self.read(&params.text_document.uri, |db, ctx| {
            let map = ctx.map(db, ctx.file);
            let symbols = prog_ide::document_symbols(db, ctx.file);
            Some(DocumentSymbolResponse::Nested(
                symbols.iter().map(|s| document_symbol(&map, s)).collect(),
            ))
        })
        .await
    }

    async fn symbol(&self, params: WorkspaceSymbolParams) -> Result<Option<WorkspaceSymbolResponse>> {
        // Symbols of every plan that has an open document.
        let docs: Vec<Uri> = self.write(|state| state.docs.keys().cloned().collect());
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        for uri in docs {
            let query = params.query.clone();
            let found = self
                .read(&uri, move |db, ctx| {
                    let symbols = prog_ide::workspace_symbols(db, ctx.project, &query);
                    Some(
                        symbols
                            .iter()
                            .filter_map(|s| {
                                Some(SymbolInformation {
                                    name: s.name.clone(),
                                    kind: symbol_kind(s.kind),
                                    tags: None,
                                    #[allow(deprecated)]
                                    deprecated: None,
                                    location: ctx.location(db, s.file, s.selection)?,
                                    container_name: s.detail.clone(),
                                })
                            })
                            .collect::<Vec<_>>(),
                    )
                })
                .await?;
            for symbol in found.unwrap_or_default() {
                if seen.insert((
                    symbol.location.uri.as_str().to_string(),
                    symbol.location.range.start,
                )) {
                    out.push(symbol);
                }
            }
        }
        Ok(Some(WorkspaceSymbolResponse::Flat(out)))
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        self.read(&params.text_document.uri, |db, ctx| {
            let map = ctx.map(db, ctx.file);
            let folds = prog_ide::folding_ranges(db, ctx.file);
            Some(
                folds
                    .iter()
                    .map(|f| {
                        let range = map.range(f.span);
                        FoldingRange {
                            start_line: range.start.line,
                            end_line: range.end.line,
                            kind: Some(match f.kind {
                                FoldKind::Body => FoldingRangeKind::Region,
                                FoldKind::Comment => FoldingRangeKind::Comment,
                            }),
                            ..Default::default()
                        }
                    })
                    .collect(),
            )
        })
        .await
    }

    async fn selection_range(&self, params: SelectionRangeParams) -> Result<Option<Vec<SelectionRange>>> {
        let positions = params.positions;
        self.read(&params.text_document.uri, move |db, ctx| {
            let map = ctx.map(db, ctx.file);
            let offsets: Vec<usize> = positions
                .iter()
                .map(|p| map.offset(*p).unwrap_or(map.text.len()))
                .collect();
            let chains = prog_ide::selection_ranges(db, ctx.file, &offsets);
            Some(
                chains
                    .into_iter()
                    .map(|chain| {
                        let mut range: Option<SelectionRange> = None;
                        for span in chain.into_iter().rev() {
                            range = Some(SelectionRange {
                                range: map.range(span),
                                parent: range.map(Box::new),
                            });
                        }
                        range.unwrap_or(SelectionRange {
                            range: Range::default(),
                            parent: None,
                        })
                    })
                    .collect(),
            )
        })
        .await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let (uri, pos) = position_params(&params.text_document_position);
        self.read(&uri, move |db, ctx| {
            let items = prog_ide::completions(db, ctx.project, at(db, ctx, pos)?);
            Some(CompletionResponse::Array(
                items
                    .into_iter()
                    .map(|c| CompletionItem {
                        label: c.label,
                        kind: Some(match c.kind {
                            CompletionKind::Keyword => CompletionItemKind::KEYWORD,
                            CompletionKind::Task | CompletionKind::Group => CompletionItemKind::FUNCTION,
                            CompletionKind::Milestone => CompletionItemKind::EVENT,
                            CompletionKind::Person | CompletionKind::Team => CompletionItemKind::VARIABLE,
                            CompletionKind::Calendar => CompletionItemKind::ENUM,
                        }),
                        detail: c.detail,
                        ..Default::default()
                    })
                    .collect(),
            ))
        })
        .await
    }

    async fn prepare_call_hierarchy(
        &self,
        params: CallHierarchyPrepareParams,
    ) -> Result<Option<Vec<CallHierarchyItem>>> {
        let (uri, pos) = position_params(&params.text_document_position_params);
        self.read(&uri, move |db, ctx| {
            let item = prog_ide::prepare_call_hierarchy(db, ctx.project, at(db, ctx, pos)?)?;
            Some(vec![call_item(db, ctx, &item)?])
        })
        .await
    }

    async fn incoming_calls(
        &self,
        params: CallHierarchyIncomingCallsParams,
    ) -> Result<Option<Vec<CallHierarchyIncomingCall>>> {
        let item = params.item;
        let uri = item.uri.clone();
        self.read(&uri, move |db, ctx| {
            let calls = prog_ide::incoming_calls(db, ctx.project, &item.name);
            Some(
                calls
                    .iter()
                    .filter_map(|c| {
                        let from = call_item(db, ctx, c)?;
                        Some(CallHierarchyIncomingCall {
                            from_ranges: vec![from.selection_range],
                            from,
                        })
                    })
                    .collect(),
            )
        })
        .await
    }

    async fn outgoing_calls(
        &self,
        params: CallHierarchyOutgoingCallsParams,
    ) -> Result<Option<Vec<CallHierarchyOutgoingCall>>> {
        let item = params.item;
        let uri = item.uri.clone();
        self.read(&uri, move |db, ctx| {
            let calls = prog_ide::outgoing_calls(db, ctx.project, &item.name);
            Some(
                calls
                    .iter()
                    .filter_map(|c| {
                        Some(CallHierarchyOutgoingCall {
                            to: call_item(db, ctx, c)?,
                            from_ranges: vec![item.selection_range],
                        })
                    })
                    .collect(),
            )
        })
        .await
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        self.read(&params.text_document.uri, |db, ctx| {
            let text = ctx.file.text(db);
            match prog_ide::format(text) {
                Ok(formatted) if formatted != *text => {
                    let map = ctx.map(db, ctx.file);
                    Some(vec![TextEdit {
                        range: map.range(prog_syntax::Span::new(0, text.len())),
                        new_text: formatted,
                    }])
                }
                Ok(_) => Some(Vec::new()),
                Err(e) => {
                    tracing::info!("not formatting: {}", e.message);
                    None
                }
            }
        })
        .await
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        self.read(&params.text_document.uri, |db, ctx| {
            let map = ctx.map(db, ctx.file);
            let lenses = prog_ide::code_lenses(db, ctx.project, ctx.file);
            Some(
                lenses
                    .into_iter()
                    .map(|l| CodeLens {
                        range: map.range(l.span),
                        command: Some(Command {
                            title: l.title,
                            command: SHOW_CRITICAL_PATH.to_string(),
                            arguments: None,
                        }),
                        data: None,
                    })
                    .collect(),
            )
        })
        .await
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        if params.command != SHOW_CRITICAL_PATH && params.command != FORECAST {
            return Err(Error::invalid_params(format!(
                "unknown command `{}`",
                params.command
            )));
        }
        // The plan of the document named in the arguments, else of any open one.
        let named = params
            .arguments
            .first()
            .and_then(|a| a.get("uri").or(Some(a)))
            .and_then(|u| u.as_str())
            .and_then(|u| u.parse::<Uri>().ok());
        let uri = match named {
            Some(uri) => Some(uri),
            None => self.write(|state| state.docs.keys().next().cloned()),
        };
        let Some(uri) = uri else {
            return Ok(Some(Value::Array(Vec::new())));
        };
        if params.command == FORECAST {
            return self
                .forecast(&uri, params.work_done_progress_params.work_done_token)
                .await;
        }
        let path = self
            .read(&uri, |db, ctx| {
                let steps = prog_ide::critical_path(db, ctx.project);
                let steps: Vec<Value> = steps
                    .iter()
                    .map(|s| {
                        let location = s.location.and_then(|l| ctx.location(db, l.file, l.span));
                        serde_json::json!({
                            "id": s.id,
                            "title": s.title,
                            "start": s.start,
                            "finish": s.finish,
                            "duration_days": s.duration.as_days(),
                            "location": location,
                        })
                    })
                    .collect();
                Some(Value::Array(steps))
            })
            .await?;
        Ok(path)
    }
}

impl Server {
    /// The forecast of the plan of `uri` (10,000 runs), with its progress
    /// reported to clients that show it.
    async fn forecast(&self, uri: &Uri, token: Option<ProgressToken>) -> Result<Option<Value>> {
        let token = match token {
            Some(token) => Some(token),
            None if self.support().work_done_progress => {
                let token = ProgressToken::String(format!("prog-forecast-{}", self.next_result_id()));
                self.client
                    .create_work_done_progress(token.clone())
                    .await
                    .ok()
                    .map(|()| token)
            }
            None => None,
        };
        let (sender, mut done) = tokio::sync::mpsc::unbounded_channel::<u32>();
        let work = self.read(uri, move |db, ctx| {
            let plan = prog_db::plan_shape(db, ctx.project);
            let options = prog_plan::forecast::Options::default();
            let forecast = prog_plan::forecast(
                plan,
                prog_db::work_calendar(db, ctx.project),
                &options,
                |done, total| {
                    let _ = sender.send((done * 100 / total.max(1)) as u32);
                },
            );
            serde_json::to_value(prog_plan::forecast::ForecastDoc::new(plan, &forecast, &options)).ok()
        });
        let report = async {
            let Some(token) = token else {
                while done.recv().await.is_some() {}
                return;
            };
            let progress = self
                .client
                .progress(token, "Forecasting")
                .with_percentage(0)
                .begin()
                .await;
            let mut last = 0;
            while let Some(percent) = done.recv().await {
                if percent > last {
                    last = percent;
                    progress.report(percent).await;
                }
            }
            progress.finish().await;
        };
        let (answer, ()) = tokio::join!(work, report);
        answer
    }

    /// Clients that pull diagnostics are told to ask again after an edit,
    /// since one file's edit can change another's diagnostics.
    async fn refresh_pulled(&self) {
        let pulls = self.state.lock().map(|s| s.pull_diagnostics).unwrap_or(false);
        if pulls && self.support().diagnostic_refresh {
            let client = self.client.clone();
            tokio::spawn(async move { client.workspace_diagnostic_refresh().await });
        }
    }

    fn support(&self) -> ClientSupport {
        self.state.lock().map(|s| s.client).unwrap_or_default()
    }
}

fn document_symbol(map: &crate::line_map::LineMap, symbol: &prog_ide::Symbol) -> DocumentSymbol {
    #[allow(deprecated)]
    DocumentSymbol {
        name: symbol.name.clone(),
        detail: symbol.detail.clone(),
        kind: symbol_kind(symbol.kind),
        tags: None,
        deprecated: None,
        range: map.range(symbol.span),
        selection_range: map.range(symbol.selection),
        children: Some(symbol.children.iter().map(|c| document_symbol(map, c)).collect()),
    }
}

fn call_item(db: &Database, ctx: &Ctx, item: &prog_ide::CallItem) -> Option<CallHierarchyItem> {
    let map = ctx.map(db, item.file);
    Some(CallHierarchyItem {
        name: item.name.clone(),
        kind: symbol_kind(item.kind),
        tags: None,
        detail: item.title.clone(),
        uri: ctx.uri(db, item.file)?,
        range: map.range(item.span),
        selection_range: map.range(item.selection),
        data: None,
    })
}
