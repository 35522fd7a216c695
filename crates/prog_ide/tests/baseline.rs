//! The editor against the program's baseline: variance hints, baseline
//! dates in hover, the lens over the program, and P117 for a baseline that
//! cannot be used. The baseline is taken of an older plan; every figure
//! below is worked out by hand from the two plans.

mod fixture;

use chrono::NaiveDate;
use fixture::Fixture;
use prog_db::{Database, Project};
use prog_ide::{InlayHintsConfig, code_lenses, hover, inlay_hints};
use prog_plan::baseline::{Baseline, Capture};

/// Mon 2027-01-04. a [0, 2], b [2, 5], c [0, 1]; ship at the end of day 5
/// (Fri 2027-01-08).
const THEN: &str = "program p { start 2027-01-04 }
task a { duration 2d }
task b { duration 3d  after a }
task c { duration 1d }
milestone ship { after b, c }
";

/// a shrank to 1d, b grew to 5d: a [0, 1] (finish −1d), b [1, 6] (start
/// −1d, finish +1d), c as it was, ship +1d; d is new.
const NOW: &str = "program p { start 2027-01-04  baseline \"base.json\" }
task a { duration 1d }
task b { duration 5d  after a }
task c { duration 1d }
task d { duration 1d }
milestone ship { after b, c }
";

fn baseline_json(plan: &str, name: Option<&str>) -> String {
    let db = Database::default();
    let project = Project::single_file(&db, "then.prog", plan);
    Baseline::capture(
        &prog_db::resolved(&db, project).plan,
        prog_db::schedule(&db, project),
        prog_db::work_calendar(&db, project),
        Capture {
            name,
            created: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            plan_hash: "test".to_string(),
            approval: None,
        },
    )
    .to_json()
}

fn fixture(now: &str, json: &str) -> Fixture {
    Fixture::new(&format!("//- plan.prog\n{now}//- base.json\n{json}"))
}

fn hints(f: &Fixture, config: InlayHintsConfig) -> Vec<String> {
    inlay_hints(&f.db, f.project, f.file, None, config)
        .into_iter()
        .map(|h| format!("{}@{}", h.label, &f.text(f.file)[..h.offset].lines().count()))
        .collect()
}

#[test]
fn hints_say_how_far_each_finish_moved() {
    let f = fixture(NOW, &baseline_json(THEN, None));
    assert_eq!(
        hints(&f, InlayHintsConfig::default()),
        [
            "critical@2",
            "\u{2212}1d@2",
            "critical@3",
            "+1d@3",
            // c did not move: no variance hint.
            "float 5d@4",
            "float 5d@5",
            "new@5",
            "critical@6",
            "+1d@6",
        ]
    );
    let only_baseline = InlayHintsConfig {
        float: false,
        baseline: true,
    };
    assert_eq!(
        hints(&f, only_baseline),
        ["\u{2212}1d@2", "+1d@3", "new@5", "+1d@6"]
    );
    let off = InlayHintsConfig {
        float: true,
        baseline: false,
    };
    assert!(!hints(&f, off).iter().any(|h| h.contains("1d@")));
}

#[test]
fn hover_shows_the_baseline_dates() {
    let json = baseline_json(THEN, Some("kickoff"));
    let at = |marker: &str| {
        let f = fixture(&NOW.replace(marker, &marker.replacen(' ', " $0", 1)), &json);
        hover(&f.db, f.project, f.position()).expect("a hover").markdown
    };
    // Then b ran Wed 6th to Fri 8th; now it starts a day earlier and ends a
    // day later.
    assert_eq!(
        at("task b"),
        "task `b`\n\n**2027-01-05** → **2027-01-11** (5d)\n\nes 1 · ef 6 · ls 1 · lf 6\n\n\
         total float 0d · free float 0d · **critical**\n\ndriven by `after a`\n\n\
         baseline `kickoff`: 2027-01-06 → 2027-01-08 · start \u{2212}1d · finish +1d"
    );
    assert_eq!(
        at("task d"),
        "task `d`\n\n**2027-01-04** → **2027-01-04** (1d)\n\nes 0 · ef 1 · ls 5 · lf 6\n\n\
         total float 5d · free float 5d · not critical\n\nstarts at the program start\n\n\
         baseline `kickoff`: not in it (added since 2026-12-01)"
    );
    // The program then finished Fri 8th, now Mon 11th: one working day.
    assert_eq!(
        at("program p"),
        "program `p`\n\nstart 2027-01-04 · finish 2027-01-11 · 6 working days\n\n\
         baseline `kickoff` of 2026-12-01: finish 2027-01-08 · now +1d"
    );
}

#[test]
fn a_lens_over_the_program_sums_up_the_variance() {
    let f = fixture(NOW, &baseline_json(THEN, None));
    let lenses = code_lenses(&f.db, f.project, f.file);
    let program = &lenses[0];
    assert_eq!(
        &f.text(f.file)[program.span.start()..program.span.end()],
        "program"
    );
    assert_eq!(
        program.title,
        "vs baseline: finish +1d, 1 milestone late, 1 task added"
    );

    // A plan with c removed and b back to 3d: on time, one task removed.
    let earlier = NOW
        .replace("task c { duration 1d }\n", "")
        .replace("after b, c", "after b")
        .replace("duration 5d", "duration 3d");
    let f = fixture(&earlier, &baseline_json(THEN, None));
    let lenses = code_lenses(&f.db, f.project, f.file);
    // a [0, 1], b [1, 4]: ship a day earlier.
    assert_eq!(
        lenses[0].title,
        "vs baseline: finish \u{2212}1d, 1 task added, 1 task removed"
    );
}

#[test]
fn no_baseline_no_lens_and_no_variance() {
    let f = Fixture::new(THEN);
    let lenses = code_lenses(&f.db, f.project, f.file);
    assert!(lenses.iter().all(|l| !l.title.contains("baseline")), "{lenses:?}");
    assert_eq!(hints(&f, InlayHintsConfig::default()).len(), 4);
}

#[test]
fn a_baseline_that_cannot_be_used_is_p117_at_its_path() {
    for (json, why) in [
        ("not json", "not a baseline file"),
        (
            "{\"format\": \"prog-baseline/9\"}",
            "`prog-baseline/9` is not supported",
        ),
    ] {
        let f = fixture(NOW, json);
        let diagnostics = prog_db::file_diagnostics(&f.db, f.project, f.file);
        let p117: Vec<_> = diagnostics.iter().filter(|d| d.code.as_str() == "P117").collect();
        assert_eq!(p117.len(), 1, "{diagnostics:?}");
        assert!(p117[0].message.contains(why), "{}", p117[0].message);
        let span = p117[0].location.span;
        assert_eq!(&f.text(f.file)[span.start()..span.end()], "\"base.json\"");
        // Everything else still works: float hints, no variance.
        assert_eq!(hints(&f, InlayHintsConfig::default()).len(), 5);
    }

    let f = Fixture::new(NOW);
    let diagnostics = prog_db::file_diagnostics(&f.db, f.project, f.file);
    assert!(
        diagnostics
            .iter()
            .any(|d| d.code.as_str() == "P117" && d.message.contains("no such readable file")),
        "{diagnostics:?}"
    );
}

/// The re-estimate, in money: the baseline budgeted `t` at 10 days
/// × 100 = USD 1,000; the plan now says 20 days, 25% done, USD 500 spent,
/// at the 5th working day. PV = 5/10 × 1,000 = 500, EV = 25% × 1,000 =
/// 250, AC 500: SPI 0.50, CPI 0.50. `n` (3 days × 100 = USD 300) was
/// added since: unbudgeted, in no figure of the program.
#[test]
fn hover_measures_against_the_baseline_budget_and_shows_unbudgeted_scope() {
    let then = "program p { start 2027-01-04  currency \"USD\" }
person a { rate 100/d }
task t { duration 10d  owner a }
";
    let now =
        "program p { start 2027-01-04  currency \"USD\"  status_date 2027-01-08  baseline \"base.json\" }
person a { rate 100/d }
task t { duration 20d  owner a  progress 25%  actual_cost 500 }
task n { duration 3d  owner a  after t }
";
    let json = baseline_json(then, None);
    let at = |marker: &str| {
        let f = fixture(&now.replace(marker, &marker.replacen(' ', " $0", 1)), &json);
        hover(&f.db, f.project, f.position()).expect("a hover").markdown
    };
    assert_eq!(
        at("task t"),
        "task `t`\n\n**2027-01-04** → **2027-01-29** (20d)\n\nes 0 · ef 20 · ls 0 · lf 20\n\n\
         total float 0d · free float 0d · **critical**\n\nstarted: its start is recorded\n\n\
         owner: `a`\n\nassigned: `a` 100%\n\n\
         status at 2027-01-08: **in progress**, 25% done\n\n\
         planned 2027-01-04 → 2027-01-29 · finish as planned\n\n\
         PV USD 500 · EV USD 250 · AC USD 500 · SPI 0.50 · CPI 0.50\n\n\
         the baseline: 2027-01-04 → 2027-01-15 · start 0d · finish +10d"
    );
    assert_eq!(
        at("task n"),
        "task `n`\n\n**2027-02-01** → **2027-02-03** (3d)\n\nes 20 · ef 23 · ls 20 · lf 23\n\n\
         total float 0d · free float 0d · **critical**\n\ndriven by `after t`\n\n\
         owner: `a`\n\nassigned: `a` 100%\n\n\
         status at 2027-01-08: **not started**\n\n\
         planned 2027-02-01 → 2027-02-03 · finish as planned\n\n\
         unbudgeted: not in the baseline · estimate USD 300\n\n\
         the baseline: not in it (added since 2026-12-01)"
    );
    // Earned schedule: EV 250 is reached on the baseline's day 2.5 of the 5
    // elapsed, SPI(t) 0.50; the finish moved from Fri 15th to Wed 3rd of
    // February, 13 working days.
    assert_eq!(
        at("program p"),
        "program `p`\n\nstart 2027-01-04 · finish 2027-02-03 · 23 working days\n\n\
         status at 2027-01-08: planned finish 2027-02-03 · forecast 2027-02-03\n\n\
         PV USD 500 · EV USD 250 · AC USD 500 · SPI 0.50 · CPI 0.50\n\n\
         unbudgeted scope: 1 task added since the baseline, estimate USD 300 (not in BAC)\n\n\
         SPI(t) 0.50 · earned schedule 2.5d of 5.0d elapsed\n\n\
         the baseline of 2026-12-01: finish 2027-01-15 · now +13d"
    );
}
