//! Typing of literal values: dates, durations, percentages and numbers.

use chrono::{Datelike, NaiveDate};
use prog_plan::{Money, Work};
use prog_syntax::ast::Literal;

/// Why a literal is not a valid value; the caller adds the location.
pub type ValueError = (crate::Code, String, Option<String>);

pub fn date(lit: &Literal) -> Result<NaiveDate, ValueError> {
    let date = NaiveDate::parse_from_str(&lit.text, "%Y-%m-%d").map_err(|_| {
        (
            crate::Code::InvalidDate,
            format!("`{}` is not a valid date", lit.text),
            Some("dates are written YYYY-MM-DD, such as 2027-01-04".to_string()),
        )
    })?;
    if !DATE_YEARS.contains(&date.year()) {
        return Err((
            crate::Code::InvalidDate,
            format!("`{}` is out of range", lit.text),
            Some(format!(
                "dates run from {}-01-01 to {}-12-31",
                DATE_YEARS.start(),
                DATE_YEARS.end()
            )),
        ));
    }
    Ok(date)
}

/// The years a date may have: a plan's dates, and its schedule's, stay
/// within four-digit years.
pub const DATE_YEARS: std::ops::RangeInclusive<i32> = 1900..=2999;

/// A duration or, when `signed`, a lag (`+2d`) or lead (`-1d`).
pub fn duration(lit: &Literal, signed: bool) -> Result<Work, ValueError> {
    let text = lit.text.as_str();
    let invalid = |why: &str| {
        (
            crate::Code::InvalidDuration,
            format!("`{text}` is not a valid duration{why}"),
            Some(
                "write a duration such as 5d (working days), 2w (weeks of 5 days) or 4h (hours)".to_string(),
            ),
        )
    };
    let (sign, rest) = match text.as_bytes().first() {
        Some(b'+') => (1, &text[1..]),
        Some(b'-') => (-1, &text[1..]),
        _ => (1, text),
    };
    if sign < 0 && !signed {
        return Err(invalid(": it cannot be negative"));
    }
    let (number, unit) = rest.split_at(rest.len().saturating_sub(1));
    let n: i64 = number.parse().map_err(|_| invalid(""))?;
    let hours = match unit {
        "h" => Some(n),
        "d" => n.checked_mul(Work::HOURS_PER_DAY),
        "w" => n.checked_mul(5 * Work::HOURS_PER_DAY),
        _ => None,
    };
    // Ten thousand years of working time is a typo, not a plan.
    match hours {
        Some(h) if h <= 10_000 * 260 * Work::HOURS_PER_DAY => Ok(Work(sign * h)),
        _ => Err(invalid(": it is too long")),
    }
}

/// An amount: `N%` as N, or a plain number `N` as N×100 (whole units).
/// Both come back in percent units, rounded.
pub fn amount(lit: &Literal) -> Result<Amount, ValueError> {
    let invalid = || {
        (
            crate::Code::InvalidAmount,
            format!("`{}` is not a valid amount", lit.text),
            Some("write a percentage such as 50% or a number such as 2".to_string()),
        )
    };
    if let Some(number) = lit.text.strip_suffix('%') {
        let value: f64 = number.parse().map_err(|_| invalid())?;
        value_in_range(value).map(Amount::Percent).ok_or_else(invalid)
    } else {
        let value: f64 = lit.text.parse().map_err(|_| invalid())?;
        value_in_range(value * 100.0)
            .map(Amount::Units)
            .ok_or_else(invalid)
    }
}

/// An amount of money: a number with optional decimals and `_` between
/// digits (`12_500.50`).
pub fn money(lit: &Literal) -> Result<Money, ValueError> {
    money_text(&lit.text).ok_or_else(|| {
        (
            crate::Code::InvalidAmount,
            format!("`{}` is not a valid amount of money", lit.text),
            Some("write an amount such as 12_500.50".to_string()),
        )
    })
}

/// A rate, `800/d` or `95.50/h`, as the cost of one full unit for one
/// working day.
pub fn rate(lit: &Literal) -> Result<Money, ValueError> {
    let invalid = || {
        (
            crate::Code::InvalidAmount,
            format!("`{}` is not a valid rate", lit.text),
            Some("write a rate per working day or hour, such as 800/d or 95.50/h".to_string()),
        )
    };
    let (amount, per) = lit.text.rsplit_once('/').ok_or_else(invalid)?;
    let amount = money_text(amount).ok_or_else(invalid)?;
    match per {
        "d" => Ok(amount),
        "h" => amount
            .0
            .checked_mul(Work::HOURS_PER_DAY)
            .map(Money)
            .ok_or_else(invalid),
        _ => Err(invalid()),
    }
}

fn money_text(text: &str) -> Option<Money> {
    let digits: String = text.chars().filter(|&c| c != '_').collect();
    let well_placed =
        !text.starts_with('_') && !text.ends_with('_') && !text.contains("_.") && !text.contains("._");
    if !well_placed || digits.is_empty() {
        return None;
    }
    Money::from_units(digits.parse().ok()?)
}

fn value_in_range(value: f64) -> Option<u32> {
    (value.is_finite() && (0.0..=1e9).contains(&value)).then(|| value.round() as u32)
}

/// An amount in percent units, remembering how it was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Amount {
    /// `50%`
    Percent(u32),
    /// `2` (as 200)
    Units(u32),
}

impl Amount {
    pub fn units(self) -> u32 {
        match self {
            Amount::Percent(u) | Amount::Units(u) => u,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use prog_syntax::Span;

    fn lit(text: &str) -> Literal {
        Literal {
            text: text.to_string(),
            span: Span::default(),
        }
    }

    #[test]
    fn durations_convert_to_hours() {
        assert_eq!(duration(&lit("5d"), false).unwrap(), Work::days(5));
        assert_eq!(duration(&lit("2w"), false).unwrap(), Work::days(10));
        assert_eq!(duration(&lit("4h"), false).unwrap(), Work(4));
        assert_eq!(duration(&lit("+2d"), true).unwrap(), Work::days(2));
        assert_eq!(duration(&lit("-1d"), true).unwrap(), Work::days(-1));
        assert!(duration(&lit("-1d"), false).is_err());
        assert!(duration(&lit("99999999999999w"), false).is_err());
    }

    #[test]
    fn dates_are_checked_against_the_calendar() {
        assert!(date(&lit("2027-02-28")).is_ok());
        assert!(date(&lit("2027-02-30")).is_err());
        assert!(date(&lit("2027-13-01")).is_err());
        assert!(date(&lit("1900-01-01")).is_ok() && date(&lit("2999-12-31")).is_ok());
        let (code, message, _) = date(&lit("9999-12-30")).unwrap_err();
        assert_eq!(
            (code, message.as_str()),
            (crate::Code::InvalidDate, "`9999-12-30` is out of range")
        );
        assert!(date(&lit("1899-12-31")).is_err() && date(&lit("3000-01-01")).is_err());
    }

    #[test]
    fn money_and_rates_are_exact() {
        assert_eq!(money(&lit("12_500.50")).unwrap(), Money(125_005_000));
        assert_eq!(money(&lit("0.0001")).unwrap(), Money(1));
        assert!(money(&lit("12__")).is_err());
        assert!(money(&lit("_12")).is_err());
        assert_eq!(rate(&lit("800/d")).unwrap(), Money(8_000_000));
        assert_eq!(
            rate(&lit("95.50/h")).unwrap(),
            Money(7_640_000),
            "8 hours of 95.50"
        );
        assert!(rate(&lit("95/w")).is_err());
    }

    #[test]
    fn amounts_are_percent_units() {
        assert_eq!(amount(&lit("50%")).unwrap(), Amount::Percent(50));
        assert_eq!(amount(&lit("4")).unwrap(), Amount::Units(400));
        assert_eq!(amount(&lit("1.5")).unwrap(), Amount::Units(150));
    }
}
