//! The Monte-Carlo forecast behind the milestone hover, memoised per plan
//! shape, so it reruns only when estimates, risks or the network change.

use prog_db::Project;
use prog_plan::Forecast;
use prog_plan::forecast::{ForecastDoc, Options};

/// Runs per forecast: enough for stable P50/P80 dates in a hover, few
/// enough to answer in well under a second on plans of a few thousand tasks.
const RUNS: usize = 2_000;
/// Beyond this many tasks a hover does not wait for a forecast; `prog
/// forecast` gives it.
const MAX_TASKS: usize = 5_000;

/// `None` when the plan has nothing uncertain (as reports decide it, see
/// [`prog_plan::forecast::is_uncertain`]) or is too large to forecast while
/// hovering.
#[salsa::tracked(returns(ref))]
pub(crate) fn plan_forecast(db: &dyn salsa::Database, project: Project) -> Option<Forecast> {
    let plan = prog_db::plan_shape(db, project);
    if !prog_plan::forecast::is_uncertain(plan) || plan.tasks.len() > MAX_TASKS {
        return None;
    }
    let options = Options {
        iterations: RUNS,
        threads: 1,
        ..Options::default()
    };
    // An edit cancels the forecast between chunks of runs, so it does not
    // wait for it.
    let check = prog_db::cancellation_check(db);
    Some(prog_plan::forecast(
        plan,
        prog_db::work_calendar(db, project),
        &options,
        |_, _| check(),
    ))
}

/// The full Monte-Carlo forecast of the plan (the `prog.forecast` command:
/// as many runs as `prog forecast` makes by default), as the document `prog
/// forecast --format json` prints. `progress` is told the runs done and
/// the runs in all as they advance.
pub fn forecast_document(
    db: &dyn salsa::Database,
    project: Project,
    progress: impl Fn(usize, usize) + Sync,
) -> ForecastDoc {
    let plan = prog_db::plan_shape(db, project);
    let options = Options::default();
    let check = prog_db::cancellation_check(db);
    let progress = |done, all| {
        check();
        progress(done, all);
    };
    let forecast = prog_plan::forecast(plan, prog_db::work_calendar(db, project), &options, progress);
    ForecastDoc::new(plan, &forecast, &options)
}
