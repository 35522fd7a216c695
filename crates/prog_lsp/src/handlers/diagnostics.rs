//! `textDocument/diagnostic`, for clients that pull diagnostics: the same
//! converted groups the push worker sends.

use std::sync::Arc;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use crate::diagnostics::cache;
use crate::reader::Reader;

/// `textDocument/diagnostic`: the document's diagnostics in full, or
/// `unchanged` when the client names the result it has and they are the
/// same groups (no group converted again, same order).
pub async fn pull(
    reader: &Reader,
    params: DocumentDiagnosticParams,
) -> Result<DocumentDiagnosticReportResult> {
    let (uri, docs) = (params.text_document.uri, reader.converted.clone());
    let fresh_id = reader.next_result_id();
    let previous = params.previous_result_id;
    let document = uri.clone();
    let report = reader
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
        .unwrap_or_else(|| report_full(reader.next_result_id(), Vec::new()));
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
