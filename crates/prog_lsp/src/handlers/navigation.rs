//! Finding one's way: definition, references, highlights, symbols,
//! folding and selection ranges, the call hierarchy over dependencies.

use std::collections::HashSet;

use prog_db::Database;
use prog_ide::{FoldKind, HighlightKind};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use super::{at, position_params};
use crate::convert::{Ctx, symbol_kind};
use crate::line_map::LineMap;
use crate::reader::Reader;

pub async fn goto_definition(
    reader: &Reader,
    params: GotoDefinitionParams,
) -> Result<Option<GotoDefinitionResponse>> {
    let (uri, pos) = position_params(&params.text_document_position_params);
    reader
        .read(&uri, move |db, ctx| {
            let target = prog_ide::goto_definition(db, ctx.project, at(db, ctx, pos)?)?;
            Some(GotoDefinitionResponse::Scalar(ctx.location(
                db,
                target.file,
                target.span,
            )?))
        })
        .await
}

pub async fn references(reader: &Reader, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
    let (uri, pos) = position_params(&params.text_document_position);
    let include = params.context.include_declaration;
    reader
        .read(&uri, move |db, ctx| {
            let refs = prog_ide::references(db, ctx.project, at(db, ctx, pos)?, include);
            Some(
                refs.iter()
                    .filter_map(|r| ctx.location(db, r.range.file, r.range.span))
                    .collect(),
            )
        })
        .await
}

pub async fn highlights(
    reader: &Reader,
    params: DocumentHighlightParams,
) -> Result<Option<Vec<DocumentHighlight>>> {
    let (uri, pos) = position_params(&params.text_document_position_params);
    reader
        .read(&uri, move |db, ctx| {
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

pub async fn document_symbols(
    reader: &Reader,
    params: DocumentSymbolParams,
) -> Result<Option<DocumentSymbolResponse>> {
    reader
        .read(&params.text_document.uri, |db, ctx| {
            let map = ctx.map(db, ctx.file);
            let symbols = prog_ide::document_symbols(db, ctx.file);
            Some(DocumentSymbolResponse::Nested(
                symbols.iter().map(|s| document_symbol(&map, s)).collect(),
            ))
        })
        .await
}

fn document_symbol(map: &LineMap, symbol: &prog_ide::Symbol) -> DocumentSymbol {
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

/// The symbols of every plan that has an open document, each once.
pub async fn workspace_symbols(
    reader: &Reader,
    params: WorkspaceSymbolParams,
) -> Result<Option<WorkspaceSymbolResponse>> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for uri in reader.open_documents() {
        let query = params.query.clone();
        let found = reader
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

pub async fn folding_ranges(
    reader: &Reader,
    params: FoldingRangeParams,
) -> Result<Option<Vec<FoldingRange>>> {
    reader
        .read(&params.text_document.uri, |db, ctx| {
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

pub async fn selection_ranges(
    reader: &Reader,
    params: SelectionRangeParams,
) -> Result<Option<Vec<SelectionRange>>> {
    let positions = params.positions;
    reader
        .read(&params.text_document.uri, move |db, ctx| {
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

pub async fn prepare_call_hierarchy(
    reader: &Reader,
    params: CallHierarchyPrepareParams,
) -> Result<Option<Vec<CallHierarchyItem>>> {
    let (uri, pos) = position_params(&params.text_document_position_params);
    reader
        .read(&uri, move |db, ctx| {
            let item = prog_ide::prepare_call_hierarchy(db, ctx.project, at(db, ctx, pos)?)?;
            Some(vec![call_item(db, ctx, &item)?])
        })
        .await
}

/// Incoming calls are the predecessors.
pub async fn incoming_calls(
    reader: &Reader,
    params: CallHierarchyIncomingCallsParams,
) -> Result<Option<Vec<CallHierarchyIncomingCall>>> {
    let item = params.item;
    let uri = item.uri.clone();
    reader
        .read(&uri, move |db, ctx| {
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

pub async fn outgoing_calls(
    reader: &Reader,
    params: CallHierarchyOutgoingCallsParams,
) -> Result<Option<Vec<CallHierarchyOutgoingCall>>> {
    let item = params.item;
    let uri = item.uri.clone();
    reader
        .read(&uri, move |db, ctx| {
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
