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
