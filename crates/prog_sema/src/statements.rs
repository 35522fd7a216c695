//! Which statements each kind of declaration takes, and which of them may
//! be written more than once.

use prog_syntax::TokenKind;
use prog_syntax::ast::DeclKind;

/// Whether a statement belongs in a declaration of this kind.
pub fn allowed(kind: DeclKind, keyword: TokenKind) -> bool {
    use TokenKind as T;
    let deps = matches!(keyword, T::After | T::StartWith | T::FinishWith);
    match kind {
        DeclKind::Program => matches!(
            keyword,
            T::Start | T::StatusDate | T::Calendar | T::Currency | T::Baseline
        ),
        DeclKind::Calendar => matches!(keyword, T::Workdays | T::Holiday),
        DeclKind::Person | DeclKind::Team => {
            matches!(keyword, T::Capacity | T::Calendar | T::Off | T::RateKw | T::Key)
        }
        DeclKind::Task => {
            deps || matches!(
                keyword,
                T::DurationKw
                    | T::Effort
                    | T::Estimate
                    | T::Owner
                    | T::Assign
                    | T::NotBefore
                    | T::Deadline
                    | T::Progress
                    | T::Done
                    | T::Cost
                    | T::ActualStart
                    | T::ActualFinish
                    | T::Remaining
                    | T::ActualCost
                    | T::ActualEffort
                    | T::Key
                    | T::Blocked
                    | T::BlockedSince
            )
        }
        DeclKind::Milestone => {
            deps || matches!(
                keyword,
                T::Owner
                    | T::NotBefore
                    | T::Deadline
                    | T::Done
                    | T::ActualFinish
                    | T::Cost
                    | T::ActualCost
                    | T::Key
                    | T::Blocked
                    | T::BlockedSince
                    | T::Consulted
                    | T::Informed
            )
        }
        DeclKind::Group => {
            deps || matches!(
                keyword,
                T::Owner | T::NotBefore | T::Deadline | T::Key | T::Consulted | T::Informed
            )
        }
        DeclKind::Risk => matches!(
            keyword,
            T::Probability | T::Impact | T::Affects | T::Owner | T::Mitigation
        ),
        DeclKind::Approval => matches!(keyword, T::Gates | T::Approvers | T::Status | T::Due),
        DeclKind::Stakeholder => matches!(
            keyword,
            T::Interest | T::Role | T::Cadence | T::Format | T::Contact
        ),
        DeclKind::Action => matches!(keyword, T::Owner | T::Due | T::Affects | T::Done),
        DeclKind::External => matches!(
            keyword,
            T::Owner | T::Contact | T::Expected | T::Status | T::Delivered | T::Key | T::From
        ),
    }
}

/// Statements that may appear more than once, adding up.
pub(crate) fn repeatable(keyword: TokenKind) -> bool {
    use TokenKind as T;
    matches!(
        keyword,
        T::After
            | T::StartWith
            | T::FinishWith
            | T::Assign
            | T::Affects
            | T::Gates
            | T::Approvers
            | T::Holiday
            | T::Off
            | T::Interest
            | T::Consulted
            | T::Informed
    )
}
