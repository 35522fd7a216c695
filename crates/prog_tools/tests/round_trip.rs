//! Generated plans written as text parse back into the same model.

use prog_plan::{Plan, Task};

/// A task with its references written as ids, so that plans whose tasks come
/// in another order compare equal.
fn describe(plan: &Plan, task: &Task) -> String {
    let id = |t: prog_plan::TaskId| plan.task(t).id.clone();
    let deps: Vec<String> = task
        .deps
        .iter()
        .map(|d| format!("{:?} {} {:?}", d.kind, id(d.on), d.lag))
        .collect();
    let assignments: Vec<String> = task
        .assignments
        .iter()
        .map(|a| format!("{} {}", plan.resource(a.resource).id, a.units))
        .collect();
    format!(
        "{} {:?} parent={:?} {:?} {deps:?} {assignments:?} {:?} {:?}",
        task.id,
        task.kind,
        task.parent.map(id),
        task.work,
        task.not_before,
        task.deadline
    )
}

#[test]
fn generated_plans_round_trip_through_text() {
    for (tasks, seed) in [(50, 1), (700, 7)] {
        let plan = prog_plan::generate::plan(tasks, 12, seed);
        let text = prog_tools::write_prog(&plan);
        let db = prog_db::Database::default();
        let project = prog_db::Project::single_file(&db, "generated.prog", &text);
        let errors: Vec<_> = prog_db::diagnostics(&db, project)
            .iter()
            .filter(|d| d.severity == prog_sema::Severity::Error)
            // Generated deadlines may be missed: that is the schedule's finding, not a text error.
            .filter(|d| d.code != prog_sema::Code::DeadlineMissed)
            .map(|d| d.message.clone())
            .collect();
        assert_eq!(errors, Vec::<String>::new());
        let back = &prog_db::resolved(&db, project).plan;
        let mut original: Vec<String> = plan.tasks.iter().map(|t| describe(&plan, t)).collect();
        let mut parsed: Vec<String> = back.tasks.iter().map(|t| describe(back, t)).collect();
        original.sort();
        parsed.sort();
        assert_eq!(parsed, original);
        assert_eq!(back.resources, plan.resources);
        assert_eq!(back.calendars, plan.calendars);
        // Same plan, same schedule.
        let schedule = prog_plan::schedule(&plan);
        assert_eq!(prog_db::schedule(&db, project).duration, schedule.duration);
    }
}
