//! An external that is another program's milestone (`from … milestone`),
//! in the editor: its date comes from the other plan's forecast, moves
//! when the other plan changes, and its statement is completed,
//! highlighted and formatted like any other.

mod fixture;

use fixture::Fixture;
use prog_db::{Database, Project, Settings, SourceFile};
use prog_ide::*;
use salsa::Setter;

/// 2027-03-01 is a Monday. `build` takes days 0–9 (Mar 1–5, 8–12), so
/// `ga` is on Fri 2027-03-12.
const PLATFORM: &str = "program a \"Platform\" { start 2027-03-01 }
task build \"Build\" { duration 10d }
milestone ga \"GA\" { after build }
";

const CHECKOUT: &str = "program b \"Checkout\" { start 2027-03-01 }
person ana { }
external platform_ga \"Platform GA\" { owner ana  from \"../platform/plan.prog\" milestone ga }
task integrate { after platform_ga  duration 5d  owner ana }
";

/// The checkout plan and the platform's, each a project of its own, as a
/// loader makes them.
fn two_programs() -> (Database, Project, SourceFile) {
    let mut db = Database::default();
    let settings = Settings::new(&db, true);
    let checkout = SourceFile::new(&db, "checkout/plan.prog".into(), CHECKOUT.to_string().into());
    let platform = SourceFile::new(&db, "platform/plan.prog".into(), PLATFORM.to_string().into());
    let b = Project::new(&db, checkout, vec![checkout, platform], settings);
    let a = Project::new(&db, platform, vec![platform], settings);
    prog_db::set_programs(&mut db, vec![b, a]);
    (db, b, platform)
}

fn hover_on_the_external(db: &Database, project: Project) -> String {
    let file = *project.root(db);
    let offset = CHECKOUT.find("after platform_ga").unwrap() + "after ".len();
    hover(db, project, FilePosition { file, offset })
        .expect("a hover")
        .markdown
}

#[test]
fn the_hover_gives_the_other_programs_forecast_and_follows_its_edits() {
    let (mut db, checkout, platform) = two_programs();
    let markdown = hover_on_the_external(&db, checkout);
    assert!(markdown.contains("expected 2027-03-12"), "{markdown}");
    assert!(
        markdown.contains("milestone `ga` of platform/plan.prog, as that plan forecasts it"),
        "{markdown}"
    );
    // `build` 15 days: days 0–14 (to Fri Mar 19), so `ga` is on Mar 19.
    let longer = PLATFORM.replace("duration 10d", "duration 15d");
    platform.set_text(&mut db).to(longer.into());
    let markdown = hover_on_the_external(&db, checkout);
    assert!(markdown.contains("expected 2027-03-19"), "{markdown}");
    // Nothing else holds `integrate` back: it is needed at the start (day
    // 0) and arrives at the end of Mar 19, working day 15: 15 days late.
    let messages: Vec<&str> = prog_db::diagnostics(&db, checkout)
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "external `platform_ga` is expected 2027-03-19, after it is needed (2027-03-01): it delays the finish by 15 working days"
        ]
    );
}

#[test]
fn completion_offers_from_in_an_external_only() {
    let labels = |text: &str| -> Vec<String> {
        let f = Fixture::new(text);
        completions(&f.db, f.project, f.position())
            .into_iter()
            .map(|c| c.label)
            .collect()
    };
    let external = labels("program p { start 2027-01-04 }\nexternal e { $0 }\n");
    assert!(external.contains(&"from".to_string()), "{external:?}");
    let task = labels("program p { start 2027-01-04 }\ntask t { $0 }\n");
    assert!(!task.contains(&"from".to_string()), "{task:?}");
}

#[test]
fn from_and_milestone_are_keywords_in_the_statement() {
    let f = Fixture::new(CHECKOUT);
    let tokens = semantic_tokens(&f.db, f.project, f.file, None);
    let kind_at = |needle: &str| {
        let at = CHECKOUT.find(needle).unwrap();
        tokens
            .iter()
            .find(|t| t.span.start() == at)
            .map(|t| t.token_type.name())
    };
    assert_eq!(kind_at("from \""), Some("keyword"));
    assert_eq!(kind_at("milestone ga"), Some("keyword"));
    assert_eq!(kind_at("\"../platform"), Some("string"));
}

#[test]
fn the_formatter_keeps_the_statement() {
    let messy = "external e {owner ana\nfrom   \"../p.prog\"   milestone   ga}\n";
    let formatted = format(messy).unwrap();
    assert_eq!(
        formatted,
        "external e { owner ana  from \"../p.prog\" milestone ga }\n"
    );
    assert_eq!(format(&formatted).unwrap(), formatted);
}

/// In a body laid out on lines (too long for one), the statement stays on
/// its line: `milestone` there is not a nested item.
#[test]
fn the_formatter_keeps_the_statement_on_its_line() {
    let text = format!(
        "external e \"{}\" {{ owner ana  from \"../p.prog\" milestone ga }}",
        "x".repeat(80)
    );
    let formatted = format(&text).unwrap();
    assert!(
        formatted.ends_with("{\n  owner ana\n  from \"../p.prog\" milestone ga\n}\n"),
        "{formatted}"
    );
    assert_eq!(format(&formatted).unwrap(), formatted);
}
