//! New ids for what a fragment declares, made from an issue's key or a
//! person's name (`PAY-123` → `pay_123`, `Jane Doe` → `jane_doe`), never
//! a keyword and never an id the plan or the fragment already has.

use std::collections::HashSet;

use prog_syntax::KEYWORDS;

#[derive(Default)]
pub struct Ids {
    taken: HashSet<String>,
}

impl Ids {
    pub fn new(taken: impl IntoIterator<Item = String>) -> Ids {
        Ids {
            taken: taken.into_iter().collect(),
        }
    }

    /// A fresh id from `text`, with `fallback` as its stem when `text` has
    /// no letter or digit, and `_2`, `_3`, ... when the stem is taken.
    pub fn fresh(&mut self, text: &str, fallback: &str) -> String {
        let stem = stem(text, fallback);
        let mut id = stem.clone();
        let mut n = 1;
        while self.taken.contains(&id) {
            n += 1;
            id = format!("{stem}_{n}");
        }
        self.taken.insert(id.clone());
        id
    }
}

fn stem(text: &str, fallback: &str) -> String {
    let mut id = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            id.push(c);
        } else if !c.is_alphanumeric() && !id.is_empty() && !id.ends_with('_') {
            // A letter an id cannot hold (`é`) is left out, not a break.
            id.push('_');
        }
    }
    let id = id.trim_end_matches('_');
    let mut id = match id.chars().next() {
        None => fallback.to_string(),
        Some(c) if c.is_ascii_digit() => format!("{fallback}_{id}"),
        Some(_) => id.to_string(),
    };
    if KEYWORDS.iter().any(|k| k.keyword_text() == Some(id.as_str())) {
        id.push('_');
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_keys_and_names() {
        let mut ids = Ids::new(["pay_1".to_string()]);
        assert_eq!(ids.fresh("PAY-1", "issue"), "pay_1_2");
        assert_eq!(ids.fresh("PAY-1", "issue"), "pay_1_3");
        assert_eq!(ids.fresh("#123", "issue"), "issue_123");
        assert_eq!(ids.fresh("acme/shop#7", "issue"), "acme_shop_7");
        assert_eq!(ids.fresh("José Núñez", "someone"), "jos_nez");
        assert_eq!(ids.fresh("Done", "issue"), "done_");
        assert_eq!(ids.fresh("日本", "someone"), "someone");
        assert_eq!(ids.fresh("", "task"), "task_");
    }
}
