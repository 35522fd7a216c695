//! Changing the text: completion, code actions, rename, formatting.

use prog_ide::{AssistConfig, AssistKind, CompletionKind, FileRange, Span};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;

use super::{at, position_params};
use crate::reader::Reader;

pub async fn completion(reader: &Reader, params: CompletionParams) -> Result<Option<CompletionResponse>> {
    let (uri, pos) = position_params(&params.text_document_position);
    reader
        .read(&uri, move |db, ctx| {
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
                            CompletionKind::Person | CompletionKind::Team | CompletionKind::Stakeholder => {
                                CompletionItemKind::VARIABLE
                            }
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

pub async fn code_actions(reader: &Reader, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
    let range = params.range;
    // Leveling only when the user asked for actions, not for the
    // lightbulb computed at every cursor move.
    let config = AssistConfig {
        leveling: params.context.trigger_kind != Some(CodeActionTriggerKind::AUTOMATIC),
        today: Some(prog_ide::today()),
    };
    reader
        .read(&params.text_document.uri, move |db, ctx| {
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

pub async fn prepare_rename(
    reader: &Reader,
    params: TextDocumentPositionParams,
) -> Result<Option<PrepareRenameResponse>> {
    let (uri, pos) = position_params(&params);
    let answer = reader
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

pub async fn rename(reader: &Reader, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
    let (uri, pos) = position_params(&params.text_document_position);
    let new_name = params.new_name;
    let answer = reader
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

pub async fn formatting(reader: &Reader, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
    reader
        .read(&params.text_document.uri, |db, ctx| {
            let text = ctx.file.text(db);
            match prog_ide::format(text) {
                Ok(formatted) if *formatted != **text => {
                    let map = ctx.map(db, ctx.file);
                    Some(vec![TextEdit {
                        range: map.range(Span::new(0, text.len())),
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
