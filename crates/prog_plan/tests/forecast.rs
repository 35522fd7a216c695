//! Monte-Carlo forecasts: statistical properties that hold for any correct
//! sampler and fail for a wrong one.

mod common;

use std::sync::Mutex;

use common::*;
use prog_plan::forecast::{Distribution, Options};
use prog_plan::*;

fn options(iterations: usize, distribution: Distribution) -> Options {
    Options {
        iterations,
        distribution,
        ..Options::default()
    }
}

fn run(plan: &Plan, options: &Options) -> Forecast {
    forecast(plan, &WorkCalendar::new(plan), options, |_, _| {})
}

fn estimate(b: &mut Builder, task: TaskId, o: i64, m: i64, p: i64) {
    *b.task_mut(task).estimate = Some(Estimate {
        optimistic: days(o),
        likely: days(m),
        pessimistic: days(p),
    });
}

fn risk(b: &mut Builder, id: &str, percent: u8, impact_days: i64, affects: &[TaskId]) {
    b.plan.risks.push(Risk {
        id: id.into(),
        title: None,
        probability: Some(percent),
        impact: Some(days(impact_days)),
        affects: affects.to_vec(),
        owner: None,
        mitigation: None,
    });
}

/// A → B → C (3d, 5d with a 1d lag, 2d) with a short side branch D (1d)
/// and a milestone after C.
fn fixed_chain() -> (Builder, [TaskId; 5]) {
    let mut b = Builder::new("2027-01-04");
    let a = b.task("A", 3);
    let bb = b.task("B", 5);
    let c = b.task("C", 2);
    let d = b.task("D", 1);
    let done = b.milestone("done");
    b.dep(bb, a, DepKind::FinishToStart, 1);
    b.after(c, bb);
    b.after(d, a);
    b.after(done, c);
    b.after(done, d);
    (b, [a, bb, c, d, done])
}

#[test]
fn fixed_durations_give_the_cpm_schedule_in_every_run() {
    let (b, ids) = fixed_chain();
    let plan = &b.plan;
    let f = run(plan, &options(500, Distribution::Pert));
    let s = schedule(plan);
    let doc = ScheduleDoc::new(plan, &s, &WorkCalendar::new(plan));
    assert_eq!(s.duration, days(11));
    for p in [f.finish.p50, f.finish.p80, f.finish.p95] {
        assert_eq!((p.days, p.date), (11, doc.finish));
    }
    assert_eq!(f.finish.mean_days, 11.0);
    assert_eq!(f.finish.cdf.len(), 1);
    assert_eq!(f.finish.cdf[0].share, 1.0);
    for id in ids {
        let expected = if s.times(id).critical { 1.0 } else { 0.0 };
        assert_eq!(f.criticality[id.index()], expected, "{}", plan.task(id).id);
    }
    assert_eq!(f.criticality[ids[3].index()], 0.0, "the side branch has float");
    let done = f.milestone(ids[4]).expect("a milestone");
    assert_eq!((done.p50.days, done.p95.date), (11, doc.finish));
}

#[test]
fn a_chain_is_critical_in_every_run() {
    let (mut b, [a, bb, c, d, done]) = fixed_chain();
    estimate(&mut b, a, 1, 3, 9);
    estimate(&mut b, bb, 2, 5, 6);
    estimate(&mut b, c, 1, 2, 12);
    let f = run(&b.plan, &options(2_000, Distribution::Triangular));
    for t in [a, bb, c, done] {
        assert_eq!(f.criticality[t.index()], 1.0);
    }
    // D (1d after A) can only be critical if B + lag + C took at most 1 day.
    assert_eq!(f.criticality[d.index()], 0.0);
    assert!(f.finish.p50.days < f.finish.p95.days, "{:?}", f.finish);
}

/// One task estimated 2d / 4d / 9d.
fn single(distribution: Distribution, iterations: usize) -> Forecast {
    let mut b = Builder::new("2027-01-04");
    let t = b.task("T", 4);
    estimate(&mut b, t, 2, 4, 9);
    run(&b.plan, &options(iterations, distribution))
}

#[test]
fn the_triangular_mean_and_percentiles_converge() {
    let f = single(Distribution::Triangular, 40_000);
    // Mean (2 + 4 + 9) / 3 = 5 days; the standard deviation is 1.47 days, so
    // the standard error over 40,000 runs is 0.0074.
    assert!((f.finish.mean_days - 5.0).abs() < 0.04, "{}", f.finish.mean_days);
    // P(X <= 4) = 2²/(7·2) = 0.29 and P(X <= 5) = 1 - 4²/(7·5) = 0.54: the
    // median falls on day 5. P(X <= 7) = 0.89 and P(X <= 8) = 0.97: P95 on day 8.
    assert_eq!((f.finish.p50.days, f.finish.p95.days), (5, 8));
    assert_eq!(f.finish.p50.date, date("2027-01-08"));
    assert_eq!(f.finish.p95.date, date("2027-01-13"));
    // Every run lasts between 2 and 9 days, and the S-curve rises to 1.
    let cdf = &f.finish.cdf;
    assert!(cdf.first().unwrap().days >= 2 && cdf.last().unwrap().days <= 9);
    assert!(
        cdf.windows(2)
            .all(|w| w[0].days < w[1].days && w[0].share < w[1].share)
    );
    assert_eq!(cdf.last().unwrap().share, 1.0);
    // P(X <= 3 days) = 1²/(7·2) = 0.071.
    let by_day_3 = cdf.iter().find(|p| p.days == 3).unwrap().share;
    assert!((by_day_3 - 1.0 / 14.0).abs() < 0.01, "{by_day_3}");
}

#[test]
fn the_pert_mean_converges_and_its_tails_are_thinner() {
    let pert = single(Distribution::Pert, 40_000);
    // Mean (2 + 4·4 + 9) / 6 = 4.5 days; standard deviation about 1.2 days.
    assert!(
        (pert.finish.mean_days - 4.5).abs() < 0.04,
        "{}",
        pert.finish.mean_days
    );
    let triangular = single(Distribution::Triangular, 40_000);
    assert!(pert.finish.p95.days <= triangular.finish.p95.days);
    assert!(pert.finish.p50.days <= triangular.finish.p50.days);
}

#[test]
fn the_same_seed_gives_the_same_forecast_on_any_number_of_threads() {
    let mut plan = generate::plan(300, 10, 3);
    for task in &mut plan.tasks {
        let d = task.duration().0;
        if d > 0 {
            *task.estimate = Some(Estimate {
                optimistic: Work(d / 2),
                likely: Work(d),
                pessimistic: Work(d * 2),
            });
        }
    }
    plan.risks.push(Risk {
        id: "r".into(),
        title: None,
        probability: Some(30),
        impact: Some(days(4)),
        affects: vec![TaskId(1)],
        owner: None,
        mitigation: None,
    });
    let at = |threads, seed| {
        run(
            &plan,
            &Options {
                iterations: 1_000,
                seed,
                threads,
                distribution: Distribution::Pert,
            },
        )
    };
    let one = at(1, 42);
    assert_eq!(one, at(1, 42));
    assert_eq!(one, at(2, 42));
    assert_eq!(one, at(5, 42));
    assert_ne!(one, at(2, 43));
    assert_eq!(one.iterations, 1_000);
}

#[test]
fn a_risk_that_never_fires_contributes_nothing() {
    let (mut b, [a, bb, c, ..]) = fixed_chain();
    estimate(&mut b, bb, 2, 5, 9);
    let without = run(&b.plan, &options(3_000, Distribution::Pert));
    risk(&mut b, "never", 0, 20, &[a, c]);
    let with = run(&b.plan, &options(3_000, Distribution::Pert));
    let effect = with.risks[0];
    assert_eq!(effect.fired, 0.0);
    assert_eq!(effect.delay_if_fired, None);
    assert_eq!(effect.contribution, Some(0.0));
    assert_eq!(with.finish, without.finish);
}

#[test]
fn a_risk_on_the_critical_path_delays_the_runs_it_fires_in() {
    let (mut b, [_, bb, .., d, _]) = fixed_chain();
    risk(&mut b, "late", 40, 5, &[bb]);
    // On the side branch: D has 6 days of float, so 2 days change nothing.
    risk(&mut b, "harmless", 50, 2, &[d]);
    let f = run(&b.plan, &options(10_000, Distribution::Pert));
    let late = f.risks[0];
    assert!((late.fired - 0.4).abs() < 0.02, "{late:?}");
    // Durations are fixed, so every run it fires in ends exactly 5 days later.
    assert_eq!(late.delay_if_fired, Some(5.0));
    let contribution = late.contribution.unwrap();
    assert!((contribution - 5.0 * late.fired).abs() < 1e-9, "{late:?}");
    assert_eq!(f.finish.p50.days, 11);
    assert_eq!(f.finish.p95.days, 16);
    assert!((f.finish.mean_days - (11.0 + contribution)).abs() < 1e-9);
    let harmless = f.risks[1];
    assert!((harmless.fired - 0.5).abs() < 0.02, "{harmless:?}");
    // It never moves the finish; what remains is the sampling noise of
    // comparing two sets of runs in which `late` fired a little more or less
    // often (standard deviations 0.05 and 0.025 days), never below 0: a
    // risk only delays.
    let (delay, contribution) = (harmless.delay_if_fired.unwrap(), harmless.contribution.unwrap());
    assert!((0.0..0.25).contains(&delay), "{harmless:?}");
    assert!((0.0..0.125).contains(&contribution), "{harmless:?}");
}

#[test]
fn a_risk_that_always_fires_shifts_every_run_and_has_no_baseline() {
    let (mut b, [a, ..]) = fixed_chain();
    risk(&mut b, "sure", 100, 2, &[a]);
    let f = run(&b.plan, &options(200, Distribution::Pert));
    assert_eq!(f.risks[0].fired, 1.0);
    assert_eq!(f.risks[0].contribution, None);
    assert_eq!((f.finish.p50.days, f.finish.p95.days), (13, 13));
}

#[test]
fn a_risk_on_a_group_delays_it_once() {
    // G holds X → Y (2d each); Z (1d) inside G waits for Y; W follows G.
    let mut b = Builder::new("2027-01-04");
    let g = b.group("G");
    let x = b.task("X", 2);
    let y = b.task("Y", 2);
    let z = b.task("Z", 1);
    let w = b.task("W", 1);
    for t in [x, y, z] {
        b.set_parent(t, g);
    }
    b.after(y, x);
    b.after(z, y);
    b.after(w, g);
    risk(&mut b, "group", 100, 3, &[g, x]);
    let f = run(&b.plan, &options(100, Distribution::Pert));
    // Only X, the group's first task, takes the 3 days, and only once though
    // named twice: 6 + 3 days, not 6 + 3 × 3 or 6 + 2 × 3.
    assert_eq!(f.finish.p50.days, 9);
    assert_eq!(f.criticality[g.index()], 1.0);
}

#[test]
fn progress_rises_to_the_total_one_call_at_a_time() {
    let (b, _) = fixed_chain();
    let calls = Mutex::new(Vec::new());
    let plan = &b.plan;
    let opts = Options {
        iterations: 1_000,
        threads: 3,
        ..Options::default()
    };
    forecast(plan, &WorkCalendar::new(plan), &opts, |done, total| {
        calls.lock().unwrap().push((done, total));
    });
    let calls = calls.into_inner().unwrap();
    assert_eq!(calls.len(), 1_000usize.div_ceil(forecast::CHUNK));
    assert!(calls.windows(2).all(|w| w[0].0 < w[1].0));
    assert_eq!(calls.last(), Some(&(1_000, 1_000)));
}

#[test]
fn zero_iterations_still_make_one_run_and_cycles_do_not_stop_it() {
    let mut b = Builder::new("2027-01-04");
    let a = b.task("A", 2);
    let c = b.task("C", 3);
    b.after(a, c);
    b.after(c, a);
    let f = run(&b.plan, &options(0, Distribution::Triangular));
    assert_eq!(f.iterations, 1);
    // The loop is broken at `A after C`: C follows A, 2 + 3 days.
    assert_eq!(f.finish.p50.days, 5);
}

#[test]
fn milestones_follow_their_predecessors() {
    let mut b = Builder::new("2027-01-04");
    let a = b.task("A", 5);
    let half = b.milestone("half");
    let c = b.task("C", 5);
    let end = b.milestone("end");
    estimate(&mut b, a, 2, 5, 8);
    b.after(half, a);
    b.after(c, half);
    b.after(end, c);
    let f = run(&b.plan, &options(5_000, Distribution::Triangular));
    let (half, end) = (f.milestone(half).unwrap(), f.milestone(end).unwrap());
    // `end` is always exactly 5 days after `half`.
    assert!((end.mean_days - half.mean_days - 5.0).abs() < 1e-9);
    assert_eq!(end.p80.days, half.p80.days + 5);
    assert!((half.mean_days - 5.0).abs() < 0.05, "{}", half.mean_days);
    assert!(f.milestone(a).is_none());
}

#[test]
fn an_enormous_estimate_spreads_the_finish_over_millennia_without_trouble() {
    let (mut b, [a, .., done]) = fixed_chain();
    // 2.6 million working days: the longest duration analysis accepts.
    estimate(&mut b, a, 1, 1, 2_600_000);
    let f = run(&b.plan, &options(1_000, Distribution::Triangular));
    assert!(f.finish.p50.days > 100_000, "{:?}", f.finish.p50);
    assert!(f.finish.cdf.len() > 900, "{}", f.finish.cdf.len());
    assert_eq!(f.milestone(done).unwrap().p95, f.finish.p95);
}

#[test]
fn from_a_status_date_finished_work_is_fixed_and_work_in_progress_draws_its_rest() {
    // A [0,3] done, B [4,9] (after A +1d) 50% done, C after B, D after A.
    let (mut b, [a, bb, c, _, done]) = fixed_chain();
    estimate(&mut b, a, 1, 3, 20);
    estimate(&mut b, bb, 2, 4, 10);
    risk(&mut b, "on_a", 100, 10, &[a]);
    b.task_mut(a).progress = 100;
    b.task_mut(bb).progress = 50;
    // Thu 2027-01-07 (day 3): now is 4 days in.
    b.plan.program.status_date = Some(date("2027-01-07"));
    let f = run(&b.plan, &options(2_000, Distribution::Triangular));
    // A is history: never drawn, never critical, and its certain risk no
    // longer delays anything.
    assert_eq!(f.criticality[a.index()], 0.0);
    assert_eq!((f.risks[0].fired, f.risks[0].contribution), (0.0, Some(0.0)));
    // B draws half of a 2..10-day triangle (mean 16/3 days) from day 4:
    // its half is 1..5 days, so the milestone lands 4 + 1..5 + C's 2 days.
    let spread = f.milestone(done).unwrap();
    let lo = spread.cdf.first().unwrap().days;
    let hi = spread.cdf.last().unwrap().days;
    assert!((7..=8).contains(&lo) && (10..=11).contains(&hi), "{lo}..{hi}");
    // Mean: 4 + 16/3/2 + 2 = 8.67 days.
    assert!((spread.mean_days - 8.667).abs() < 0.15, "{}", spread.mean_days);
    assert!(f.criticality[bb.index()] > 0.99 && f.criticality[c.index()] > 0.99);
}
