//! Diagnostics, pushed after every edit by one worker (`worker`) or pulled
//! by clients that ask (`textDocument/diagnostic`), both through one cache
//! of what was converted to protocol form (`cache`).

mod cache;
mod worker;

pub use cache::ConvertedDocs;
pub use worker::spawn_worker;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::server::Server;

/// `textDocument/diagnostic`: the document's diagnostics, always in full.
pub async fn pull(
    server: &Server,
    params: DocumentDiagnosticParams,
) -> Result<DocumentDiagnosticReportResult> {
    let (uri, converted) = (params.text_document.uri, server.converted.clone());
    let document = uri.clone();
    let items = server
        .read(&uri, move |db, ctx| {
            let mut converted = converted.lock().unwrap_or_else(|e| e.into_inner());
            let groups = converted.entry(document.clone()).or_default().update(db, ctx);
            Some(cache::in_order(&groups).cloned().collect())
        })
        .await?
        .unwrap_or_default();
    Ok(DocumentDiagnosticReportResult::Report(
        DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: FullDocumentDiagnosticReport {
                result_id: Some(server.next_result_id()),
                items,
            },
        }),
    ))
}
