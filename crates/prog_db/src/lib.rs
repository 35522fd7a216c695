//! The analysis of a plan: its source files in, diagnostics and the plan
//! model out. Every front end (the CLI, the language server) goes through
//! here.

mod loader;

pub use loader::{LoadError, load_plan};

use prog_plan::{Load, Schedule, WorkCalendar};
use prog_sema::{Code, Diagnostic, FileId, Location, Resolved};
use prog_syntax::Parse;

/// One source file of a plan.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The path as the user or the importing file named it.
    pub path: String,
    pub text: String,
}

/// A plan's files; the first one is the root.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    pub files: Vec<SourceFile>,
    /// Problems met while following imports (a missing file, ...).
    pub import_errors: Vec<Diagnostic>,
}

#[derive(Clone, Debug)]
pub struct Analysis {
    pub parses: Vec<Parse>,
    pub resolved: Resolved,
    pub calendar: WorkCalendar,
    pub schedule: Schedule,
    pub load: Load,
    /// Every diagnostic of the plan, ordered by file and position.
    pub diagnostics: Vec<Diagnostic>,
}

pub fn analyze(sources: &Sources) -> Analysis {
    let parses: Vec<Parse> = sources
        .files
        .iter()
        .map(|f| prog_syntax::parse(&f.text))
        .collect();
    let mut diagnostics = sources.import_errors.clone();
    let mut lowered = Vec::new();
    for (index, parse) in parses.iter().enumerate() {
        let file = FileId(index as u32);
        diagnostics.extend(parse.errors.iter().map(|e| {
            let mut d = Diagnostic::error(Code::Syntax, Location { file, span: e.span }, e.message.clone());
            d.hint = e.hint.clone();
            d
        }));
        lowered.push((file, prog_sema::lower_file(file, &parse.file, &mut diagnostics)));
    }
    let files: Vec<_> = lowered.iter().map(|(f, decls)| (*f, decls.as_slice())).collect();
    let resolved = prog_sema::resolve(&files);
    diagnostics.extend(resolved.diagnostics.iter().cloned());
    let plan = &resolved.plan;
    let calendar = WorkCalendar::new(plan);
    let schedule = prog_plan::schedule_with(plan, &calendar);
    let load = prog_plan::load(plan, &schedule, &calendar);
    diagnostics.extend(prog_sema::schedule_findings(
        plan,
        &resolved.source_map,
        &schedule,
        &load,
        &calendar,
    ));
    diagnostics.sort_by_key(|d| (d.location.file, d.location.span.start, d.location.span.end));
    Analysis {
        parses,
        resolved,
        calendar,
        schedule,
        load,
        diagnostics,
    }
}
