//! Diagnostics: a location, a severity, a stable code and a plain message.

use std::borrow::Cow;

use prog_syntax::Span;

/// Which source file of a plan. The caller numbers the files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Location {
    pub file: FileId,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Hint,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Stable diagnostic codes. Tools match on these; never renumber one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    Syntax,
    UnknownId,
    DuplicateId,
    WrongKind,
    InvalidDate,
    InvalidDuration,
    InvalidAmount,
    MilestoneDuration,
    GateNotMilestone,
    MisplacedStatement,
    RepeatedStatement,
    NoProgram,
    InvalidValue,
    ImportFailed,
    InconsistentActuals,
    ActualAfterStatusDate,
    StatusDateBeforeStart,
    StatusDateFarAway,
    BaselineUnusable,
    RiskWithoutOwner,
    RiskWithoutMitigation,
    Unassigned,
    ProgressWithoutStatusDate,
    ResourceWithoutRate,
    DuplicateKey,
    DuplicateDependency,
    Cycle,
    OverAllocation,
    DeadlineMissed,
    PendingApprovalOnCriticalPath,
    LateStart,
    LateFinish,
    RejectedApproval,
    ApprovalOverdue,
    OverdueAction,
    BlockedWork,
    ExternalWithoutOwner,
    ExternalWithoutDate,
    ExternalLate,
    ExternalAtRiskOnCriticalPath,
    FromWithExpected,
    ProgramUnavailable,
    NotAMilestoneThere,
    ProgramsWaitOnEachOther,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Syntax => "P001",
            Code::UnknownId => "P101",
            Code::DuplicateId => "P102",
            Code::WrongKind => "P103",
            Code::InvalidDate => "P104",
            Code::InvalidDuration => "P105",
            Code::InvalidAmount => "P106",
            Code::MilestoneDuration => "P107",
            Code::GateNotMilestone => "P108",
            Code::MisplacedStatement => "P109",
            Code::RepeatedStatement => "P110",
            Code::NoProgram => "P111",
            Code::InvalidValue => "P112",
            Code::ImportFailed => "P113",
            Code::InconsistentActuals => "P114",
            Code::ActualAfterStatusDate => "P115",
            Code::StatusDateBeforeStart => "P116",
            Code::StatusDateFarAway => "P118",
            Code::BaselineUnusable => "P117",
            Code::RiskWithoutOwner => "P201",
            Code::RiskWithoutMitigation => "P202",
            Code::Unassigned => "P203",
            Code::ProgressWithoutStatusDate => "P204",
            Code::ResourceWithoutRate => "P205",
            Code::DuplicateKey => "P206",
            Code::DuplicateDependency => "P207",
            Code::Cycle => "P301",
            Code::OverAllocation => "P302",
            Code::DeadlineMissed => "P303",
            Code::PendingApprovalOnCriticalPath => "P304",
            Code::LateStart => "P305",
            Code::LateFinish => "P306",
            Code::RejectedApproval => "P307",
            Code::ApprovalOverdue => "P308",
            // The people around the program have a range of their own.
            Code::OverdueAction => "P320",
            Code::BlockedWork => "P321",
            Code::ExternalWithoutOwner => "P220",
            Code::ExternalWithoutDate => "P221",
            Code::ExternalLate => "P322",
            Code::ExternalAtRiskOnCriticalPath => "P323",
            // Other programs' milestones (`from … milestone`).
            Code::FromWithExpected => "P119",
            Code::ProgramUnavailable => "P120",
            Code::NotAMilestoneThere => "P121",
            Code::ProgramsWaitOnEachOther => "P122",
        }
    }
}

/// Another place that explains a diagnostic (the first definition of a
/// duplicate, the other edges of a cycle, ...).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Related {
    pub location: Location,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    pub location: Location,
    pub severity: Severity,
    pub code: Code,
    pub message: String,
    /// Most hints are the same text for every finding of a kind: those
    /// are not copied.
    pub hint: Option<Cow<'static, str>>,
    pub related: Vec<Related>,
    /// How many diagnostics of its code left out this one stands for: 0 but
    /// for the one that says so (see [`crate::Diagnostics`]), which a
    /// collector of a larger step counts again.
    pub left_out: usize,
}

impl Diagnostic {
    pub fn new(code: Code, severity: Severity, location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            location,
            severity,
            code,
            message: message.into(),
            hint: None,
            related: Vec::new(),
            left_out: 0,
        }
    }

    pub fn error(code: Code, location: Location, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Error, location, message)
    }

    pub fn warning(code: Code, location: Location, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Warning, location, message)
    }

    pub fn with_hint(mut self, hint: impl Into<Cow<'static, str>>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_related(mut self, location: Location, message: impl Into<String>) -> Self {
        self.related.push(Related {
            location,
            message: message.into(),
        });
        self
    }
}
