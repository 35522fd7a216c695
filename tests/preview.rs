//! `prog preview` end to end: the real binary, spoken to with a real HTTP
//! client (ureq) and a server-sent event stream.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(20);

/// kickoff 1d, api 5d, a 2-day lag, build 2w: 18 working days from Monday 2027-01-04.
const PLAN: &str = r#"program checkout "Checkout" { start 2027-01-04 }
person alice "Alice Chen" { capacity 100% }
team backend "Backend" { capacity 4 }
task kickoff "Kick-off" { duration 1d  owner alice }
task api "Design the API" { duration 5d  owner alice  after kickoff }
task build "Build service" { duration 2w  assign backend 2  after api +2d }
milestone ready "Ready" { after build }
"#;

struct Preview {
    child: Child,
    port: u16,
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn plan_file(test: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("prog-preview-{test}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("plan.prog");
    std::fs::write(&path, text).unwrap();
    path
}

/// Starts `prog preview` and reads the address it prints.
fn start(args: &[&str], plan: &std::path::Path, stdin: Stdio) -> Preview {
    let mut child = Command::new(env!("CARGO_BIN_EXE_prog"))
        .arg("preview")
        .args(args)
        .arg(plan)
        .stdin(stdin)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line.trim().rsplit(' ').next().unwrap().to_string();
    let port = url
        .strip_prefix("http://127.0.0.1:")
        .and_then(|rest| rest.strip_suffix('/'))
        .unwrap_or_else(|| panic!("not a local address: {line}"))
        .parse()
        .unwrap();
    Preview { child, port }
}

fn get(port: u16, path: &str) -> (u16, String, String, String) {
    let mut response = ureq::get(&format!("http://127.0.0.1:{port}{path}"))
        .call()
        .unwrap();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    };
    let (kind, csp) = (header("content-type"), header("content-security-policy"));
    let status = response.status().as_u16();
    (status, kind, csp, response.body_mut().read_to_string().unwrap())
}

/// The events of `/events`, each the text of its `data:` lines, as they come.
fn events(port: u16) -> Receiver<Option<String>> {
    let response = ureq::get(&format!("http://127.0.0.1:{port}/events"))
        .call()
        .unwrap();
    assert_eq!(
        response.headers().get("content-type").unwrap(),
        "text/event-stream"
    );
    let (sender, receiver) = channel();
    std::thread::spawn(move || {
        let reader = BufReader::new(response.into_body().into_reader());
        let mut data = Vec::new();
        for line in reader.lines() {
            let Ok(line) = line else { break };
            if let Some(rest) = line.strip_prefix("data: ") {
                data.push(rest.to_string());
            } else if line.is_empty() && !data.is_empty() {
                let _ = sender.send(Some(data.join("\n")));
                data.clear();
            }
        }
        // The stream ended.
        let _ = sender.send(None);
    });
    receiver
}

fn next_event(events: &Receiver<Option<String>>) -> Option<String> {
    events.recv_timeout(TIMEOUT).expect("an event in time")
}

#[test]
fn serves_the_report_on_localhost_and_pushes_it_again_when_the_file_changes() {
    let plan = plan_file("file", PLAN);
    let preview = start(&[], &plan, Stdio::null());
    let (status, kind, csp, page) = get(preview.port, "/");
    assert_eq!(status, 200);
    assert_eq!(kind, "text/html; charset=utf-8");
    assert!(csp.starts_with("default-src 'none'"), "{csp}");
    assert!(page.contains("<dt>Finish</dt><dd>2027-01-27"));
    assert!(page.contains(r#"<script id="prog-live" src="/live.js"></script>"#));
    let (status, _, _, script) = get(preview.port, "/live.js");
    assert_eq!(status, 200);
    assert!(script.contains("new EventSource(\"/events\")"));

    // Bound to 127.0.0.1 only: another loopback address of this machine is refused.
    let other = SocketAddr::from(([127, 0, 0, 2], preview.port));
    assert!(TcpStream::connect_timeout(&other, Duration::from_secs(2)).is_err());

    let events = events(preview.port);
    // A 3-week build moves the finish by 5 working days.
    std::fs::write(&plan, PLAN.replace("duration 2w", "duration 3w")).unwrap();
    let page = next_event(&events).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(
        page.contains("<dt>Finish</dt><dd>2027-02-03"),
        "the new schedule is pushed"
    );
    assert!(get(preview.port, "/").3.contains("<dt>Finish</dt><dd>2027-02-03"));
}

#[test]
fn with_stdin_it_shows_each_page_it_is_given_and_stops_when_stdin_closes() {
    let plan = plan_file("stdin", PLAN);
    let mut preview = start(&["--stdin"], &plan, Stdio::piped());
    // Until a page arrives, the file on disk is shown.
    assert!(get(preview.port, "/").3.contains("Design the API"));
    let events = events(preview.port);
    let mut stdin = preview.child.stdin.take().unwrap();
    let page = "<!DOCTYPE html>\n<html><body><p>unsaved \"buffer\"</p>\n</body></html>\n";
    writeln!(stdin, "{}", serde_json::to_string(page).unwrap()).unwrap();
    assert_eq!(next_event(&events).unwrap(), page.trim_end());
    assert!(get(preview.port, "/").3.contains("<p>unsaved \"buffer\"</p>"));

    // A line that is not a JSON string is ignored.
    writeln!(stdin, "not json").unwrap();
    drop(stdin);
    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        if let Some(status) = preview.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "prog preview did not stop");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status}");
    assert_eq!(next_event(&events), None, "the event stream ends");
    let addr = SocketAddr::from(([127, 0, 0, 1], preview.port));
    assert!(
        TcpStream::connect_timeout(&addr, Duration::from_secs(2)).is_err(),
        "the port is closed"
    );
}

/// Sends `request` as it is on a new connection and reads the answer until
/// the server closes it or [`TIMEOUT`] has passed (a stream that never
/// ends): the status line's code, or 0 for a connection closed unanswered.
fn raw(port: u16, request: &[u8]) -> u16 {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(1))).unwrap();
    // The server may close before it read all of an oversized request.
    let _ = stream.write_all(request);
    let (mut answer, mut chunk) = (Vec::new(), [0; 4096]);
    let deadline = Instant::now() + TIMEOUT;
    while Instant::now() < deadline {
        match std::io::Read::read(&mut stream, &mut chunk) {
            Ok(0) => break,
            Ok(n) => answer.extend_from_slice(&chunk[..n]),
            Err(e)
                if e.kind() == std::io::ErrorKind::WouldBlock || e.kind() == std::io::ErrorKind::TimedOut => {
            }
            Err(_) => break,
        }
    }
    let answer = String::from_utf8_lossy(&answer);
    answer
        .strip_prefix("HTTP/1.1 ")
        .and_then(|rest| rest.get(..3))
        .map_or(0, |code| code.parse().unwrap())
}

/// Only requests addressed to 127.0.0.1 or localhost by
/// name are answered, so a domain rebound to 127.0.0.1 reads nothing.
#[test]
fn answers_only_requests_addressed_to_itself() {
    let plan = plan_file("host", PLAN);
    let preview = start(&[], &plan, Stdio::null());
    let port = preview.port;
    let get = |host: &str| raw(port, format!("GET / HTTP/1.1\r\n{host}\r\n\r\n").as_bytes());
    assert_eq!(get(&format!("Host: 127.0.0.1:{port}")), 200);
    assert_eq!(get(&format!("Host: LocalHost:{port}")), 200);
    assert_eq!(get(&format!("Host: evil.example:{port}")), 403);
    assert_eq!(get("Host: 127.0.0.1"), 403, "another port is another origin");
    assert_eq!(get("X-Nothing: 1"), 403, "no Host at all");
    assert_eq!(
        raw(
            port,
            format!("POST / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n").as_bytes()
        ),
        405
    );
}

/// A request head is bounded in size, and a connection
/// that sends nothing, or half a request, is closed after a while.
#[test]
fn bounds_request_heads_and_closes_idle_and_partial_connections() {
    let plan = plan_file("bounds", PLAN);
    let preview = start(&[], &plan, Stdio::null());
    let port = preview.port;
    let huge = format!(
        "GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Big: {}\r\n\r\n",
        "a".repeat(64 * 1024)
    );
    assert_eq!(raw(port, huge.as_bytes()), 431);
    let many: String = (0..100).map(|i| format!("X-{i}: 1\r\n")).collect();
    let many = format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{many}\r\n");
    assert_eq!(raw(port, many.as_bytes()), 431);
    // Idle and half-sent: closed unanswered, in about ten seconds.
    let started = Instant::now();
    let (idle, partial) = std::thread::scope(|s| {
        let idle = s.spawn(|| raw(port, b""));
        let partial = s.spawn(|| raw(port, b"GET / HTTP/1.1\r\nHost: 127.0"));
        (idle.join().unwrap(), partial.join().unwrap())
    });
    assert_eq!((idle, partial), (0, 0));
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "{:?}",
        started.elapsed()
    );
    // Still answering.
    assert_eq!(get(port, "/").0, 200);
}

/// Event streams open at once are capped (8); the next
/// gets 503, and a slot frees when a stream closes.
#[test]
fn caps_the_event_streams_open_at_once() {
    let plan = plan_file("streams", PLAN);
    let preview = start(&[], &plan, Stdio::null());
    let port = preview.port;
    let request = format!("GET /events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n");
    let open: Vec<TcpStream> = (0..8)
        .map(|_| {
            let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
            stream.write_all(request.as_bytes()).unwrap();
            let mut first = [0; 12];
            std::io::Read::read_exact(&mut stream, &mut first).unwrap();
            assert_eq!(&first, b"HTTP/1.1 200");
            stream
        })
        .collect();
    assert_eq!(raw(port, request.as_bytes()), 503);
    drop(open);
    // The streams notice their clients left at the next keep-alive; the
    // page itself is always served.
    assert_eq!(get(port, "/").0, 200);
}

/// The other program whose milestone the plan waits for is followed too:
/// `ga` moves from Fri 2027-01-15 (10 days from Mon 01-04) to Fri 01-22
/// (15 days), and `integrate` (5 days after it) from Fri 01-22 to Fri 01-29.
#[test]
fn the_other_programs_plan_is_followed_too() {
    let platform =
        "program a { start 2027-01-04 }\ntask build { duration 10d }\nmilestone ga { after build }\n";
    let plan = plan_file(
        "programs",
        "program b { start 2027-01-04 }\nexternal g { from \"platform.prog\" milestone ga }\ntask integrate { after g  duration 5d }\n",
    );
    let other = plan.with_file_name("platform.prog");
    std::fs::write(&other, platform).unwrap();
    let preview = start(&[], &plan, Stdio::null());
    assert!(get(preview.port, "/").3.contains("<dt>Finish</dt><dd>2027-01-22"));
    let events = events(preview.port);
    std::fs::write(&other, platform.replace("10d", "15d")).unwrap();
    let page = next_event(&events).unwrap();
    assert!(
        page.contains("<dt>Finish</dt><dd>2027-01-29"),
        "the new forecast is pushed"
    );
}
