//! Portfolios of plans on disk, with loads worked out by hand.

use std::path::{Path, PathBuf};

use prog_db::Database;
use prog_portfolio::Portfolio;

/// Writes `files` (name, text) into a folder of their own.
fn folder(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("prog-portfolio-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (file, text) in files {
        std::fs::write(dir.join(file), text).unwrap();
    }
    dir
}

fn portfolio_of(roots: &[PathBuf]) -> (Database, Portfolio) {
    let mut db = Database::default();
    let projects: Vec<_> = roots
        .iter()
        .map(|r| prog_db::load_plan(&mut db, r).expect("loads"))
        .collect();
    let portfolio = Portfolio::new(&db, &projects);
    (db, portfolio)
}

const PEOPLE: &str = "person sam \"Sam\" { capacity 100% }\n";
/// `x` takes Sam at 60% Mon 2027-03-01 to Fri 03-05.
const A: &str =
    "import \"people.prog\"\nprogram a \"A\" { start 2027-03-01 }\ntask x { duration 5d  assign sam 60% }\n";
/// `y` takes Sam at 60% Wed 2027-03-03 to Tue 03-09.
const B: &str =
    "import \"people.prog\"\nprogram b \"B\" { start 2027-03-03 }\ntask y { duration 5d  assign sam 60% }\n";

#[test]
fn a_person_at_60_percent_in_two_programs_is_over_allocated_only_in_the_portfolio() {
    let dir = folder("sixty", &[("people.prog", PEOPLE), ("a.prog", A), ("b.prog", B)]);
    let (db, portfolio) = portfolio_of(&[dir.join("a.prog"), dir.join("b.prog")]);
    // Neither program alone over-allocates Sam: 60% of 100%.
    for program in ["a.prog", "b.prog"] {
        let mut single = Database::default();
        let project = prog_db::load_plan(&mut single, &dir.join(program)).unwrap();
        let codes: Vec<&str> = prog_db::diagnostics(&single, project)
            .iter()
            .map(|d| d.code.as_str())
            .collect();
        assert!(!codes.contains(&"P302"), "{program}: {codes:?}");
    }
    drop(db);
    let [sam] = &portfolio.shared[..] else {
        panic!("{:?}", portfolio.shared)
    };
    assert_eq!(sam.id, "sam");
    assert_eq!(sam.programs, ["a", "b"]);
    // Both on Wed 03-03, Thu 03-04 and Fri 03-05: 60 + 60 = 120 > 100.
    assert_eq!(sam.peak_load, 120);
    let [over] = &sam.over_allocated[..] else {
        panic!("{:?}", sam.over_allocated)
    };
    assert_eq!(
        (over.first.to_string(), over.last.to_string()),
        ("2027-03-03".into(), "2027-03-05".into())
    );
    assert_eq!((over.load, over.capacity), (120, 100));
    assert_eq!(over.by_program, [("a".to_string(), 60), ("b".to_string(), 60)]);
}

#[test]
fn the_same_key_makes_people_of_different_files_one() {
    let a =
        "program a { start 2027-03-01 }\nperson s { key \"emp-7\" }\ntask x { duration 2d  assign s 60% }\n";
    let b = "program b { start 2027-03-01 }\nperson sam { key \"emp-7\" }\ntask y { duration 1d  assign sam 50% }\n";
    let dir = folder("keys", &[("a.prog", a), ("b.prog", b)]);
    let (_db, portfolio) = portfolio_of(&[dir.join("a.prog"), dir.join("b.prog")]);
    assert_eq!(portfolio.shared.len(), 1);
    let s = &portfolio.shared[0];
    assert_eq!((s.shared_by.as_str(), s.peak_load), ("key \"emp-7\"", 110));
    // Mon 03-01 only: 60 + 50; Tue 03-02 has a's 60 alone.
    assert_eq!(s.over_allocated.len(), 1);
    assert_eq!(s.over_allocated[0].last.to_string(), "2027-03-01");
}

#[test]
fn a_program_with_errors_is_listed_with_them_and_the_others_still_report() {
    let broken = "program c { start 2027-03-01 }\ntask z { after nothing  duration 2d }\n";
    let dir = folder(
        "broken",
        &[("people.prog", PEOPLE), ("a.prog", A), ("c.prog", broken)],
    );
    let (_db, portfolio) = portfolio_of(&[dir.join("a.prog"), dir.join("c.prog")]);
    let (a, c) = (&portfolio.programs[0], &portfolio.programs[1]);
    assert_eq!(a.rating, Some("green"));
    // x: 5 days from Mon 03-01.
    assert_eq!(
        a.forecast_finish.map(|d| d.to_string()).as_deref(),
        Some("2027-03-05")
    );
    assert_eq!(c.rating, None);
    assert_eq!(c.errors.len(), 1);
    assert!(
        c.errors[0].ends_with("c.prog:2:16: unknown id `nothing`"),
        "{:?}",
        c.errors
    );
    let md = prog_portfolio::markdown::write(&portfolio);
    assert!(md.contains("| c | **not analysed** |"), "{md}");
    assert!(md.contains("## c has errors"), "{md}");
}

#[test]
fn the_example_portfolio_finds_sam_over_allocated_across_programs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/portfolio");
    let (_db, portfolio) = portfolio_of(&[root.join("checkout.prog"), root.join("platform.prog")]);
    let sam = portfolio
        .shared
        .iter()
        .find(|s| s.id == "sam")
        .expect("sam is shared");
    // checkout's payments (Sam 60%) waits for the sandbox (end of Fri
    // 03-19): Mon 03-22 to Fri 04-02. platform's review (Sam 60%) was
    // planned 03-08 to 03-26 but, with the status date 03-10 and nothing
    // started, runs Thu 03-11 to Wed 03-31. Both: 03-22 to 03-31.
    assert_eq!(sam.over_allocated.len(), 1);
    let over = &sam.over_allocated[0];
    assert_eq!(
        (over.first.to_string(), over.last.to_string()),
        ("2027-03-22".into(), "2027-03-31".into())
    );
    let html = prog_portfolio::html::write(&portfolio);
    assert!(
        html.contains("<td class=\"red\">2027-03-22 – 2027-03-31: 120% of 100%"),
        "{html}"
    );
}
