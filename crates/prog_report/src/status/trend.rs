//! The trend of `prog status --trend N`: earned value and the forecast
//! finish at each of the last commits that changed the plan, each measured
//! at its own status date.

use chrono::NaiveDate;
use prog_plan::baseline::Baseline;
use prog_plan::measure;
use prog_plan::{Plan, Schedule, WorkCalendar};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TrendPoint {
    pub rev: String,
    pub status_date: Option<NaiveDate>,
    pub ev: Option<f64>,
    pub pv: Option<f64>,
    pub ac: Option<f64>,
    pub spi: Option<f64>,
    pub cpi: Option<f64>,
    pub spi_t: Option<f64>,
    pub forecast_finish: NaiveDate,
}

impl TrendPoint {
    /// `plan` as it was at `rev`, measured at its own status date (against
    /// `baseline` when there is one).
    pub fn measure(
        rev: &str,
        plan: &Plan,
        schedule: &Schedule,
        cal: &WorkCalendar,
        baseline: Option<&Baseline>,
    ) -> TrendPoint {
        let earned = measure(plan, schedule, cal, baseline);
        let program = earned.as_ref().map(|e| e.program);
        TrendPoint {
            rev: rev.to_string(),
            status_date: plan.program.status_date,
            ev: program.map(|p| p.ev),
            pv: program.map(|p| p.pv),
            ac: program.and_then(|p| p.ac),
            spi: program.and_then(|p| p.spi()),
            cpi: program.and_then(|p| p.cpi()),
            spi_t: earned.as_ref().and_then(|e| e.schedule.spi_t()),
            forecast_finish: cal.milestone_date(schedule.duration),
        }
    }
}

impl super::StatusReport {
    /// The trend as rows of text, oldest first: commit, status date, EV,
    /// PV, AC, SPI, CPI, SPI(t), forecast finish (an em dash where a figure
    /// is unavailable). Unescaped.
    pub fn trend_rows(&self) -> Vec<[String; 9]> {
        let dash = || "—".to_string();
        let amount = |v: Option<f64>| v.map_or_else(dash, |v| self.amount(v));
        self.trend
            .iter()
            .map(|t| {
                [
                    t.rev.clone(),
                    t.status_date.map_or_else(dash, |d| d.to_string()),
                    amount(t.ev),
                    amount(t.pv),
                    amount(t.ac),
                    crate::amount::index(t.spi),
                    crate::amount::index(t.cpi),
                    crate::amount::index(t.spi_t),
                    t.forecast_finish.to_string(),
                ]
            })
            .collect()
    }
}
