//! The one way every report writes an amount of money or of planned work
//! (and a performance index):
//! thousands separated, the currency code before the number
//! (`EUR 12,500`), person-days with one decimal (`12.5 person-days`). The
//! status, the burndown and the diff all write amounts through here.

/// `value` in `unit` (`"money"` or `"person_days"`), with the plan's
/// `currency` code when it has one.
pub fn amount(unit: &str, currency: Option<&str>, value: f64) -> String {
    match unit {
        "money" => money(currency, value),
        _ => format!("{value:.1} person-days"),
    }
}

/// `EUR 12,500`, or `12,500` without a currency.
pub fn money(currency: Option<&str>, value: f64) -> String {
    let number = thousands(value);
    match currency {
        Some(currency) => format!("{currency} {number}"),
        None => number,
    }
}

/// `12,500` (rounded to whole units, with a sign when negative).
pub fn thousands(value: f64) -> String {
    let rounded = value.round();
    let digits = format!("{:.0}", rounded.abs());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if rounded < 0.0 { format!("-{out}") } else { out }
}

/// A performance index to two decimals, an em dash where it cannot be
/// computed: `0.83`, `—`.
pub fn index(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_string(), |v| format!("{v:.2}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_the_same_everywhere() {
        assert_eq!(thousands(253_830.0), "253,830");
        assert_eq!(thousands(-1_000.4), "-1,000");
        assert_eq!(thousands(999.5), "1,000");
        assert_eq!(amount("money", Some("EUR"), 300_150.0), "EUR 300,150");
        assert_eq!(amount("money", None, 12.0), "12");
        assert_eq!(amount("person_days", Some("EUR"), 12.25), "12.2 person-days");
    }
}
