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

use crate::message;

/// Bodies larger than this are refused rather than read into memory.
const MAX_BODY: usize = 256 << 20;

/// One frame read: whole, its header the length alone (what is passed on
/// as read, not copied), or the error to answer it with.
enum Frame {
    Whole(Vec<u8>),
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
    let mut whole = header(length);
    let at = whole.len();
    whole.resize(at + length, 0);
    input.read_exact(&mut whole[at..]).await?;
    Ok(Some(check(whole, at)))
}

/// A frame (its body from `at`) tower-lsp-server can decode is passed on;
/// any other gets its error.
fn check(whole: Vec<u8>, at: usize) -> Frame {
    let body = &whole[at..];
    match message::read(body) {
        message::Read::NotJson => return Frame::Bad(error(Value::Null, -32700, "Parse error")),
        message::Read::Message => return Frame::Whole(whole),
        message::Read::NotMessage => {}
    }
    // Read whole only to answer: the answer names the request's id.
    let id = serde_json::from_slice::<Value>(body)
        .ok()
        .and_then(|value| value.get("id").cloned())
        .filter(|id| matches!(id, Value::Number(_) | Value::String(_)))
        .unwrap_or(Value::Null);
    Frame::Bad(error(id, -32600, "Invalid Request"))
}

fn error(id: Value, code: i64, message: &str) -> Value {
    json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code, "message": message } })
}

/// `body` as a frame: its header put before it in place (a list grown to
/// hold a body has room for it, so the body is moved, not copied into a
/// second list).
pub(crate) fn framed(mut body: Vec<u8>) -> Vec<u8> {
    let header = format!("Content-Length: {}\r\n\r\n", body.len());
    body.splice(0..0, header.into_bytes());
    body
}

/// A frame's header, in a list with room for its body after it.
fn header(length: usize) -> Vec<u8> {
    let header = format!("Content-Length: {length}\r\n\r\n");
    let mut out = Vec::with_capacity(header.len() + length);
    out.extend_from_slice(header.as_bytes());
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
            Frame::Whole(whole) => {
                if server.write_all(&whole).await.is_err() || server.flush().await.is_err() {
                    return;
                }
            }
            Frame::Bad(answer) => {
                tracing::warn!("a frame that cannot be decoded: {answer}");
                let _ = out.send(Some(framed(answer.to_string().into_bytes())));
            }
        }
    }
}

/// Passes each frame the server writes to `out`, whole; `None` after the
/// last.
pub async fn pass_output(server: impl AsyncRead + Unpin, out: Out) {
    let mut server = BufReader::new(server);
    while let Ok(Some(Frame::Whole(whole))) = read_frame(&mut server).await {
        let _ = out.send(Some(whole));
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

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::{Frame, check, framed};

    /// What `check` makes of a body: `Ok` when it is passed on, else the
    /// error code and the id it answers with.
    fn checked(body: &str) -> Result<(), (i64, Value)> {
        let whole = framed(body.as_bytes().to_vec());
        match check(whole.clone(), whole.len() - body.len()) {
            Frame::Whole(passed) => {
                assert_eq!(passed, whole);
                Ok(())
            }
            Frame::Bad(answer) => Err((answer["error"]["code"].as_i64().unwrap(), answer["id"].clone())),
        }
    }

    #[test]
    fn a_frame_is_its_length_then_its_body() {
        // Eight bytes: the é is two.
        let body = "{\"é\":1}";
        assert_eq!(framed(body.into()), b"Content-Length: 8\r\n\r\n{\"\xc3\xa9\":1}");
    }

    #[test]
    fn requests_notifications_and_responses_are_passed_on() {
        assert_eq!(checked(r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#), Ok(()));
        assert_eq!(
            checked(r#"{"jsonrpc":"2.0","id":"a","method":"x","params":{"t":[1,"]"]}}"#),
            Ok(())
        );
        assert_eq!(checked(r#"{"jsonrpc":"2.0","method":"exit"}"#), Ok(()));
        assert_eq!(checked(r#"{"jsonrpc":"2.0","id":3,"result":null}"#), Ok(()));
        assert_eq!(checked(r#"{"id":3,"jsonrpc":"2.0","error":{"code":1}}"#), Ok(()));
        // As in a JSON value, the last member of a name counts.
        assert_eq!(
            checked(r#"{"jsonrpc":"1.0","jsonrpc":"2.0","method":"x"}"#),
            Ok(())
        );
    }

    #[test]
    fn what_is_no_message_is_answered_with_its_id_if_it_has_a_valid_one() {
        let invalid = |id: Value| Err((-32600, id));
        assert_eq!(checked("{}"), invalid(Value::Null));
        assert_eq!(checked("null"), invalid(Value::Null));
        assert_eq!(
            checked(r#"[{"jsonrpc":"2.0","method":"x"}]"#),
            invalid(Value::Null)
        );
        assert_eq!(checked(r#""2.0""#), invalid(Value::Null));
        assert_eq!(checked(r#"{"jsonrpc":"2.0","id":7}"#), invalid(json!(7)));
        assert_eq!(
            checked(r#"{"jsonrpc":"2.0","id":"k","method":3}"#),
            invalid(json!("k"))
        );
        assert_eq!(
            checked(r#"{"jsonrpc":"2.0","id":[1],"method":"x"}"#),
            invalid(Value::Null)
        );
        assert_eq!(
            checked(r#"{"jsonrpc":2.0,"id":1,"method":"x"}"#),
            invalid(json!(1))
        );
        assert_eq!(
            checked(r#"{"jsonrpc":"2.0","method":"x"} x"#),
            Err((-32700, Value::Null))
        );
        assert_eq!(
            checked(r#"{"jsonrpc":"2.0","method":"x"#),
            Err((-32700, Value::Null))
        );
    }

    /// The transport behind reads at most 127 levels; what the probe
    /// skips is counted, brackets in strings (escaped quotes too) aside.
    #[test]
    fn a_body_nested_past_what_the_transport_reads_is_a_parse_error() {
        let nested = |depth: usize, inner: &str| {
            format!(
                r#"{{"jsonrpc":"2.0","method":"x","params":{}{inner}{}}}"#,
                "[".repeat(depth - 1),
                "]".repeat(depth - 1)
            )
        };
        assert_eq!(checked(&nested(127, "")), Ok(()));
        assert_eq!(checked(&nested(128, "")), Err((-32700, Value::Null)));
        let brackets = format!(r#""{}\"{}\\""#, "[".repeat(200), "{".repeat(200));
        assert_eq!(checked(&nested(127, &brackets)), Ok(()));
        assert!(serde_json::from_str::<Value>(&nested(127, &brackets)).is_ok());
        assert!(serde_json::from_str::<Value>(&nested(128, "")).is_err());
    }
}
