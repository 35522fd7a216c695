//! Warnings and hints that may only follow from an
//! error are left out while the error stands (see `prog_db::cascades`), and
//! come back once it is fixed if they still hold.

use prog_db::{Database, Project, Settings, SourceFile};
use salsa::Setter;

/// Tasks of one person side by side (`a` and `b`, then `x` and `y` of
/// another): over-allocations, unless an `after` orders them.
const PLAN: &str = r#"program p { start 2027-01-04 }
person al { }
person bo { }
person cy { }
task a { duration 3d  owner al }
task b { duration 3d  owner al  after a }
task d { duration 2d  owner bo }
group g {
  task x { duration 2d  owner cy }
  task y { duration 2d  owner cy  after x }
}
risk r { probability 10%  impact 1d  affects y  owner al  mitigation "m" }
"#;

fn analyse(text: &str) -> Vec<String> {
    let db = Database::default();
    let root = SourceFile::new(&db, "plan.prog".into(), text.to_string().into());
    let project = Project::new(&db, root, vec![root], Settings::new(&db, true));
    describe(&db, project)
}

fn describe(db: &Database, project: Project) -> Vec<String> {
    prog_db::diagnostics(db, project)
        .iter()
        .map(|d| format!("{} {}", d.code.as_str(), d.message))
        .collect()
}

#[test]
fn the_plan_as_written_is_clean() {
    assert_eq!(analyse(PLAN), Vec::<String>::new());
}

#[test]
fn a_typo_in_after_does_not_also_report_the_overlap_it_causes() {
    // `b` loses its dependency: it runs Jan 4-6 beside `a`, both on al.
    let text = PLAN.replace("owner al  after a }", "owner al  after aa }");
    assert_eq!(analyse(&text), ["P101 unknown id `aa`"]);
}

#[test]
fn a_duplicate_id_does_not_also_report_both_definitions_booked_together() {
    // Two `d`s on bo, Jan 4-5 both: an over-allocation of the duplicate.
    let text = PLAN.replace(
        "task d { duration 2d  owner bo }\n",
        "task d { duration 2d  owner bo }\ntask d { duration 2d  owner bo }\n",
    );
    assert_eq!(analyse(&text), ["P102 `d` is defined more than once"]);
}

#[test]
fn an_error_hides_the_findings_of_its_task_and_no_others() {
    // A typo in `y`'s `after` (inside group g) overlaps x and y on cy; a
    // typo in `a`'s owner leaves `a` to nobody, which hides nothing: al's
    // other task `b` still follows `a`. The genuine overlap of `d` and the
    // new `e` on bo stays.
    let text = PLAN
        .replace("owner cy  after x }", "owner cy  after xx }")
        .replace(
            "task a { duration 3d  owner al }",
            "task a { duration 3d  owner all }",
        )
        .replace(
            "task d { duration 2d  owner bo }\n",
            "task d { duration 2d  owner bo }\ntask e { duration 1d  owner bo }\n",
        );
    assert_eq!(
        analyse(&text),
        [
            "P101 unknown id `all`",
            "P101 unknown id `xx`",
            "P302 `bo` is over-allocated on 2027-01-04: 200% assigned, 100% available (`d`, `e`)",
        ]
    );
}

#[test]
fn an_error_in_a_group_covers_the_tasks_in_it() {
    // `g` was to follow `z` (cy's, Jan 4-5); with the typo, `x` runs beside
    // `z` on cy. The finding is at `z`, naming `x` (in g) as related.
    let text = PLAN.replace(
        "group g {\n",
        "task z { duration 2d  owner cy }\ngroup g {\n  after zz\n",
    );
    assert_eq!(analyse(&text), ["P101 unknown id `zz`"]);
}

#[test]
fn the_warning_comes_back_when_the_error_is_fixed_if_it_still_holds() {
    let mut db = Database::default();
    let typo = PLAN.replace("owner al  after a }", "owner al  after aa }");
    let root = SourceFile::new(&db, "plan.prog".into(), typo.clone().into());
    let project = Project::new(&db, root, vec![root], Settings::new(&db, true));
    assert_eq!(describe(&db, project), ["P101 unknown id `aa`"]);
    // The typo fixed by removing the dependency: the overlap is real now.
    root.set_text(&mut db).to(typo.replace("  after aa", "").into());
    assert_eq!(
        describe(&db, project),
        [
            "P302 `al` is over-allocated from 2027-01-04 to 2027-01-06: 200% assigned, 100% available (`a`, `b`)"
        ]
    );
}

#[test]
fn a_file_shows_the_first_500_syntax_errors_and_hides_the_warnings_of_all() {
    // 1,200 tasks, each with a syntax error (a statement that is not one),
    // and each unassigned, which would be a hint: 500 errors are shown and
    // one counts the other 700; no hint is, the last item's included.
    let tasks: String = (0..1200)
        .map(|i| format!("task t{i} {{ duration 1d  ??? }}\n"))
        .collect();
    let text = format!("program p {{ start 2027-01-04 }}\n{tasks}");
    let found = analyse(&text);
    let syntax = found.iter().filter(|d| d.starts_with("P001 ")).count();
    assert_eq!(syntax, 501, "{:?}", &found[..3]);
    assert!(
        found.contains(
            &"P001 700 more P001 here and after, not shown: Prog reports the first 500 of each kind"
                .to_string()
        ),
        "{:?}",
        found.last()
    );
    assert_eq!(
        found.len(),
        501,
        "{:?}",
        found.iter().find(|d| !d.starts_with("P001 "))
    );
    // Without the errors, each task is unassigned: 500 hints and the one
    // that counts the rest.
    let hints = analyse(&text.replace("  ???", ""));
    assert_eq!(hints.iter().filter(|d| d.starts_with("P203 ")).count(), 501);
}
