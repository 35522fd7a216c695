//! The protocol's framing, checked before tower-lsp-server sees it: its
//! transport stops reading at the first frame it cannot decode (a body that
//! is not JSON, `{}`, `null`, a bad `Content-Length`), and the server then
//! ends. Here every such frame gets its JSON-RPC error (-32700 Parse error
//! or -32600 Invalid Request) and the server goes on with the next one.
//! The server's own output and these errors are written out whole, one
//! frame after the other.

use serde_json::{Value, json};
use tokio::io::{
    AsyncBufRead, AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader,
};
use tokio::sync::mpsc;

/// Bodies larger than this are refused rather than read into memory.
const MAX_BODY: usize = 256 << 20;

/// One frame read: its body, or the error to answer it with.
enum Frame {
    Body(Vec<u8>),
    Bad(Value),
}

/// Reads the next frame; `None` at the end of the input.
async fn read_frame(input: &mut (impl AsyncBufRead + Unpin)) -> std::io::Result<Option<Frame>> {
    let mut length = None;
    let mut saw_header = false;
    loop {
        // Bytes, not a String: a header that is not UTF-8 is a bad frame,
        // not the end of the input.
        let mut bytes = Vec::new();
        if input.read_until(b'\n', &mut bytes).await? == 0 {
            return Ok(None);
        }
        let line = String::from_utf8_lossy(&bytes);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if saw_header {
                break;
            }
            continue;
        }
        saw_header = true;
        if let Some((name, value)) = line.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let Some(length) = length.filter(|l| *l <= MAX_BODY) else {
        return Ok(Some(Frame::Bad(error(Value::Null, -32700, "bad Content-Length"))));
    };
    let mut body = vec![0; length];
    input.read_exact(&mut body).await?;
    Ok(Some(check(body)))
}

/// A body tower-lsp-server can decode is passed on; any other gets its error.
fn check(body: Vec<u8>) -> Frame {
    let Ok(value) = serde_json::from_slice::<Value>(&body) else {
        return Frame::Bad(error(Value::Null, -32700, "Parse error"));
    };
    let id = value.get("id").cloned().unwrap_or(Value::Null);
    let valid_id = matches!(id, Value::Null | Value::Number(_) | Value::String(_));
    let is_message = value.get("jsonrpc") == Some(&json!("2.0"))
        && valid_id
        && (value.get("method").is_some_and(Value::is_string)
            || (value.get("id").is_some()
                && (value.get("result").is_some() || value.get("error").is_some())));
    if is_message {
        Frame::Body(body)
    } else {
        let id = if valid_id { id } else { Value::Null };
        Frame::Bad(error(id, -32600, "Invalid Request"))
    }
}

fn error(id: Value, code: i64, message: &str) -> Value {
    json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code, "message": message } })
}

pub(crate) fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// What [`write_frames`] writes: a whole frame, or `None` once the server
/// has written its last.
pub type Out = mpsc::UnboundedSender<Option<Vec<u8>>>;

/// Copies the frames of `input` that the server can decode to `server`;
/// answers the others through `out`.
pub async fn check_input(input: impl AsyncRead + Unpin, mut server: impl AsyncWrite + Unpin, out: Out) {
    let mut input = BufReader::new(input);
    while let Ok(Some(next)) = read_frame(&mut input).await {
        match next {
            Frame::Body(body) => {
                if server.write_all(&frame(&body)).await.is_err() || server.flush().await.is_err() {
                    return;
                }
            }
            Frame::Bad(answer) => {
                tracing::warn!("a frame that cannot be decoded: {answer}");
                let _ = out.send(Some(frame(answer.to_string().as_bytes())));
            }
        }
    }
}

/// Passes each frame the server writes to `out`, whole; `None` after the
/// last.
pub async fn pass_output(server: impl AsyncRead + Unpin, out: Out) {
    let mut server = BufReader::new(server);
    while let Ok(Some(Frame::Body(body))) = read_frame(&mut server).await {
        let _ = out.send(Some(frame(&body)));
    }
    let _ = out.send(None);
}

/// Writes the frames to `output` one after the other, until the server's
/// last.
pub async fn write_frames(
    mut frames: mpsc::UnboundedReceiver<Option<Vec<u8>>>,
    mut output: impl AsyncWrite + Unpin,
) {
    while let Some(Some(next)) = frames.recv().await {
        if output.write_all(&next).await.is_err() || output.flush().await.is_err() {
            return;
        }
    }
}
