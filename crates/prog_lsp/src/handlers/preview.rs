//! `prog/preview`: the plan's HTML report for a document's current, unsaved
//! text, as a string (a page that fetches nothing), for live previews.

use serde::Deserialize;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::TextDocumentIdentifier;

use crate::reader::Reader;

pub const METHOD: &str = "prog/preview";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PreviewParams {
    pub text_document: TextDocumentIdentifier,
}

pub async fn preview(reader: &Reader, params: PreviewParams) -> Result<String> {
    let uri = params.text_document.uri;
    let page = reader
        .read(&uri, |db, ctx| {
            Some(prog_ide::preview_html(db, ctx.project).clone())
        })
        .await?;
    page.ok_or_else(|| Error::invalid_params(format!("{} is not open", uri.as_str())))
}
