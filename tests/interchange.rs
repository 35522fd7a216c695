//! End-to-end tests of `prog export` and `prog import`, with real readers:
//! MPXJ (the library MS Project importers are built on, from the `mpxj`
//! package on PyPI, run on Java) reads every exported example, and Python's
//! `icalendar` parses the calendar export. When a reader is missing the test
//! says so and passes, unless PROG_REQUIRE_READERS=1 (as `.ci/run` sets it).

mod run;

use std::path::{Path, PathBuf};
use std::process::Command;

use prog_db::Database;
use prog_plan::{DepKind, TaskKind};
use run::{code, json_task, prog, root, stderr, stdout, temp_file};

const EXAMPLES: [&str; 4] = [
    "examples/feature_rollout.prog",
    "examples/db_migration.prog",
    "examples/okrs_q2.prog",
    "tests/fixtures/contract.prog",
];

/// A reader is missing: fail under PROG_REQUIRE_READERS=1, else say why
/// the test checks nothing.
fn missing(what: &str) {
    if std::env::var("PROG_REQUIRE_READERS").is_ok_and(|v| v == "1") {
        panic!("{what} is missing, and PROG_REQUIRE_READERS=1");
    }
    println!("SKIPPED: {what} is missing (install it, or run .ci/run)");
}

fn python(code: &str, args: &[&str]) -> Option<std::process::Output> {
    Command::new("python3")
        .arg("-c")
        .arg(code)
        .args(args)
        .output()
        .ok()
}

/// The folder of MPXJ's jars, when the `mpxj` package and a Java compiler
/// (for the single-file reader) are installed.
fn mpxj_jars() -> Option<PathBuf> {
    let found = python(
        "import importlib.util, os; s = importlib.util.find_spec('mpxj'); \
         print(os.path.join(s.submodule_search_locations[0], 'lib'))",
        &[],
    )?;
    let javac = Command::new("javac").arg("-version").output().ok()?;
    if !found.status.success() || !javac.status.success() {
        return None;
    }
    Some(PathBuf::from(String::from_utf8(found.stdout).ok()?.trim()))
}

fn mpxj_read(jars: &Path, file: &Path) -> Vec<Vec<String>> {
    let out = Command::new("java")
        .arg("-cp")
        .arg(format!("{}/*", jars.display()))
        .arg(root().join("tests/interchange/MpxjRead.java"))
        .arg(file)
        .output()
        .expect("java runs");
    assert!(
        out.status.success(),
        "MPXJ failed on {}: {}",
        file.display(),
        stderr(&out)
    );
    stdout(&out)
        .lines()
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

/// `2027-03-01T08:00` to its date.
fn day(at: &str) -> &str {
    at.split('T').next().unwrap_or(at)
}

/// `prog export EXAMPLE --format mspdi` into a file of its own.
fn export_mspdi(example: &str) -> PathBuf {
    let xml = temp_file(&format!("{}.xml", example.replace('/', "_")), "");
    let out = prog(&[
        "export",
        example,
        "--format",
        "mspdi",
        "-o",
        xml.to_str().unwrap(),
    ]);
    assert_eq!(code(&out), 0, "{example}: {}", stderr(&out));
    xml
}

#[test]
fn mpxj_reads_every_exported_example_as_prog_schedules_it() {
    let Some(jars) = mpxj_jars() else {
        return missing("MPXJ (pip install mpxj) or a Java compiler");
    };
    for example in EXAMPLES {
        let xml = export_mspdi(example);
        let lines = mpxj_read(&jars, &xml);
        let rows = |kind: &str| -> Vec<&Vec<String>> { lines.iter().filter(|l| l[0] == kind).collect() };

        let mut db = Database::default();
        let project = prog_db::load_plan(&mut db, &root().join(example)).unwrap();
        let plan = &prog_db::resolved(&db, project).plan;
        let schedule = prog_db::schedule(&db, project);
        let cal = prog_db::work_calendar(&db, project);

        let tasks = rows("task");
        assert_eq!(tasks.len(), plan.tasks.len(), "{example}: task count");
        for (index, (task, row)) in plan.tasks.iter().zip(&tasks).enumerate() {
            let times = schedule.tasks[index];
            let depth = std::iter::successors(task.parent, |p| plan.task(*p).parent).count() + 1;
            let (start, finish) = cal.span_dates(times.es, times.ef);
            let what = format!("{example}: task {} ({})", task.id, row[9]);
            assert_eq!(row[1], (index + 1).to_string(), "{what}: ID");
            assert_eq!(row[3], depth.to_string(), "{what}: outline level");
            assert_eq!(
                row[4],
                (task.kind == TaskKind::Group).to_string(),
                "{what}: summary"
            );
            assert_eq!(
                row[5],
                (task.kind == TaskKind::Milestone).to_string(),
                "{what}: milestone"
            );
            assert_eq!(day(&row[6]), start.to_string(), "{what}: start");
            assert_eq!(day(&row[7]), finish.to_string(), "{what}: finish");
            // A task's own working time (its span may be longer, around
            // its people's leave); a group's span.
            let duration = match task.kind {
                TaskKind::Group => times.ef - times.es,
                _ => task.duration(),
            };
            assert_eq!(
                row[8].parse::<f64>().unwrap(),
                duration.0 as f64,
                "{what}: duration hours"
            );
            assert_eq!(row[9], task.title.as_deref().unwrap_or(&task.id), "{what}: name");
            let links: Vec<(String, String, f64)> = rows("link")
                .iter()
                .filter(|l| l[1] == row[1])
                .map(|l| (l[2].clone(), l[3].clone(), l[4].parse().unwrap()))
                .collect();
            let expected: Vec<(String, String, f64)> = task
                .deps
                .iter()
                .map(|d| {
                    let kind = match d.kind {
                        DepKind::FinishToStart => "FS",
                        DepKind::StartToStart => "SS",
                        DepKind::FinishToFinish => "FF",
                    };
                    ((d.on.index() + 1).to_string(), kind.to_string(), d.lag.0 as f64)
                })
                .collect();
            assert_eq!(links, expected, "{what}: links (predecessor ID, type, lag hours)");
        }

        let resources = rows("resource");
        assert_eq!(resources.len(), plan.resources.len(), "{example}: resources");
        for (r, row) in plan.resources.iter().zip(&resources) {
            assert_eq!(
                row[2].parse::<f64>().unwrap(),
                f64::from(r.capacity),
                "{example}: {} max units",
                r.id
            );
            // MPXJ shows the rate per day, as the file's StandardRateFormat says.
            let rate = r
                .rate
                .map_or("null".to_string(), |m| format!("{:.1}", m.as_units()));
            assert_eq!(row[3], rate, "{example}: {} rate", r.id);
            assert_eq!(
                row[4],
                r.title.as_deref().unwrap_or(&r.id),
                "{example}: {} name",
                r.id
            );
        }

        let assignments: Vec<(String, String, f64)> = rows("assignment")
            .iter()
            .map(|l| (l[1].clone(), l[2].clone(), l[3].parse().unwrap()))
            .collect();
        let expected: Vec<(String, String, f64)> = plan
            .tasks
            .iter()
            .enumerate()
            .flat_map(|(i, t)| {
                t.assignments.iter().map(move |a| {
                    (
                        (i + 1).to_string(),
                        (a.resource.index() + 1).to_string(),
                        f64::from(a.units),
                    )
                })
            })
            .collect();
        assert_eq!(
            assignments, expected,
            "{example}: assignments (task ID, resource UID, units %)"
        );
    }
}

/// Each task's start, finish and criticality, and the critical path as
/// indexes: what a round trip must keep (ids change: they are made from
/// the titles).
fn schedule_of(plan: &Path) -> (Vec<(String, String, bool)>, Vec<usize>) {
    let out = prog(&["schedule", "--format", "json", plan.to_str().unwrap()]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("schedule JSON");
    let tasks = doc["tasks"].as_array().unwrap();
    let rows = tasks
        .iter()
        .map(|t| {
            (
                t["start"].as_str().unwrap().to_string(),
                t["finish"].as_str().unwrap().to_string(),
                t["critical"].as_bool().unwrap(),
            )
        })
        .collect();
    let path = doc["critical_path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| tasks.iter().position(|t| t["id"] == *id).unwrap())
        .collect();
    (rows, path)
}

#[test]
fn export_then_import_keeps_every_schedule() {
    for example in EXAMPLES {
        let xml = export_mspdi(example);
        let back = temp_file(&format!("{}.prog", example.replace('/', "_")), "");
        let out = prog(&["import", xml.to_str().unwrap(), "-o", back.to_str().unwrap()]);
        assert_eq!(code(&out), 0, "{example}: {}", stderr(&out));
        let check = prog(&["check", back.to_str().unwrap()]);
        assert_eq!(code(&check), 0, "{example} imported back: {}", stderr(&check));
        assert_eq!(
            schedule_of(&root().join(example)),
            schedule_of(&back),
            "{example}"
        );
    }
}

const FIXTURE: &str = "tests/fixtures/mspdi/full.xml";

#[test]
fn the_fixture_imports_into_the_expected_plan_and_says_what_it_lost() {
    let out = prog(&["import", FIXTURE]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let expected = std::fs::read_to_string(root().join("tests/fixtures/mspdi/full.prog")).unwrap();
    assert_eq!(stdout(&out), expected, "checked by hand against full.xml");
    let lost = stderr(&out);
    for line in [
        "1 × working exceptions (extra working time) in calendars: Standard",
        "1 × material resources: Servers",
        "1 × cost resources: Travel",
        "1 × overtime rates: Web team",
        "1 × fixed costs on summary tasks: Design",
        "1 × custom fields: Visual design",
        "1 × manually scheduled tasks (imported as automatically scheduled): Front end",
        "1 × constraints Prog has no equivalent for (as late as possible, start no later than, finish no earlier than): Front end",
        "1 × elapsed durations (imported as working time): Back end",
        "1 × percent lags (converted to working time of the predecessor): Back end",
        "1 × start-to-finish links (Prog has none; not imported): Front end → Back end",
        "1 × baseline dates (written beside the plan with -o only): Website relaunch & \"checkout\"",
    ] {
        assert!(
            lost.contains(&format!("prog import: not kept: {line}\n")),
            "{line} in\n{lost}"
        );
    }
    // The same file gives the same text.
    assert_eq!(stdout(&prog(&["import", FIXTURE])), expected);
    // The imported plan checks without errors and is in `prog fmt` layout.
    let plan = temp_file("full.prog", &expected);
    assert_eq!(code(&prog(&["check", plan.to_str().unwrap()])), 0);
    assert_eq!(code(&prog(&["fmt", "--check", plan.to_str().unwrap()])), 0);
}

#[test]
fn baseline_0_is_written_beside_the_plan() {
    // A folder of its own, which temp_file makes.
    let plan = temp_file("relaunch.prog", "");
    let out = prog(&["import", FIXTURE, "-o", plan.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = std::fs::read_to_string(&plan).unwrap();
    assert!(text.contains("  baseline \"relaunch.baseline.json\"\n"), "{text}");
    // The plan checks clean: its baseline file is there and readable (no P117).
    let check = prog(&["check", plan.to_str().unwrap()]);
    assert_eq!(code(&check), 0, "{}", stderr(&check));
    let json = std::fs::read_to_string(plan.with_file_name("relaunch.baseline.json")).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let task = |id: &str| json_task(&doc, id).clone();
    // Brief: Mon 4th 08:00 to Tue 5th 17:00, working days 0 to 2.
    let brief = task("brief");
    assert_eq!(
        (brief["es"].as_f64(), brief["ef"].as_f64()),
        (Some(0.0), Some(2.0))
    );
    // Visual design: Thu 7th 13:00 (day 3, after 4 of its 8 hours) to Thu
    // 14th 12:00 (day 8, 4 hours in): 3.5 to 8.5, 5 days.
    let visual = task("visual_design");
    assert_eq!(
        (visual["es"].as_f64(), visual["ef"].as_f64()),
        (Some(3.5), Some(8.5))
    );
    assert_eq!(visual["start"], "2027-01-07");
    assert_eq!(visual["finish"], "2027-01-14");
    assert_eq!(visual["duration_days"].as_f64(), Some(5.0));
}

#[test]
fn import_export_import_gives_the_same_plan() {
    let first = stdout(&prog(&["import", FIXTURE]));
    let plan = temp_file("again.prog", &first);
    let xml = export_mspdi(plan.to_str().unwrap());
    // The keys went back as MS Project's unique ids.
    let text = std::fs::read_to_string(&xml).unwrap();
    assert!(
        text.contains("<UID>23</UID><ID>9</ID><Name>Launch</Name>"),
        "{text}"
    );
    // The notes went back as MSPDI notes, from the comments above each item.
    assert!(text.contains("<Notes>Part time.</Notes>"), "{text}");
    let second = stdout(&prog(&["import", xml.to_str().unwrap()]));
    // The same text, comments included.
    assert_eq!(first, second);
    // MS Project's importers read the notes too.
    let Some(jars) = mpxj_jars() else {
        return missing("MPXJ (pip install mpxj) or a Java compiler");
    };
    let rows = mpxj_read(&jars, &xml);
    let notes: Vec<&[String]> = rows.iter().filter(|r| r[0] == "notes").map(|r| &r[1..]).collect();
    assert_eq!(
        notes,
        [
            [
                "task",
                "11",
                "Agreed with \"marketing\".\\n} task injected { duration 1d }"
            ],
            ["resource", "1", "Part time."],
        ],
        "{rows:?}"
    );
}

#[test]
fn hostile_names_and_notes_stay_inside_strings_and_comments() {
    let xml = r#"<Project xmlns="http://schemas.microsoft.com/project"><StartDate>2027-01-04T08:00:00</StartDate>
<Tasks><Task><UID>1</UID><ID>1</ID><OutlineLevel>1</OutlineLevel><Name>a" } task evil "x</Name>
<Duration>PT8H0M0S</Duration><Notes>line one&#13;} task evil2 { duration 1d }&#10;program p { start 2027-01-01 }</Notes></Task>
<Task><UID>2</UID><ID>2</ID><OutlineLevel>1</OutlineLevel><Name>task</Name><Duration>PT8H0M0S</Duration></Task></Tasks></Project>"#;
    let file = temp_file("hostile.xml", xml);
    let out = prog(&["import", file.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let plan = temp_file("hostile.prog", stdout(&out));
    let check = prog(&["check", plan.to_str().unwrap()]);
    assert_eq!(code(&check), 0, "{}\n{}", stdout(&out), stderr(&check));
    let (rows, _) = schedule_of(&plan);
    assert_eq!(rows.len(), 2, "two tasks, nothing injected:\n{}", stdout(&out));
    let text = stdout(&out);
    assert!(
        text.contains(r#"task a_task_evil_x "a\" } task evil \"x" {"#),
        "{text}"
    );
    assert!(
        text.contains("task task_ \"task\" {"),
        "a keyword is no id: {text}"
    );
    // Exported and imported again, the names and notes are the same text
    // (the export adds the title and calendar the file lacked).
    let xml = export_mspdi(plan.to_str().unwrap());
    let items = &text[text.find("# line one").unwrap()..];
    let again = stdout(&prog(&["import", xml.to_str().unwrap()]));
    assert!(again.ends_with(items), "{again}");
}

#[test]
fn malformed_and_entity_laden_files_are_refused_at_a_location() {
    let cases = [
        (
            "laughs.xml",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n <!ENTITY lol2 \"&lol;&lol;&lol;\">\n]>\n<Project><Name>&lol2;</Name></Project>",
            ":2:1: error: the file declares entities",
        ),
        (
            "external.xml",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE p SYSTEM \"file:///etc/passwd\">\n<Project/>",
            ":2:1: error: the file declares entities",
        ),
        (
            "undefined.xml",
            "<Project>\n  <Name>&secret;</Name>\n</Project>",
            ":2:9: error: `&secret;` is an entity MSPDI does not define",
        ),
        (
            "broken.xml",
            "<Project>\n  <Tasks>\n    <Task></Tusk>\n</Project>",
            ":3:11: error: not well-formed XML",
        ),
        (
            "other.xml",
            "<html></html>",
            ":1:1: error: `<html>` is not an MS Project XML file",
        ),
        ("empty.xml", "", ":1:1: error: the file is empty"),
    ];
    for (name, text, expected) in cases {
        let file = temp_file(name, text);
        let out = prog(&["import", file.to_str().unwrap()]);
        assert_eq!(code(&out), 1, "{name}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{name}");
        assert!(stderr(&out).contains(expected), "{name}: {}", stderr(&out));
    }
}

fn ics_events(file: &Path) -> Option<Vec<Vec<String>>> {
    let script = root().join("tests/interchange/ics_read.py");
    let out = Command::new("python3").arg(script).arg(file).output().ok()?;
    if !out.status.success() {
        assert!(
            stderr(&out).contains("No module named 'icalendar'"),
            "the icalendar parser failed: {}",
            stderr(&out)
        );
        return None;
    }
    Some(
        stdout(&out)
            .lines()
            .map(|l| l.split('\t').map(str::to_string).collect())
            .collect(),
    )
}

#[test]
fn icalendar_export_parses_with_stable_uids_and_rising_sequences() {
    // Mon 2027-01-04; a: days 0-1 (Mon-Tue); the milestone after it falls
    // on Tue 5th; b (bob's) runs Wed 6th to Fri 8th; the deadline is Fri 15th.
    let plan = "program p \"Plan\" { start 2027-01-04 }
person bob { }
task a { duration 2d }
milestone m \"Go, live; now\\nfor real\" { after a  deadline 2027-01-15 }
task b \"Bob's work\" { duration 3d  owner bob  after a }
";
    let path = temp_file("cal.prog", plan);
    let ics = temp_file("cal.ics", "");
    let export = || {
        prog(&[
            "export",
            path.to_str().unwrap(),
            "--format",
            "ics",
            "--owner",
            "bob",
            "-o",
            ics.to_str().unwrap(),
        ])
    };
    let out = export();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = std::fs::read_to_string(&ics).unwrap();
    assert!(text.lines().all(|l| l.len() <= 76), "folded at 75 octets plus CR");
    assert!(
        text.contains("SUMMARY:Go\\, live\\; now\\nfor real\r\n"),
        "{text}"
    );
    let Some(events) = ics_events(&ics) else {
        return missing("the icalendar package (pip install icalendar)");
    };
    let summary: Vec<[&str; 5]> = events
        .iter()
        .map(|e| {
            [
                e[0].as_str(),
                e[1].as_str(),
                e[2].as_str(),
                e[3].as_str(),
                e[4].as_str(),
            ]
        })
        .collect();
    assert_eq!(
        summary,
        [
            ["m@p", "2027-01-05", "2027-01-06", "0", "Go, live; now\\nfor real"],
            [
                "m-deadline@p",
                "2027-01-15",
                "2027-01-16",
                "0",
                "Deadline: Go, live; now\\nfor real"
            ],
            ["b@p", "2027-01-06", "2027-01-09", "0", "Bob's work"],
        ]
    );
    // Exported again unchanged: the same sequence. After the milestone
    // moves (a takes a day more), its sequence rises and b's too; the
    // deadline did not move.
    export();
    assert!(ics_events(&ics).unwrap().iter().all(|e| e[3] == "0"));
    std::fs::write(&path, plan.replace("duration 2d", "duration 3d")).unwrap();
    export();
    let sequences: Vec<(String, String)> = ics_events(&ics)
        .unwrap()
        .iter()
        .map(|e| (e[0].clone(), e[3].clone()))
        .collect();
    assert_eq!(
        sequences,
        [
            ("m@p".into(), "1".into()),
            ("m-deadline@p".into(), "0".into()),
            ("b@p".into(), "1".into())
        ]
    );
}
