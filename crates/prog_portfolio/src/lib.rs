//! A portfolio: several programs analysed side by side (`prog portfolio`).
//!
//! Each program is analysed on its own, as `prog status` would: its rating,
//! planned and forecast finish, SPI, CPI, EAC and the milestones at risk.
//! A program with errors is listed with them and the others still report.
//! Then the people and teams the programs share ([`shared`]) have their
//! load summed day by day across programs, which finds the over-allocation
//! no single plan can see, and the programs that wait for another's
//! milestone ([`Dependency`]) are found with their slack. Reading files is the caller's: this crate reads
//! the database's answers only.

mod dependencies;
mod dependency_graph;
pub mod html;
pub mod markdown;
mod shared;

use chrono::NaiveDate;
use prog_db::{Database, Project};
use prog_report::status::StatusReport;
use prog_sema::Severity;
use serde::Serialize;

pub use dependencies::Dependency;
pub use shared::{OverPeriod, SharedResource};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Portfolio {
    /// In the order given.
    pub programs: Vec<ProgramRow>,
    /// People and teams of more than one program, with their summed load.
    pub shared: Vec<SharedResource>,
    /// Programs waiting for other programs' milestones, with their slack.
    pub dependencies: Vec<Dependency>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProgramRow {
    /// The root file, as given.
    pub path: String,
    pub id: String,
    pub title: Option<String>,
    /// The overall rating of `prog status` (`"green"`, `"amber"`, `"red"`)
    /// and why, in the reasons of the areas that set it (`None` when every
    /// area is green); `None` for a program that did not analyse.
    pub rating: Option<&'static str>,
    pub rating_reason: Option<String>,
    pub planned_finish: Option<NaiveDate>,
    pub forecast_finish: Option<NaiveDate>,
    pub spi: Option<f64>,
    pub cpi: Option<f64>,
    /// Estimate at completion, in `unit`.
    pub eac: Option<f64>,
    /// `"money"` or `"person_days"`.
    pub unit: Option<&'static str>,
    pub currency: Option<String>,
    /// Open milestones forecast after their planned date or their deadline.
    pub milestones_at_risk: Vec<String>,
    /// The messages of its errors, `file:line:column: message`; a program
    /// with any is not rated.
    pub errors: Vec<String>,
}

impl ProgramRow {
    /// The title, or the id, or the path when there is neither.
    pub fn name(&self) -> &str {
        self.title
            .as_deref()
            .filter(|t| !t.trim().is_empty())
            .or(Some(self.id.as_str()).filter(|id| !id.is_empty()))
            .unwrap_or(&self.path)
    }
}

impl Portfolio {
    /// The portfolio of `programs` (each a loaded plan) in `db`.
    pub fn new(db: &Database, programs: &[Project]) -> Portfolio {
        let rows = programs.iter().map(|&p| program_row(db, p)).collect::<Vec<_>>();
        let analysed: Vec<(usize, Project)> = programs
            .iter()
            .enumerate()
            .filter(|(i, _)| rows[*i].errors.is_empty())
            .map(|(i, p)| (i, *p))
            .collect();
        Portfolio {
            shared: shared::shared(db, &analysed, &rows),
            dependencies: dependencies::dependencies(db, programs, &rows),
            programs: rows,
        }
    }

    /// What the pages call a program known by `id` (see
    /// [`Dependency::on`]): its name when it is in the portfolio, else
    /// the id (the path of a plan outside it) as it is.
    pub fn program_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.programs
            .iter()
            .find(|row| row.id == id)
            .map_or(id, |row| row.name())
    }
}

fn program_row(db: &Database, project: Project) -> ProgramRow {
    let path = project.root(db).path(db).to_string();
    let resolved = prog_db::resolved(db, project);
    let plan = &resolved.plan;
    let files = &prog_db::plan_files(db, project).files;
    let errors: Vec<String> = prog_db::diagnostics(db, project)
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            let file = files[d.location.file.0 as usize];
            let at = prog_db::line_index(db, file).line_col(d.location.span.start());
            format!("{}:{}:{}: {}", file.path(db), at.line + 1, at.col + 1, d.message)
        })
        .collect();
    let mut row = ProgramRow {
        path,
        id: plan.program.id.clone(),
        title: plan.program.title.clone(),
        rating: None,
        rating_reason: None,
        planned_finish: None,
        forecast_finish: None,
        spi: None,
        cpi: None,
        eac: None,
        unit: None,
        currency: plan.program.currency.clone(),
        milestones_at_risk: Vec::new(),
        errors,
    };
    if !row.errors.is_empty() {
        return row;
    }
    let cal = prog_db::work_calendar(db, project);
    let status = StatusReport::new(
        plan,
        prog_db::schedule(db, project),
        prog_db::load(db, project),
        cal,
        None,
        None,
    );
    row.rating = Some(status.rag.overall.level.as_str());
    row.rating_reason = status.rating_causes();
    row.planned_finish = Some(status.plan.planned_finish);
    row.forecast_finish = Some(status.plan.forecast_finish);
    row.spi = status.program.spi;
    row.cpi = status.program.cpi;
    row.eac = status.program.eac;
    row.unit = Some(status.unit);
    row.milestones_at_risk = status
        .milestones
        .iter()
        .filter(|m| !m.done && (m.forecast > m.planned || m.deadline.is_some_and(|d| m.forecast > d)))
        .map(|m| m.id.clone())
        .collect();
    row
}
