//! Diagnostics as a step finds them, at most [`KEPT_PER_CODE`] of each code.
//!
//! A broken or hostile plan can have a diagnostic per token (`after a, a,
//! a, …` with no `a`), and each costs a hundred times the bytes of the
//! text that caused it: kept whole, 4 MB of such a plan took 1.8 GB. What
//! is left out is counted, and said in one more diagnostic of the same
//! code, so the exit status and the editor's count of errors stay true.
//! That one says how many it stands for, so the collector of a larger step
//! (a file's items, each lowered apart) counts them again, and keeps its
//! own first 500.

use rustc_hash::FxHashMap;

use crate::diagnostic::{Code, Diagnostic, Location, Severity};

/// How many diagnostics of one code one step keeps: lowering one item,
/// placing the items' diagnostics of a file, or resolving the plan
/// (docs/limits.md).
pub const KEPT_PER_CODE: usize = 500;

#[derive(Debug, Default)]
pub struct Diagnostics {
    kept: Vec<Diagnostic>,
    /// For each code, how many were kept and how many left out, and where
    /// and how severe the first one left out was.
    found: FxHashMap<Code, Found>,
}

#[derive(Debug, Default)]
struct Found {
    kept: usize,
    left_out: usize,
    first_left_out: Option<(Location, Severity)>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        let found = self.found.entry(d.code).or_default();
        if d.left_out == 0 && found.kept < KEPT_PER_CODE {
            found.kept += 1;
            self.kept.push(d);
            return;
        }
        // One left out, or the count of those another step left out.
        found.left_out += d.left_out.max(1);
        found.first_left_out.get_or_insert((d.location, d.severity));
    }

    /// The diagnostics kept, each code over the limit followed by one that
    /// says how many more there were, at the place of the first left out.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        let mut out = self.kept;
        let mut over: Vec<_> = self
            .found
            .into_iter()
            .filter_map(|(code, found)| {
                found
                    .first_left_out
                    .map(|(at, severity)| (code, found.left_out, at, severity))
            })
            .collect();
        over.sort_by_key(|(code, ..)| *code);
        for (code, left_out, location, severity) in over {
            let mut d = Diagnostic::new(
                code,
                severity,
                location,
                format!(
                    "{left_out} more {code} here and after, not shown: Prog reports the first {KEPT_PER_CODE} of each kind",
                    code = code.as_str()
                ),
            );
            d.left_out = left_out;
            out.push(d);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use prog_syntax::Span;

    use super::*;
    use crate::diagnostic::FileId;

    fn at(n: usize) -> Location {
        Location {
            file: FileId(0),
            span: Span::new(n, n + 1),
        }
    }

    #[test]
    fn keeps_the_first_of_each_code_and_counts_the_rest() {
        let mut list = Diagnostics::default();
        for n in 0..KEPT_PER_CODE + 7 {
            list.push(Diagnostic::error(Code::UnknownId, at(n), "unknown id `a`"));
        }
        list.push(Diagnostic::warning(Code::DuplicateKey, at(9999), "shared key"));
        let out = list.into_vec();
        // 500 P101 kept, the warning, then the one that counts the 7 others
        // at the place of the first left out (the 501st, at 500).
        assert_eq!(out.len(), KEPT_PER_CODE + 2);
        let last = out.last().unwrap();
        assert_eq!(last.code, Code::UnknownId);
        assert_eq!(last.severity, Severity::Error);
        assert_eq!(last.location, at(KEPT_PER_CODE));
        assert!(
            last.message.starts_with("7 more P101 here and after"),
            "{}",
            last.message
        );
        assert_eq!(out[KEPT_PER_CODE].code, Code::DuplicateKey);
        assert_eq!(last.left_out, 7);
    }

    #[test]
    fn a_larger_step_counts_again_what_each_smaller_one_left_out() {
        // Two items, each with 600 unknown ids: each keeps 500 and counts
        // 100; the file keeps the first item's 500 and counts the other 700.
        let mut file = Diagnostics::default();
        for item in 0..2 {
            let mut list = Diagnostics::default();
            for n in 0..600 {
                list.push(Diagnostic::error(
                    Code::UnknownId,
                    at(item * 1000 + n),
                    "unknown id `a`",
                ));
            }
            for d in list.into_vec() {
                file.push(d);
            }
        }
        let out = file.into_vec();
        assert_eq!(out.len(), KEPT_PER_CODE + 1);
        let last = out.last().unwrap();
        assert_eq!(last.left_out, 700);
        assert!(last.message.starts_with("700 more P101"), "{}", last.message);
        // The first left out is the first item's 501st.
        assert_eq!(last.location, at(KEPT_PER_CODE));
    }
}
