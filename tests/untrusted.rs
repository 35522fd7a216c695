//! A plan from someone else's repository, run through the real
//! binary as an attacker would write it. Its text must not inject anything
//! into Markdown, CSV or a terminal, and what it names must not hang the
//! tools, exhaust memory or leak what it reads.

mod lsp_client;
mod run;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use run::{code, prog, stderr, stdout, temp_file};

/// How long a command may take before it is taken for hung.
const HANG: Duration = Duration::from_secs(20);

/// Runs `prog` with its address space capped at `megabytes` (a read of
/// `/dev/zero` dies under it instead of taking the machine) and killed
/// after [`HANG`] (a read of a FIFO), which fails the test.
fn prog_capped(args: &[&str], megabytes: u64) -> Output {
    let child = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {} && exec \"$0\" \"$@\"", megabytes * 1024))
        .arg(env!("CARGO_BIN_EXE_prog"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let id = child.id();
    let deadline = Instant::now() + HANG;
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || sender.send(child.wait_with_output()));
    loop {
        if let Ok(out) = receiver.try_recv() {
            return out.unwrap();
        }
        if Instant::now() > deadline {
            let _ = Command::new("kill").arg("-9").arg(id.to_string()).status();
            panic!("prog {args:?} hung for {HANG:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A folder of its own for `test`.
fn folder(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("prog-untrusted-{test}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A folder of its own for `test`, with a FIFO `name` in it.
fn with_fifo(test: &str, name: &str) -> PathBuf {
    let dir = folder(test);
    let fifo = dir.join(name);
    let _ = std::fs::remove_file(&fifo);
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

const PROGRAM: &str = "program p { start 2027-01-04 }\ntask t { effort 1d }\n";

/// The currency of a budget goes into the diff's table escaped,
/// in Markdown and on a terminal.
#[test]
fn a_currency_cannot_inject_markdown_or_terminal_sequences() {
    let plan = |currency: &str| {
        format!(
            "program p \"P\" {{ start 2027-01-04  currency \"{currency}\" }}\n\
             person al {{ rate 100/d }}\ntask t {{ effort 2d  owner al }}\n"
        )
    };
    let old = temp_file("currency-old.prog", plan("EUR"));
    let evil = r#"EUR | x | <img src=x> [link](http://evil/) <!-- \n\n## Injected heading\n\n[Approve](https://evil.example/phish)"#;
    let new = temp_file("currency-new.prog", plan(&format!("{evil} \u{1b}]0;pwned\u{7}")));
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
    let out = prog(&["diff", "--format", "md", old, new]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let md = stdout(&out);
    let row = md.lines().find(|l| l.starts_with("| budget (BAC)")).expect(&md);
    // Still four cells: every `|` of the currency is escaped.
    assert_eq!(row.matches(" | ").count(), 3, "{row}");
    for injected in ["<img", "<!--", "[link]", "https://", "\n## Injected", "\u{1b}"] {
        assert!(!md.contains(injected), "{injected:?} in {md}");
    }
    assert!(
        !md.lines().any(|l| l.starts_with('#') && l.contains("Injected")),
        "{md}"
    );

    let out = prog(&["diff", old, new]);
    let text = stdout(&out);
    assert!(text.contains("→ EUR | x | <img"), "{text}");
    assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'), "{text:?}");
}

/// Mentions and autolinks in titles notify nobody and link nowhere
/// when the status is posted, the `# Status:` heading included.
#[test]
fn mentions_and_autolinks_are_neutralised_in_markdown() {
    let plan = temp_file(
        "mentions.prog",
        "program p \"Ship @everyone https://evil.example www.evil.example\" { start 2027-01-04 }\n\
         milestone m \"Ping @org/team\" { }\n",
    );
    let out = prog(&["status", plan.to_str().unwrap()]);
    let md = stdout(&out);
    let heading = md.lines().next().unwrap();
    // Reads "Ship @everyone …" with the joiners taken out.
    assert!(
        heading
            .replace('\u{200D}', "")
            .starts_with("# Status: Ship @everyone"),
        "{heading}"
    );
    for live in ["@everyone", "@org/team", "https://", "www.evil"] {
        assert!(!md.contains(live), "{live} in {md}");
    }
    let out = prog(&["report", "--format", "md", plan.to_str().unwrap()]);
    assert!(!stdout(&out).contains("@everyone"), "{}", stdout(&out));
}

/// An import of `/proc/self/environ` is refused by its name, and
/// nothing of the environment reaches the diagnostic.
#[test]
fn an_import_of_the_process_environment_leaks_nothing() {
    let plan = temp_file(
        "environ.prog",
        format!("import \"/proc/self/environ\"\n{PROGRAM}"),
    );
    let out = Command::new(env!("CARGO_BIN_EXE_prog"))
        .args(["check", plan.to_str().unwrap()])
        .env("PROG_TEST_SECRET", "hunter2-secret")
        .output()
        .unwrap();
    let err = stderr(&out);
    assert!(!err.contains("hunter2-secret"), "{err}");
    assert!(
        err.contains("error[P113]: cannot import `/proc/self/environ`: not a .prog file"),
        "{err}"
    );
}

/// `/dev/zero` as an import or a baseline (renamed to pass the
/// extension rule through a symbolic link too) is refused without reading
/// it, under a memory cap it would blow.
#[test]
fn imports_and_baselines_of_dev_zero_are_refused_within_a_memory_cap() {
    let dir = folder("zero");
    for (name, target) in [("zero.prog", "/dev/zero"), ("zero.json", "/dev/zero")] {
        let _ = std::fs::remove_file(dir.join(name));
        std::os::unix::fs::symlink(target, dir.join(name)).unwrap();
    }
    let cases = [
        ("import \"/dev/zero\"\n", "P113", "not a .prog file"),
        (
            "import \"zero.prog\"\n",
            "P113",
            "not a regular file but a device",
        ),
    ];
    for (import, code_, why) in cases {
        let plan = write(&dir, "plan.prog", &format!("{import}{PROGRAM}"));
        let out = prog_capped(&["check", &plan], 1024);
        let err = stderr(&out);
        assert!(
            err.contains(&format!("error[{code_}]")) && err.contains(why),
            "{err}"
        );
    }
    for (baseline, why) in [
        ("/dev/zero", "not a .json file"),
        ("zero.json", "not a regular file but a device"),
    ] {
        let plan = write(
            &dir,
            "plan.prog",
            &format!("program p {{ start 2027-01-04  baseline \"{baseline}\" }}\ntask t {{ effort 1d }}\n"),
        );
        let out = prog_capped(&["check", &plan], 1024);
        let err = stderr(&out);
        assert!(err.contains("error[P117]") && err.contains(why), "{err}");
    }
}

/// A FIFO as an import or a baseline, in `prog check FILE` and
/// `prog check DIR`, is refused instead of waited on.
#[test]
fn fifos_are_refused_not_waited_on() {
    let dir = with_fifo("fifo", "pipe.prog");
    let _ = std::fs::remove_file(dir.join("pipe.json"));
    Command::new("mkfifo")
        .arg(dir.join("pipe.json"))
        .status()
        .unwrap();
    let plan = write(
        &dir,
        "plan.prog",
        "import \"pipe.prog\"\nprogram p { start 2027-01-04  baseline \"pipe.json\" }\ntask t { effort 1d }\n",
    );
    for target in [plan.as_str(), dir.to_str().unwrap()] {
        let out = prog_capped(&["check", target], 1024);
        let err = stderr(&out);
        assert!(
            err.contains("cannot import `pipe.prog`: not a regular file but a FIFO"),
            "{target}: {err}"
        );
        assert!(
            err.contains("cannot read") && err.contains("pipe.json: not a regular file but a FIFO"),
            "{err}"
        );
    }
    // Found in a folder, the FIFO itself is left out, not read as a plan.
    let out = prog_capped(&["check", dir.to_str().unwrap()], 1024);
    assert!(
        stderr(&out).contains("pipe.prog left out: not a regular file"),
        "{}",
        stderr(&out)
    );
}

/// A file over the size limit is refused by its size, unread.
#[test]
fn a_file_over_the_size_limit_is_refused() {
    let dir = folder("big");
    let big = std::fs::File::create(dir.join("big.prog")).unwrap();
    big.set_len(33 * 1024 * 1024).unwrap(); // sparse: no disk used
    let plan = write(&dir, "plan.prog", &format!("import \"big.prog\"\n{PROGRAM}"));
    let out = prog_capped(&["check", &plan], 1024);
    let err = stderr(&out);
    assert!(
        err.contains("cannot import `big.prog`: larger than the 32 MiB limit"),
        "{err}"
    );
}

/// In the server: a plan importing a FIFO and `/dev/zero` gets its
/// diagnostics, and the server still answers, `shutdown` included.
#[test]
fn the_server_refuses_fifos_and_devices_and_keeps_answering() {
    let dir = with_fifo("lsp-fifo", "pipe.prog");
    let (_, uri) = lsp_client::temp_file("untrusted-fifo", "plan.prog", "");
    let plan_dir = Path::new(uri.strip_prefix("file://").unwrap())
        .parent()
        .unwrap()
        .to_path_buf();
    let fifo = dir.join("pipe.prog").display().to_string();
    let text = format!("import \"{fifo}\"\nimport \"/dev/zero\"\n{PROGRAM}");
    std::fs::write(plan_dir.join("plan.prog"), &text).unwrap();
    let (mut client, _) = lsp_client::Client::initialized(serde_json::json!({}));
    client.open(&uri, &text);
    let diagnostics = client.diagnostics(&uri, 1);
    let messages: Vec<&str> = diagnostics.iter().filter_map(|d| d["message"].as_str()).collect();
    assert!(
        messages.contains(&format!("cannot import `{fifo}`: not a regular file but a FIFO").as_str()),
        "{messages:?}"
    );
    assert!(
        messages.contains(&"cannot import `/dev/zero`: not a .prog file"),
        "{messages:?}"
    );
    assert!(client.alive());
    client.stop();
}

/// `prog fmt DIR` does not write through a symbolic link out of
/// DIR, and a link named `*.prog` to a folder does not end the run.
#[test]
fn fmt_does_not_write_through_symbolic_links_out_of_the_folder() {
    let root = folder("fmt");
    let (tree, elsewhere) = (root.join("tree"), root.join("elsewhere"));
    std::fs::create_dir_all(&tree).unwrap();
    std::fs::create_dir_all(&elsewhere).unwrap();
    let unformatted = "task   v {effort 1d}\n";
    let victim = write(&elsewhere, "victim.prog", unformatted);
    write(&tree, "own.prog", unformatted);
    for (link, target) in [
        ("link.prog", Path::new(&victim)),
        ("folder.prog", elsewhere.as_path()),
    ] {
        let _ = std::fs::remove_file(tree.join(link));
        std::os::unix::fs::symlink(target, tree.join(link)).unwrap();
    }
    let out = prog(&["fmt", tree.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), unformatted);
    assert_ne!(
        std::fs::read_to_string(tree.join("own.prog")).unwrap(),
        unformatted
    );
    let err = stderr(&out);
    assert!(
        err.contains("link.prog left out: a symbolic link out of the folder"),
        "{err}"
    );
    assert!(err.contains("folder.prog left out"), "{err}");
}

/// Control sequences in titles and in the text a diagnostic quotes
/// never reach the terminal.
#[test]
fn control_sequences_never_reach_the_terminal() {
    let plan = temp_file(
        "controls.prog",
        "program p \"T\u{1b}]0;pwned\u{7}\" { start 2027-01-04 }\n\
         task t \"A\u{1b}[2J\u{1b}[31mred\u{9b}\" { duration 1d }\n\
         task u { after nope\u{1b}[1A }\n",
    );
    let plan = plan.to_str().unwrap();
    for command in ["schedule", "check", "forecast"] {
        let out = prog(&[command, plan]);
        for (stream, text) in [("stdout", stdout(&out)), ("stderr", stderr(&out))] {
            assert!(
                !text.contains(['\u{1b}', '\u{7}', '\u{9b}']),
                "{command} {stream}: {text:?}"
            );
        }
    }
    let out = prog(&["schedule", plan]);
    assert!(stdout(&out).contains("A [2J [31mred"), "{}", stdout(&out));
    let out = prog(&["check", plan]);
    assert!(
        stderr(&out).contains("task u { after nope [1A }"),
        "{}",
        stderr(&out)
    );
}

/// A title that is a formula after leading whitespace is text in
/// the CSV.
#[test]
fn csv_cells_are_never_formulas_even_after_whitespace() {
    let plan = temp_file(
        "csv.prog",
        "program p { start 2027-01-04 }\n\
         task a \" =HYPERLINK(1)\" { duration 1d }\n\
         task b \"\\n@SUM(A1)\" { duration 1d }\n\
         task c \"Build - phase 2\" { duration 1d }\n",
    );
    let out = prog(&["report", "--format", "csv", plan.to_str().unwrap()]);
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let titles: Vec<String> = reader.records().map(|r| r.unwrap()[1].to_string()).collect();
    assert_eq!(titles, ["' =HYPERLINK(1)", "'\n@SUM(A1)", "Build - phase 2"]);
}

/// A document over the 32 MiB limit of a plan, given to the server
/// (which reads no file for it), is refused with one diagnostic instead of
/// being parsed (48 MB of `after a, a, …` used to abort the server).
#[test]
fn the_server_refuses_a_document_over_the_size_limit_with_one_diagnostic() {
    let (_, uri) = lsp_client::temp_file("untrusted-huge", "plan.prog", "");
    let text = format!("after {}", "a, ".repeat(11 << 20));
    assert!(text.len() > 32 << 20);
    let (mut client, _) = lsp_client::Client::initialized(serde_json::json!({}));
    client.open(&uri, &text);
    let diagnostics = client.diagnostics(&uri, 1);
    assert_eq!(lsp_client::codes(&diagnostics), ["P001"], "{diagnostics:#?}");
    let message = diagnostics[0]["message"].as_str().unwrap();
    assert!(message.contains("over the 32 MiB limit of a plan"), "{message}");
    let symbols = client.request(
        "textDocument/documentSymbol",
        serde_json::json!({ "textDocument": { "uri": uri } }),
    );
    assert!(symbols.as_array().is_none_or(|s| s.is_empty()), "{symbols}");
    assert!(client.alive());
    client.stop();
}

/// A plan with an error per token, and one with an unknown id per
/// task. The first 500 of each error are reported and the rest counted in
/// one more, in bounded time and memory. (Before: 150,000 references took
/// 18 s, quadratic in printing each on its 450 KB line, and 20,000 tasks
/// each after a missing id compared every name with every other to
/// suggest a spelling.) A body reads 10,000 list entries; the rest of the
/// 150,000 is one syntax error.
#[test]
fn an_error_per_token_is_reported_once_per_kind_and_counted() {
    let dir = folder("per-token");
    let refs: Vec<String> = (0..150_000).map(|i| format!("a{i}")).collect();
    let plan = write(
        &dir,
        "refs.prog",
        &format!("{PROGRAM}task u {{ after {} }}\n", refs.join(", ")),
    );
    let out = prog_capped(&["check", &plan], 1024);
    let err = stderr(&out);
    assert_eq!(code(&out), 1);
    assert_eq!(
        err.matches("error[P101]").count(),
        501,
        "{}",
        &err[err.len().saturating_sub(2000)..]
    );
    assert!(
        err.contains("error[P101]: 9500 more P101 here and after, not shown"),
        "{}",
        &err[err.len() - 2000..]
    );
    assert_eq!(
        err.matches("error[P001]: this body goes on past 10000 statements and list entries")
            .count(),
        1
    );
    let tasks: String = (0..20_000)
        .map(|i| format!("task t{i} {{ effort 1d  after missing{i} }}\n"))
        .collect();
    let plan = write(
        &dir,
        "tasks.prog",
        &format!("program p {{ start 2027-01-04 }}\n{tasks}"),
    );
    let out = prog_capped(&["check", &plan], 1024);
    let err = stderr(&out);
    assert_eq!(err.matches("error[P101]").count(), 501);
    assert!(err.contains("19500 more P101"), "{}", &err[err.len() - 2000..]);
}

/// From git: a plan at a past revision is read by the same rules
/// as one on disk. Its import of a file that is not a plan, or of a 33 MiB
/// plan, is refused by git's own answer on the object's kind and size,
/// before the blob is read.
#[test]
fn revisions_read_from_git_follow_the_same_rules() {
    let dir = folder("git");
    let run_git = |args: &[&str]| {
        let out = Command::new("git")
            .arg("-C")
            .arg(&dir)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run_git(&["init", "-q"]);
    write(&dir, "secret.txt", "TOKEN=hunter2\n");
    std::fs::File::create(dir.join("big.prog"))
        .unwrap()
        .set_len(33 * 1024 * 1024)
        .unwrap();
    let plan = write(
        &dir,
        "plan.prog",
        &format!("import \"secret.txt\"\nimport \"big.prog\"\n{PROGRAM}"),
    );
    run_git(&["add", "."]);
    run_git(&[
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@t",
        "commit",
        "-qm",
        "one",
    ]);
    let out = prog_capped(&["diff", "--git", "HEAD", &plan], 1024);
    let err = stderr(&out);
    assert!(err.contains("not a .prog file"), "{err}");
    assert!(err.contains("larger than the 32 MiB limit"), "{err}");
    assert!(
        !err.contains("hunter2") && !stdout(&out).contains("hunter2"),
        "{err}"
    );
}

/// For `prog import`: MS Project's XML is streamed, but opened by
/// the reader's rules: a FIFO named `*.xml` is refused, not waited on, and
/// a file that is not `.xml` is not read.
#[test]
fn an_import_reads_only_a_regular_xml_file() {
    let dir = with_fifo("import-fifo", "project.xml");
    let out = prog_capped(&["import", dir.join("project.xml").to_str().unwrap()], 1024);
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("not a regular file but a FIFO"),
        "{}",
        stderr(&out)
    );
    let secret = write(&dir, "secret.txt", "<Project>TOKEN=hunter2</Project>\n");
    let out = prog_capped(&["import", &secret], 1024);
    assert!(stderr(&out).contains("not a .xml file"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("hunter2") && !stdout(&out).contains("hunter2"));
}
