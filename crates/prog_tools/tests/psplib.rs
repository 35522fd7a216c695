//! PSPLIB instances: the `.sm` reader, and the `.prog` text of an instance
//! lowering, through the real front end, to the plan the evaluation levels.

use prog_plan::{LevelOptions, Plan, WorkCalendar, level, schedule_with};
use prog_tools::psplib;

const J30: &str = include_str!("data/j3010_1.sm");
const J60: &str = include_str!("data/j601_1.sm");

#[test]
fn reads_jobs_successors_demands_and_capacities() {
    let instance = psplib::parse(J30).unwrap();
    assert_eq!(instance.jobs.len(), 32);
    assert_eq!(instance.capacities, vec![24, 23, 25, 33]);
    assert_eq!(instance.jobs[0].successors, vec![1, 2, 3]);
    let job2 = &instance.jobs[1];
    assert_eq!((job2.duration, &job2.demands[..]), (2, &[1, 2, 4, 0][..]));
    assert_eq!(job2.successors, vec![9, 10, 27]);
    assert!(instance.jobs[31].successors.is_empty());
}

#[test]
fn bad_files_are_errors_with_a_line() {
    assert_eq!(
        psplib::parse("").unwrap_err(),
        "no `jobs (incl. supersource/sink )` section"
    );
    let truncated: String = J30.lines().take(30).map(|l| format!("{l}\n")).collect();
    assert_eq!(
        psplib::parse(&truncated).unwrap_err(),
        "line 31: the file ends early"
    );
    let garbled = J30.replacen(
        "  1      1     0       0    0    0    0",
        "  1      1     x       0    0    0    0",
        1,
    );
    assert_eq!(
        psplib::parse(&garbled).unwrap_err(),
        "line 55: `x` is not a number"
    );
    let unknown = J30.replacen(
        "   5        1          1           8",
        "   5        1          1          99",
        1,
    );
    assert_eq!(psplib::parse(&unknown).unwrap_err(), "line 23: no job 99");
}

#[test]
fn optima_read_bounds_where_the_optimum_is_open() {
    let known = psplib::parse_optima("problem,optimum\na.sm,42\nb.sm,109..115\nc.sm,..83\n").unwrap();
    assert!(known["a.sm"].is_optimum() && known["a.sm"].upper == 42);
    assert_eq!((known["b.sm"].lower, known["b.sm"].upper), (109, 115));
    assert_eq!((known["c.sm"].lower, known["c.sm"].upper), (0, 83));
    assert!(psplib::parse_optima("problem,optimum\nd.sm,x\n").is_err());
}

/// The plan of `.prog` text, through the database every front end uses.
fn lowered(text: &str) -> Plan {
    let db = prog_db::Database::default();
    let project = prog_db::Project::single_file(&db, "instance.prog", text);
    let errors: Vec<_> = prog_db::diagnostics(&db, project)
        .iter()
        .filter(|d| d.severity == prog_sema::Severity::Error)
        .map(|d| d.message.clone())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    prog_db::resolved(&db, project).plan.clone()
}

fn leveled_makespan(plan: &Plan) -> f64 {
    let cal = WorkCalendar::new(plan);
    let options = LevelOptions {
        seed: 1,
        schedules: 5_000,
        time_limit: None,
    };
    let leveled = level(plan, &cal, &schedule_with(plan, &cal), &options, |_| {}).unwrap();
    leveled.schedule.duration.as_days()
}

#[test]
fn prog_text_lowers_to_the_evaluated_plan() {
    for (name, text, optimum) in [("j3010_1", J30, 42.0), ("j601_1", J60, 77.0)] {
        let instance = psplib::parse(text).unwrap();
        let prog = psplib::to_prog(&instance, name);
        let from_text = lowered(&prog);
        let direct = psplib::to_plan(&instance);
        assert_eq!(from_text.resources, direct.resources, "{name}");
        assert_eq!(from_text.tasks.len(), direct.tasks.len());
        for (a, b) in from_text.tasks.iter().zip(&direct.tasks) {
            assert_eq!(
                (&a.id, a.kind, a.duration(), &a.assignments, &a.deps),
                (&b.id, b.kind, b.duration(), &b.assignments, &b.deps),
                "{name}"
            );
        }
        // Both level to the same length, which no schedule beats.
        let makespan = leveled_makespan(&from_text);
        assert_eq!(makespan, leveled_makespan(&direct), "{name}");
        assert!(
            makespan >= optimum,
            "{name}: {makespan} below the optimum {optimum}"
        );
        assert!(
            makespan <= optimum * 1.05,
            "{name}: {makespan} far above the optimum {optimum}"
        );
    }
}
