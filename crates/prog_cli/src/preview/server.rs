//! The preview's HTTP side: `/` the page (with a small script), `/live.js`
//! the script, `/events` a server-sent event stream with each new page.
//!
//! Bound to 127.0.0.1, and answering only requests addressed to it by
//! name (`Host: 127.0.0.1:PORT` or `localhost:PORT`, else 403), so that a
//! web page the user visits cannot read the plan through a domain of its
//! own rebound to 127.0.0.1. Every connection is bounded: its request head
//! in size ([`MAX_HEAD`]) and in time ([`HEAD_TIMEOUT`], which ends idle and
//! half-sent requests alike), the connections and event streams open at
//! once in number. One request per connection, one thread per connection.
//! tiny_http bounds none of these, so requests are read here and parsed
//! by httparse.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

const LIVE_JS: &str = include_str!("live.js");
/// Nothing is fetched but from the preview itself.
const CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'self'; connect-src 'self'";
/// A comment line on idle streams, so a closed browser tab is noticed.
const KEEPALIVE: Duration = Duration::from_secs(15);
/// The largest request head (request line and headers) read.
pub const MAX_HEAD: usize = 8 * 1024;
/// How long a request head may take to arrive, from the connection.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a write may wait for a client that reads nothing.
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);
/// Connections served at once; more are closed unanswered.
pub const MAX_CONNECTIONS: usize = 64;
/// Event streams open at once; more get 503.
pub const MAX_STREAMS: usize = 8;

/// The current page, its number, and whether the preview is closing.
pub struct Live {
    state: Mutex<State>,
    changed: Condvar,
}

struct State {
    page: String,
    version: u64,
    closed: bool,
}

impl Live {
    pub fn new(page: String) -> Live {
        Live {
            state: Mutex::new(State {
                page,
                version: 0,
                closed: false,
            }),
            changed: Condvar::new(),
        }
    }

    pub fn publish(&self, page: String) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.page = page;
        state.version += 1;
        self.changed.notify_all();
    }

    fn close(&self) {
        self.state.lock().unwrap_or_else(PoisonError::into_inner).closed = true;
        self.changed.notify_all();
    }

    fn page(&self) -> (u64, String) {
        let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        (state.version, state.page.clone())
    }

    /// The first page newer than `version`; `None` when closing, `Some(None)`
    /// after a quiet `KEEPALIVE`.
    fn next(&self, version: u64) -> Option<Option<(u64, String)>> {
        let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let (state, _) = self
            .changed
            .wait_timeout_while(state, KEEPALIVE, |s| s.version <= version && !s.closed)
            .unwrap_or_else(PoisonError::into_inner);
        if state.closed {
            None
        } else if state.version > version {
            Some(Some((state.version, state.page.clone())))
        } else {
            Some(None)
        }
    }
}

pub struct Running {
    live: Arc<Live>,
    stopping: Arc<AtomicBool>,
    accept: JoinHandle<()>,
    port: u16,
}

impl Running {
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// Stops accepting, ends every event stream, and waits for the listener.
    pub fn stop(self) {
        self.live.close();
        self.stopping.store(true, Ordering::SeqCst);
        // Wakes the listener up from `accept`.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        let _ = self.accept.join();
    }
}

/// One of at most so many things open at once (connections, streams),
/// given back when dropped.
struct Slot(Arc<AtomicUsize>);

impl Slot {
    fn take(open: &Arc<AtomicUsize>, max: usize) -> Option<Slot> {
        let taken = open.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| (n < max).then_some(n + 1));
        taken.ok().map(|_| Slot(open.clone()))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Listens on 127.0.0.1, on a port the system picks.
pub fn start(live: Arc<Live>) -> std::io::Result<Running> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let port = listener.local_addr()?.port();
    let stopping = Arc::new(AtomicBool::new(false));
    let accept = {
        let (live, stopping) = (live.clone(), stopping.clone());
        std::thread::spawn(move || {
            let (connections, streams) = (Arc::default(), Arc::new(AtomicUsize::new(0)));
            for stream in listener.incoming() {
                if stopping.load(Ordering::SeqCst) {
                    break;
                }
                let (Ok(stream), Some(slot)) = (stream, Slot::take(&connections, MAX_CONNECTIONS)) else {
                    continue;
                };
                let (live, streams) = (live.clone(), streams.clone());
                std::thread::spawn(move || {
                    let _slot = slot;
                    serve(stream, port, &live, &streams);
                });
            }
        })
    };
    Ok(Running {
        live,
        stopping,
        accept,
        port,
    })
}

/// What a request asks, once its head is read and checked.
enum Asked {
    Path(String),
    /// Answered already with this status.
    Refused(u16),
}

fn serve(mut stream: TcpStream, port: u16, live: &Live, streams: &Arc<AtomicUsize>) {
    if stream.set_write_timeout(Some(WRITE_TIMEOUT)).is_err() {
        return;
    }
    let path = match read_request(&mut stream, port) {
        Some(Asked::Path(path)) => path,
        Some(Asked::Refused(status)) => return respond(&mut stream, status, &[], b""),
        None => return,
    };
    match path.as_str() {
        "/" => {
            let (_, page) = live.page();
            let script = r#"<script id="prog-live" src="/live.js"></script>"#;
            let page = match page.rfind("</body>") {
                Some(end) => format!("{}{script}{}", &page[..end], &page[end..]),
                None => page + script,
            };
            let headers = [
                ("Content-Type", "text/html; charset=utf-8"),
                ("Content-Security-Policy", CSP),
                ("Cache-Control", "no-store"),
            ];
            respond(&mut stream, 200, &headers, page.as_bytes());
        }
        "/live.js" => respond(
            &mut stream,
            200,
            &[("Content-Type", "text/javascript; charset=utf-8")],
            LIVE_JS.as_bytes(),
        ),
        "/events" => match Slot::take(streams, MAX_STREAMS) {
            Some(_slot) => events(stream, live),
            None => respond(&mut stream, 503, &[], b"too many event streams"),
        },
        _ => respond(&mut stream, 404, &[], b"not found"),
    }
}

/// Reads the request head, at most [`MAX_HEAD`] bytes within
/// [`HEAD_TIMEOUT`]: the path asked for, what it was refused with, or
/// `None` for a connection to drop unanswered (closed or too slow).
fn read_request(stream: &mut TcpStream, port: u16) -> Option<Asked> {
    let deadline = Instant::now() + HEAD_TIMEOUT;
    let mut head = Vec::with_capacity(1024);
    let mut chunk = [0; 1024];
    loop {
        let left = deadline
            .checked_duration_since(Instant::now())
            .filter(|d| !d.is_zero())?;
        stream.set_read_timeout(Some(left)).ok()?;
        let n = stream.read(&mut chunk).ok().filter(|&n| n > 0)?;
        head.extend_from_slice(&chunk[..n]);
        let mut headers = [httparse::EMPTY_HEADER; 32];
        let mut request = httparse::Request::new(&mut headers);
        match request.parse(&head) {
            Ok(httparse::Status::Complete(_)) => return Some(check(&request, port)),
            Ok(httparse::Status::Partial) if head.len() <= MAX_HEAD => continue,
            Ok(httparse::Status::Partial) | Err(httparse::Error::TooManyHeaders) => {
                return Some(Asked::Refused(431));
            }
            Err(_) => return Some(Asked::Refused(400)),
        }
    }
}

/// The path of a `GET` addressed to the preview by name.
fn check(request: &httparse::Request, port: u16) -> Asked {
    if request.method != Some("GET") {
        return Asked::Refused(405);
    }
    let host = request
        .headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("host"))
        .and_then(|h| std::str::from_utf8(h.value).ok());
    let ours = [format!("127.0.0.1:{port}"), format!("localhost:{port}")];
    if !host.is_some_and(|host| ours.iter().any(|o| o.eq_ignore_ascii_case(host.trim()))) {
        return Asked::Refused(403);
    }
    let path = request.path.unwrap_or("").split('?').next().unwrap_or("");
    Asked::Path(path.to_string())
}

fn respond(stream: &mut TcpStream, status: u16, headers: &[(&str, &str)], body: &[u8]) {
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        _ => "Service Unavailable",
    };
    let mut head = format!("HTTP/1.1 {status} {reason}\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    ));
    let _ = stream
        .write_all(head.as_bytes())
        .and_then(|()| stream.write_all(body))
        .and_then(|()| stream.flush());
}

/// A server-sent event stream: one `message` event per new page, until the
/// preview closes or the client goes away.
fn events(mut out: TcpStream, live: &Live) {
    let (mut version, _) = live.page();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
                Connection: close\r\n\r\n";
    if out.write_all(head.as_bytes()).and_then(|()| out.flush()).is_err() {
        return;
    }
    while let Some(next) = live.next(version) {
        let event = match next {
            Some((v, page)) => {
                version = v;
                let mut event: String = page.lines().map(|line| format!("data: {line}\n")).collect();
                event.push('\n');
                event
            }
            None => ": keepalive\n\n".to_string(),
        };
        if out
            .write_all(event.as_bytes())
            .and_then(|()| out.flush())
            .is_err()
        {
            return;
        }
    }
}
