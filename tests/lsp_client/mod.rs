//! A small Language Server Protocol client for end-to-end tests: it spawns
//! the real `prog lsp`, speaks JSON-RPC over its stdio, and keeps every
//! notification the server sends.

#![allow(dead_code)] // Each test crate uses a part of the client.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

pub const TIMEOUT: Duration = Duration::from_secs(20);

pub struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<(Instant, Value)>,
    next_id: i64,
    /// When the last byte of the message [`Client::wait`] last returned was
    /// read (`None` if it had come before the wait).
    pub arrived: Option<Instant>,
    /// Notifications and requests from the server, in order of arrival.
    pub received: Vec<Value>,
}

impl Client {
    pub fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_prog"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("prog lsp starts");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        Client {
            child,
            stdin,
            messages,
            next_id: 1,
            arrived: None,
            received: Vec::new(),
        }
    }

    /// Starts the server and initializes it with these client capabilities.
    pub fn initialized(capabilities: Value) -> (Client, Value) {
        let mut client = Client::start();
        let result = client.request(
            "initialize",
            json!({ "processId": null, "rootUri": null, "capabilities": capabilities }),
        );
        client.notify("initialized", json!({}));
        (client, result)
    }

    pub fn send(&mut self, message: &Value) {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    /// Writes `bytes` as they are: for frames no client should send.
    pub fn send_raw(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).unwrap();
        self.stdin.flush().unwrap();
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and waits for its response: the result, or the whole
    /// response when it is an error.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.request_raw(method, params);
        match response.get("error") {
            Some(_) => response,
            None => response["result"].clone(),
        }
    }

    pub fn request_raw(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.wait(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
            .unwrap_or_else(|| panic!("no response to {method}"))
    }

    /// The first message (new or already received) that satisfies `want`.
    pub fn wait(&mut self, want: impl Fn(&Value) -> bool) -> Option<Value> {
        if let Some(i) = self.received.iter().position(&want) {
            self.arrived = None;
            return Some(self.received.remove(i));
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            match self.messages.recv_timeout(left) {
                Ok((arrived, message)) => {
                    self.answer_server_request(&message);
                    if want(&message) {
                        self.arrived = Some(arrived);
                        return Some(message);
                    }
                    self.received.push(message);
                }
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
            }
        }
    }

    /// `client/registerCapability` and refresh requests get an empty answer.
    fn answer_server_request(&mut self, message: &Value) {
        if let (Some(id), Some(_)) = (message.get("id"), message.get("method")) {
            let id = id.clone();
            self.send(&json!({ "jsonrpc": "2.0", "id": id, "result": null }));
        }
    }

    /// The next `publishDiagnostics` for `uri` whose version is `version`.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let message = self
            .wait(|m| {
                m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] == uri
                    && m["params"]["version"] == version
            })
            .unwrap_or_else(|| panic!("no diagnostics for {uri} version {version}"));
        message["params"]["diagnostics"].as_array().unwrap().clone()
    }

    pub fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "prog", "version": 1, "text": text } }),
        );
    }

    /// Exits cleanly: `shutdown`, `exit`, and the process ends with status 0.
    pub fn stop(mut self) {
        let result = self.request_raw("shutdown", Value::Null);
        assert!(result.get("error").is_none(), "{result}");
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert!(status.success(), "prog lsp exited with {status}");
                return;
            }
            assert!(Instant::now() < deadline, "prog lsp did not exit");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Sends `exit` alone (no `shutdown` before it) and waits for the
    /// process to end.
    pub fn exit_without_shutdown(mut self) -> std::process::ExitStatus {
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "prog lsp did not exit");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Whether the server process is still running.
    pub fn alive(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// The next message and when its last byte was read.
fn read_message(reader: &mut impl BufRead) -> Option<(Instant, Value)> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    let arrived = Instant::now();
    Some((arrived, serde_json::from_slice(&body).ok()?))
}

/// A server started for a client that lets it watch files, once it has
/// asked to.
pub fn watching_client() -> Client {
    let (mut client, _) = Client::initialized(json!({
        "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } }
    }));
    client
        .wait(|m| m["method"] == "client/registerCapability")
        .expect("the server asks to watch files");
    client
}

/// A file URI in a fresh temporary folder, with the file written there.
pub fn temp_file(test: &str, name: &str, text: &str) -> (std::path::PathBuf, String) {
    let dir = std::env::temp_dir().join(format!("prog-lsp-{test}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    let uri = format!("file://{}", path.display());
    (path, uri)
}

/// Decodes semantic tokens into (line, column, length, type, modifiers).
pub fn decode_tokens(data: &[Value]) -> Vec<(u64, u64, u64, u64, u64)> {
    let numbers: Vec<u64> = data.iter().map(|v| v.as_u64().unwrap()).collect();
    let (mut line, mut col) = (0, 0);
    numbers
        .chunks(5)
        .map(|c| {
            if c[0] > 0 {
                line += c[0];
                col = c[1];
            } else {
                col += c[1];
            }
            (line, col, c[2], c[3], c[4])
        })
        .collect()
}

/// A plan of a few tasks, people and a team, for tests to open.
pub const PLAN: &str = r#"program checkout "Checkout" { start 2027-01-04 }
person alice "Alice Chen" { capacity 100% }
person bob "Bob Diaz" { capacity 50% }
team backend "Backend" { capacity 4 }
task kickoff "Kick-off" { duration 1d  owner alice }
task api "Design the API" {
  duration 5d
  owner alice
  after kickoff
}
task build "Build service" {
  duration 2w
  assign backend 2
  after api +2d
}
task docs "Docs" { duration 3d  assign bob 50%  after api }
milestone ready "Ready" { after build, docs }
"#;

/// The protocol position of the first `needle` in `text` (ASCII text).
pub fn position_of(text: &str, needle: &str) -> Value {
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in the text"));
    // ASCII text: UTF-8 columns are UTF-16 columns.
    let at = prog_syntax::LineIndex::new(text).line_col(offset);
    json!({ "line": at.line, "character": at.col })
}

/// The text after LSP edits (ASCII text: columns are bytes).
pub fn apply_edits(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| {
        let line = p["line"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        start + p["character"].as_u64().unwrap() as usize
    };
    let mut edits: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut text = text.to_string();
    for (start, end, new) in edits {
        text.replace_range(start..end, &new);
    }
    text
}

/// The code of each diagnostic.
pub fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics.iter().map(|d| d["code"].as_str().unwrap()).collect()
}
