//! The preview's HTTP side: `/` the page (with a small script), `/live.js`
//! the script, `/events` a server-sent event stream with each new page.
//! Bound to 127.0.0.1 only; one thread per event stream.

use std::io::Write;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, Server};

const LIVE_JS: &str = include_str!("live.js");
/// Nothing is fetched but from the preview itself.
const CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'self'; connect-src 'self'";
/// A comment line on idle streams, so a closed browser tab is noticed.
const KEEPALIVE: Duration = Duration::from_secs(15);

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
    server: Arc<Server>,
    live: Arc<Live>,
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
        self.server.unblock();
        let _ = self.accept.join();
    }
}

/// Listens on 127.0.0.1, on a port the system picks.
pub fn start(live: Arc<Live>) -> std::io::Result<Running> {
    let server = Server::http("127.0.0.1:0").map_err(std::io::Error::other)?;
    let port = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .ok_or_else(|| std::io::Error::other("no TCP address"))?;
    let server = Arc::new(server);
    let accept = {
        let (server, live) = (server.clone(), live.clone());
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                let live = live.clone();
                std::thread::spawn(move || answer(request, &live));
            }
        })
    };
    Ok(Running {
        server,
        live,
        accept,
        port,
    })
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name, value).expect("a valid header")
}

fn answer(request: Request, live: &Live) {
    let path = request.url().split('?').next().unwrap_or("");
    if *request.method() != Method::Get {
        let _ = request.respond(Response::empty(405));
        return;
    }
    match path {
        "/" => {
            let (_, page) = live.page();
            let script = r#"<script id="prog-live" src="/live.js"></script>"#;
            let page = match page.rfind("</body>") {
                Some(end) => format!("{}{script}{}", &page[..end], &page[end..]),
                None => page + script,
            };
            let response = Response::from_string(page)
                .with_header(header("Content-Type", "text/html; charset=utf-8"))
                .with_header(header("Content-Security-Policy", CSP))
                .with_header(header("Cache-Control", "no-store"));
            let _ = request.respond(response);
        }
        "/live.js" => {
            let response = Response::from_string(LIVE_JS)
                .with_header(header("Content-Type", "text/javascript; charset=utf-8"));
            let _ = request.respond(response);
        }
        "/events" => events(request, live),
        _ => {
            let _ = request.respond(Response::from_string("not found").with_status_code(404));
        }
    }
}

/// A server-sent event stream: one `message` event per new page, until the
/// preview closes or the client goes away.
fn events(request: Request, live: &Live) {
    let (mut version, _) = live.page();
    // tiny_http buffers a response body; a stream is written by hand on the
    // connection it hands over.
    let mut out = request.into_writer();
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
