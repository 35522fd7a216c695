//! Diagnostics as a step finds them, at most [`KEPT_PER_CODE`] of each code.
//!
//! A broken or hostile plan can have a diagnostic per token (`after a, a,
//! a, …` with no `a`), and each costs a hundred times the bytes of the
//! text that caused it: kept whole, 4 MB of such a plan took 1.8 GB. What
//! is left out is counted, and said in one more diagnostic of the same
//! code, so the exit status and the editor's count of errors stay true.

use rustc_hash::FxHashMap;

use crate::diagnostic::{Code, Diagnostic, Location, Severity};

/// How many diagnostics of one code one step keeps: lowering one chunk of
/// items, or resolving the plan (docs/limits.md).
pub const KEPT_PER_CODE: usize = 500;

#[derive(Debug, Default)]
pub struct Diagnostics {
    kept: Vec<Diagnostic>,
    /// For each code, how many were found, and where and how severe the
    /// first one left out was.
    found: FxHashMap<Code, (usize, Option<(Location, Severity)>)>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        let (count, first_left_out) = self.found.entry(d.code).or_default();
        *count += 1;
        if *count <= KEPT_PER_CODE {
            self.kept.push(d);
        } else if first_left_out.is_none() {
            *first_left_out = Some((d.location, d.severity));
        }
    }

    /// The diagnostics kept, each code over the limit followed by one that
    /// says how many more there were, at the place of the first left out.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        let mut out = self.kept;
        let mut over: Vec<_> = self
            .found
            .into_iter()
            .filter_map(|(code, (count, first))| first.map(|(at, severity)| (code, count, at, severity)))
            .collect();
        over.sort_by_key(|(code, ..)| *code);
        for (code, count, location, severity) in over {
            out.push(Diagnostic::new(
                code,
                severity,
                location,
                format!(
                    "{} more {code} here and after, not shown: Prog reports the first {KEPT_PER_CODE} of each kind",
                    count - KEPT_PER_CODE,
                    code = code.as_str()
                ),
            ));
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
    }
}
