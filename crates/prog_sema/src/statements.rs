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
            )
        }
        DeclKind::Group => deps || matches!(keyword, T::Owner | T::NotBefore | T::Deadline | T::Key),
        DeclKind::Risk => matches!(
            keyword,
            T::Probability | T::Impact | T::Affects | T::Owner | T::Mitigation
        ),
        DeclKind::Approval => matches!(keyword, T::Gates | T::Approvers | T::Status | T::Due),
        DeclKind::External => matches!(
            keyword,
            T::Owner | T::Contact | T::Expected | T::Status | T::Delivered | T::Key
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
    )
}
