//! Code actions, applied to the source: each fix removes its diagnostic.

mod fixture;

use fixture::Fixture;
use prog_ide::{Assist, AssistConfig, AssistKind, FileRange};

const HEAD: &str =
    "program p { start 2027-01-04 }\nperson alice { capacity 100% }\nperson bob { capacity 100% }\n";

fn fixture(body: &str) -> Fixture {
    Fixture::new(&format!("{HEAD}{body}"))
}

fn codes(text: &str) -> Vec<&'static str> {
    let f = Fixture::new(text);
    prog_db::file_diagnostics(&f.db, f.project, f.file)
        .iter()
        .map(|d| d.code.as_str())
        .collect()
}

/// All assists, leveling included, or without it (as for an automatic lightbulb).
fn assists(
    db: &prog_db::Database,
    project: prog_db::Project,
    range: FileRange,
    leveling: bool,
) -> Vec<Assist> {
    prog_ide::assists(
        db,
        project,
        range,
        AssistConfig {
            leveling,
            today: None,
        },
    )
}

fn titles(actions: &[Assist]) -> Vec<&str> {
    actions.iter().map(|a| a.title.as_str()).collect()
}

fn apply(f: &Fixture, actions: &[Assist], title: &str) -> String {
    let action = actions
        .iter()
        .find(|a| a.title == title)
        .unwrap_or_else(|| panic!("no action `{title}` in {:?}", titles(actions)));
    f.apply(&action.change, f.file)
}

/// Applies the assist titled `title` at the cursor (or selection) of
/// `before` and compares the whole text it gives with `after`; both are
/// plans below [`HEAD`]. Returns the codes left in the result.
#[track_caller]
fn check_assist(title: &str, before: &str, after: &str) -> Vec<&'static str> {
    let f = fixture(before);
    let actions = assists(&f.db, f.project, f.range(), true);
    let applied = apply(&f, &actions, title);
    let expected = format!("{HEAD}{after}");
    assert_eq!(applied, expected, "`{title}` gave:\n{applied}");
    codes(&applied)
}

#[test]
fn an_unknown_id_is_replaced_by_the_closest_one_or_declared() {
    let f = fixture(
        "task kickoff { duration 1d  owner alice }\ntask api { duration 2d  owner bob  after kick$0of }\n",
    );
    assert_eq!(codes(f.text(f.file)), ["P101"]);
    let actions = assists(&f.db, f.project, f.range(), true);
    assert!(
        actions
            .iter()
            .all(|a| a.kind == AssistKind::QuickFix && a.diagnostic.is_some())
    );
    const BEFORE: &str =
        "task kickoff { duration 1d  owner alice }\ntask api { duration 2d  owner bob  after kick$0of }\n";
    let left = check_assist(
        "Replace with `kickoff`",
        BEFORE,
        "task kickoff { duration 1d  owner alice }\ntask api { duration 2d  owner bob  after kickoff }\n",
    );
    assert_eq!(left, [""; 0]);
    let left = check_assist(
        "Create task `kickof`",
        BEFORE,
        "task kickoff { duration 1d  owner alice }\ntask api { duration 2d  owner bob  after kickof }\n\ntask kickof \"TODO\" { duration 1d }\n",
    );
    assert!(!left.contains(&"P101"), "{left:?}");

    let f = fixture("task a { duration 1d  owner caro$0l }\n");
    let actions = assists(&f.db, f.project, f.range(), true);
    assert_eq!(titles(&actions), ["Create person `carol`"]);
    let left = check_assist(
        "Create person `carol`",
        "task a { duration 1d  owner caro$0l }\n",
        "task a { duration 1d  owner carol }\n\nperson carol { capacity 100% }\n",
    );
    assert_eq!(left, [""; 0]);
}

#[test]
fn a_cycle_offers_one_removal_per_edge_and_each_breaks_it() {
    let f = fixture(
        "task a { duration 1d  owner alice  after c }\ntask b { duration 1d  owner alice  after a, x$0 }\ntask c {\n  duration 1d\n  owner bob\n  after b\n}\ntask x { duration 1d  owner bob }\n",
    );
    // The loop is reported at `after c`, the dependency that closes it.
    let actions = assists(
        &f.db,
        f.project,
        FileRange {
            file: f.file,
            span: span_of(&f, "after c"),
        },
        true,
    );
    let titles = titles(&actions);
    assert!(
        titles.contains(&"Remove the dependency of `b` on `a`"),
        "{titles:?}"
    );
    assert!(
        titles.contains(&"Remove the dependency of `a` on `c`"),
        "{titles:?}"
    );
    assert!(
        titles.contains(&"Remove the dependency of `c` on `b`"),
        "{titles:?}"
    );
    for title in [
        "Remove the dependency of `b` on `a`",
        "Remove the dependency of `a` on `c`",
        "Remove the dependency of `c` on `b`",
    ] {
        let fixed = apply(&f, &actions, title);
        assert!(!codes(&fixed).contains(&"P301"), "{title}:\n{fixed}");
        assert!(prog_syntax::parse(&fixed).errors.is_empty(), "{fixed}");
    }
    // The list loses one element; the whole statement goes when it is the
    // only one.
    let whole = |b: &str, c: &str| {
        format!(
            "{HEAD}task a {{ duration 1d  owner alice  after c }}\ntask b {{ duration 1d  owner alice  {b} }}\ntask c {{\n  duration 1d\n  owner bob{c}\n}}\ntask x {{ duration 1d  owner bob }}\n"
        )
    };
    assert_eq!(
        apply(&f, &actions, "Remove the dependency of `b` on `a`"),
        whole("after x", "\n  after b")
    );
    assert_eq!(
        apply(&f, &actions, "Remove the dependency of `c` on `b`"),
        whole("after a, x", "")
    );
}

#[test]
fn a_repeated_dependency_is_removed_where_it_is_repeated() {
    assert_eq!(
        codes(&format!(
            "{HEAD}task a {{ duration 1d  owner alice }}\ntask b {{ duration 1d  owner alice  after a, a }}\n"
        )),
        ["P207"]
    );
    let left = check_assist(
        "Remove the repeated `a`",
        "task a { duration 1d  owner alice }\ntask b { duration 1d  owner alice  after a, $0a }\n",
        "task a { duration 1d  owner alice }\ntask b { duration 1d  owner alice  after a }\n",
    );
    assert_eq!(left, [""; 0]);
    // A statement of its own goes whole, with its line.
    let left = check_assist(
        "Remove the repeated `a`",
        "task a { duration 1d  owner alice }\ntask b {\n  duration 1d\n  owner alice\n  after a\n  after $0a +2d\n}\n",
        "task a { duration 1d  owner alice }\ntask b {\n  duration 1d\n  owner alice\n  after a\n}\n",
    );
    assert_eq!(left, [""; 0]);
}

fn span_of(f: &Fixture, needle: &str) -> prog_syntax::Span {
    let start = f.text(f.file).find(needle).unwrap();
    prog_syntax::Span::new(start, start + needle.len())
}

#[test]
fn an_over_allocation_is_sequenced_or_reassigned() {
    const BEFORE: &str = "task a { duration 2d  owner al$0ice }\ntask b { duration 2d  owner alice }\n";
    // One finding for Alice's one overloaded period, at the first task.
    assert_eq!(codes(&format!("{HEAD}{}", BEFORE.replace("$0", ""))), ["P302"]);
    let left = check_assist(
        "Sequence `a` after `b`",
        BEFORE,
        "task a { duration 2d  owner alice  after b }\ntask b { duration 2d  owner alice }\n",
    );
    assert_eq!(left, [""; 0]);
    let left = check_assist(
        "Reassign to `bob` (person free then)",
        BEFORE,
        "task a { duration 2d  owner bob }\ntask b { duration 2d  owner alice }\n",
    );
    assert_eq!(left, [""; 0]);
}

#[test]
fn every_assignment_of_an_over_allocation_offers_its_fixes() {
    // The one finding sits at `a`; the cursor is on `b`'s assignment, a related place.
    const BEFORE: &str = "task a { duration 2d  owner alice }\ntask b { duration 2d  owner al$0ice }\n";
    let left = check_assist(
        "Sequence `b` after `a`",
        BEFORE,
        "task a { duration 2d  owner alice }\ntask b { duration 2d  owner alice  after a }\n",
    );
    assert_eq!(left, [""; 0]);
    check_assist(
        "Reassign to `bob` (person free then)",
        BEFORE,
        "task a { duration 2d  owner alice }\ntask b { duration 2d  owner bob }\n",
    );
}

#[test]
fn sequencing_never_closes_a_loop() {
    // b already waits for a: only "b after a" would keep the plan acyclic, and it already holds;
    // here the two overlap through a start-to-start link.
    let f =
        fixture("task a { duration 2d  owner al$0ice }\ntask b { duration 2d  owner alice  start_with a }\n");
    let actions = assists(&f.db, f.project, f.range(), true);
    assert!(
        !titles(&actions).contains(&"Sequence `a` after `b`"),
        "{:?}",
        titles(&actions)
    );
}

#[test]
fn a_risk_gets_an_owner_and_a_mitigation_stub() {
    const BEFORE: &str =
        "task a { duration 1d  owner bob }\nrisk r$0 {\n  probability 30%\n  impact 2d\n  affects a\n}\n";
    let f = fixture(BEFORE);
    assert_eq!(codes(f.text(f.file)), ["P201", "P202"]);
    let left = check_assist(
        "Make `bob` the owner",
        BEFORE,
        "task a { duration 1d  owner bob }\nrisk r {\n  probability 30%\n  impact 2d\n  affects a\n  owner bob\n}\n",
    );
    assert_eq!(left, ["P202"]);
    let left = check_assist(
        "Add a mitigation",
        BEFORE,
        "task a { duration 1d  owner bob }\nrisk r {\n  probability 30%\n  impact 2d\n  affects a\n  mitigation \"TODO: what will be done\"\n}\n",
    );
    assert_eq!(left, ["P201"]);
}

#[test]
fn selected_tasks_are_wrapped_in_a_group() {
    let left = check_assist(
        "Wrap 2 tasks in a group",
        "$0task a { duration 1d  owner alice }\n\ntask b {\n  duration 1d\n  owner bob\n}$0\ntask c { duration 1d  owner bob  after a }\n",
        "group group_1 \"New group\" {\n  task a { duration 1d  owner alice }\n\n  task b {\n    duration 1d\n    owner bob\n  }\n}\ntask c { duration 1d  owner bob  after a }\n",
    );
    assert_eq!(left, [""; 0]);
    // A selection that reaches into the program is not wrapped.
    let f = fixture("task a { duration 1d  owner alice }\n");
    let everything = FileRange {
        file: f.file,
        span: prog_syntax::Span::new(0, f.text(f.file).len()),
    };
    assert!(assists(&f.db, f.project, everything, true).is_empty());
}

#[test]
fn leveling_inserts_the_after_statements_that_remove_every_over_allocation() {
    let f = fixture(
        "task a { duration 2d  owner al$0ice }\ntask b { duration 2d  owner alice }\ntask c {\n  duration 1d\n  owner alice\n}\n",
    );
    assert_eq!(codes(f.text(f.file)), ["P302"]);
    let actions = assists(&f.db, f.project, f.range(), true);
    let level = actions
        .iter()
        .find(|a| a.kind == AssistKind::Source)
        .expect("a leveling action");
    assert_eq!(level.title, "Level resources (2 `after` statements)");
    let leveled = f.apply(&level.change, f.file);
    assert!(codes(&leveled).is_empty(), "{leveled}");

    let one = apply(&f, &actions, "Resolve this conflict as leveling would");
    assert!(codes(&one).len() < 3, "{one}");
    // The lightbulb the editor asks for as the cursor moves runs no leveling.
    let automatic = titles(&assists(&f.db, f.project, f.range(), false)).join("; ");
    assert!(
        !automatic.contains("Level") && !automatic.contains("leveling"),
        "{automatic}"
    );
    assert!(automatic.contains("Sequence `a` after `b`"), "{automatic}");
    // Nothing to level in a plan without over-allocation.
    let f = fixture("task a { duration 2d  owner al$0ice }\n");
    assert!(
        assists(&f.db, f.project, f.range(), true)
            .iter()
            .all(|a| a.kind != AssistKind::Source)
    );
}
