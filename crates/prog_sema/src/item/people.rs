//! Lowering of the statements about people: a stakeholder's `interest`,
//! `role`, `cadence`, `format` and `contact`; `consulted` and `informed` on
//! groups and milestones; `blocked` and `blocked_since` on tasks and
//! milestones; an action's `done DATE`.

use chrono::NaiveDate;
use prog_plan::people::{Cadence, Format, RaciRole};
use prog_syntax::TokenKind;
use prog_syntax::ast::{DeclKind, Name, StmtValue};

use super::{DeclValues, NameRef};
use crate::{Code, Diagnostic, Diagnostics, FileId, Location, values};

/// The people values of a declaration (see [`DeclValues::people`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PeopleValues {
    pub interests: Vec<NameRef>,
    pub consulted: Vec<NameRef>,
    pub informed: Vec<NameRef>,
    pub role: Option<RaciRole>,
    pub cadence: Option<Cadence>,
    pub format: Option<Format>,
    pub contact: Option<String>,
    /// `blocked "reason"`.
    pub blocked: Option<String>,
    pub blocked_since: Option<NaiveDate>,
    /// `done DATE` of an action.
    pub done_on: Option<NaiveDate>,
}

static NO_PEOPLE_VALUES: std::sync::LazyLock<PeopleValues> = std::sync::LazyLock::new(PeopleValues::default);

impl DeclValues {
    /// The people values, all `None` or empty when there are none.
    pub fn people(&self) -> &PeopleValues {
        self.people.as_deref().unwrap_or(&NO_PEOPLE_VALUES)
    }

    pub(crate) fn people_mut(&mut self) -> &mut PeopleValues {
        self.people.get_or_insert_with(Box::default)
    }
}

/// The references among a declaration's people values, for
/// [`crate::LoweredDecl::spans_mut`].
pub(crate) fn names_mut(people: &mut Option<Box<PeopleValues>>) -> impl Iterator<Item = &mut NameRef> {
    people.iter_mut().flat_map(|p| {
        p.interests
            .iter_mut()
            .chain(p.consulted.iter_mut())
            .chain(p.informed.iter_mut())
    })
}

/// Whether this statement is one of those lowered here.
pub(crate) fn is_people_statement(keyword: TokenKind, value: &StmtValue) -> bool {
    use TokenKind as T;
    matches!(
        keyword,
        T::Interest
            | T::Consulted
            | T::Informed
            | T::Role
            | T::Cadence
            | T::Format
            | T::Contact
            | T::Blocked
            | T::BlockedSince
    ) || (keyword == T::Done && matches!(value, StmtValue::Date(_)))
}

/// Lowers one statement that [`is_people_statement`] accepts.
pub(crate) fn store(
    kind: DeclKind,
    values: &mut DeclValues,
    keyword: TokenKind,
    value: &StmtValue,
    file: FileId,
    diagnostics: &mut Diagnostics,
) {
    use TokenKind as T;
    let at = |span| Location { file, span };
    let people = values.people_mut();
    match (keyword, value) {
        (T::Interest, StmtValue::Names(names)) => people.interests.extend(names.iter().map(NameRef::from)),
        (T::Consulted, StmtValue::Names(names)) => people.consulted.extend(names.iter().map(NameRef::from)),
        (T::Informed, StmtValue::Names(names)) => people.informed.extend(names.iter().map(NameRef::from)),
        (T::Role, StmtValue::Names(names)) => {
            people.role = word(
                names,
                RaciRole::from_word,
                "responsible, accountable, consulted or informed",
                at,
                diagnostics,
            )
        }
        (T::Cadence, StmtValue::Names(names)) => {
            people.cadence = word(
                names,
                Cadence::from_word,
                "daily, weekly, biweekly or monthly",
                at,
                diagnostics,
            )
        }
        (T::Format, StmtValue::Names(names)) => {
            people.format = word(names, Format::from_word, "summary or detail", at, diagnostics)
        }
        (T::Contact, StmtValue::Text(lit)) => people.contact = Some(lit.text.clone()),
        (T::Blocked, StmtValue::Text(lit)) => people.blocked = Some(lit.text.clone()),
        (T::BlockedSince | T::Done, StmtValue::Date(lit)) => {
            let date = match values::date(lit) {
                Ok(date) => Some(date),
                Err((code, message, hint)) => {
                    let mut d = Diagnostic::error(code, at(lit.span), message);
                    d.hint = hint.map(Into::into);
                    diagnostics.push(d);
                    None
                }
            };
            if keyword == T::BlockedSince {
                people.blocked_since = date;
            } else if kind == DeclKind::Action {
                people.done_on = date;
            } else {
                let d = Diagnostic::error(
                    Code::InvalidValue,
                    at(lit.span),
                    format!(
                        "only an action's `done` takes a date; a {} is done on its `actual_finish`",
                        kind.keyword()
                    ),
                )
                .with_hint(format!("write `done` and `actual_finish {}`", lit.text));
                diagnostics.push(d);
            }
            if keyword == T::Done {
                values.task_mut().progress = Some(100);
            }
        }
        _ => {}
    }
}

/// The one word of a `role`, `cadence` or `format`, read by `parse`.
fn word<T>(
    names: &[Name],
    parse: fn(&str) -> Option<T>,
    expected: &str,
    at: impl Fn(prog_syntax::Span) -> Location,
    diagnostics: &mut Diagnostics,
) -> Option<T> {
    let name = names.first()?;
    let value = parse(&name.text);
    if value.is_none() {
        let d = Diagnostic::error(
            Code::InvalidValue,
            at(name.span),
            format!("`{}` is not one of {expected}", name.text),
        )
        .with_hint(format!("write one of {expected}"));
        diagnostics.push(d);
    }
    value
}
