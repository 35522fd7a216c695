//! `workspace/executeCommand`: the critical path, and the Monte-Carlo
//! forecast with its progress reported.

use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;

use crate::capabilities::{COMMANDS, FORECAST};
use crate::reader::Reader;

pub async fn execute(reader: &Reader, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
    if !COMMANDS.contains(&params.command.as_str()) {
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
    let Some(uri) = named.or_else(|| reader.open_documents().into_iter().next()) else {
        return Ok(Some(Value::Array(Vec::new())));
    };
    if params.command == FORECAST {
        return forecast(reader, &uri, params.work_done_progress_params.work_done_token).await;
    }
    critical_path(reader, &uri).await
}

/// The steps of the critical path of the plan of `uri`, with where each is
/// defined.
async fn critical_path(reader: &Reader, uri: &Uri) -> Result<Option<Value>> {
    reader
        .read(uri, |db, ctx| {
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
        .await
}

/// The forecast of the plan of `uri` (see [`prog_ide::forecast_document`]),
/// with its progress reported to clients that show it.
async fn forecast(reader: &Reader, uri: &Uri, token: Option<ProgressToken>) -> Result<Option<Value>> {
    let token = match token {
        Some(token) => Some(token),
        None if reader.support().work_done_progress => {
            let token = ProgressToken::String(format!("prog-forecast-{}", reader.next_result_id()));
            reader
                .client
                .create_work_done_progress(token.clone())
                .await
                .ok()
                .map(|()| token)
        }
        None => None,
    };
    let (sender, mut done) = tokio::sync::mpsc::unbounded_channel::<u32>();
    let work = reader.read(uri, move |db, ctx| {
        let document = prog_ide::forecast_document(db, ctx.project, |done, total| {
            let _ = sender.send((done * 100 / total.max(1)) as u32);
        });
        serde_json::to_value(document).ok()
    });
    let report = async {
        let Some(token) = token else {
            while done.recv().await.is_some() {}
            return;
        };
        let progress = reader
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
