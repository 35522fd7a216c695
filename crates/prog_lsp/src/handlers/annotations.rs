//! What the editor shows over and beside the text: hover, inlay hints,
//! code lenses.

use prog_ide::{InlayHintsConfig, LensAction};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use super::{at, position_params};
use crate::capabilities::SHOW_CRITICAL_PATH;
use crate::reader::Reader;

pub async fn hover(reader: &Reader, params: HoverParams) -> Result<Option<Hover>> {
    let (uri, pos) = position_params(&params.text_document_position_params);
    reader
        .read(&uri, move |db, ctx| {
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

pub async fn inlay_hints(reader: &Reader, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
    let range = params.range;
    reader
        .read(&params.text_document.uri, move |db, ctx| {
            let config = InlayHintsConfig {
                float: ctx.config.float_hints,
                baseline: ctx.config.baseline_hints,
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

pub async fn code_lenses(reader: &Reader, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
    reader
        .read(&params.text_document.uri, |db, ctx| {
            let map = ctx.map(db, ctx.file);
            let lenses = prog_ide::code_lenses(db, ctx.project, ctx.file);
            Some(
                lenses
                    .into_iter()
                    .map(|l| CodeLens {
                        range: map.range(l.span),
                        command: Some(Command {
                            title: l.title,
                            // An empty command: a lens that only informs.
                            command: match l.action {
                                LensAction::ShowCriticalPath => SHOW_CRITICAL_PATH.to_string(),
                                LensAction::None => String::new(),
                            },
                            arguments: None,
                        }),
                        data: None,
                    })
                    .collect(),
            )
        })
        .await
}
