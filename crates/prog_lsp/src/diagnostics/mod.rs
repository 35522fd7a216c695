//! Diagnostics, pushed after every edit by one worker (`worker`) or pulled
//! by clients that ask (`textDocument/diagnostic`), both through one cache
//! of what was converted to protocol form (`cache`).

mod cache;
mod worker;

pub use cache::ConvertedDocs;

use std::sync::Arc;
pub use worker::spawn_worker;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::server::Server;

/// `textDocument/diagnostic`: the document's diagnostics in full, or
/// `unchanged` when the client names the result it has and they are the
/// same groups (no group converted again, same order).
pub async fn pull(
    server: &Server,
    params: DocumentDiagnosticParams,
) -> Result<DocumentDiagnosticReportResult> {
    let (uri, docs) = (params.text_document.uri, server.converted.clone());
    let fresh_id = server.next_result_id();
    let previous = params.previous_result_id;
    let document = uri.clone();
    let report = server
        .read(&uri, move |db, ctx| {
            // Taken out: a cancelled pull drops it instead of leaving the
            // lock poisoned; the next pull converts afresh.
            let mut converted = cache::take(&docs, &document);
            let groups = converted.update(db, ctx);
            let unchanged = converted.pulled.as_ref().is_some_and(|(id, last)| {
                previous.as_ref() == Some(id)
                    && last.len() == groups.len()
                    && last.iter().zip(&groups).all(|(a, b)| Arc::ptr_eq(a, b))
            });
            let report = match &converted.pulled {
                Some((id, _)) if unchanged => report_unchanged(id.clone()),
                _ => {
                    let items = cache::in_order(&groups).cloned().collect();
                    converted.pulled = Some((fresh_id.clone(), groups));
                    report_full(fresh_id.clone(), items)
                }
            };
            cache::put(&docs, document.clone(), converted);
            Some(report)
        })
        .await?
        .unwrap_or_else(|| report_full(server.next_result_id(), Vec::new()));
    Ok(DocumentDiagnosticReportResult::Report(report))
}

fn report_full(result_id: String, items: Vec<Diagnostic>) -> DocumentDiagnosticReport {
    DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
        related_documents: None,
        full_document_diagnostic_report: FullDocumentDiagnosticReport {
            result_id: Some(result_id),
            items,
        },
    })
}

fn report_unchanged(result_id: String) -> DocumentDiagnosticReport {
    DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
        related_documents: None,
        unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport { result_id },
    })
}
