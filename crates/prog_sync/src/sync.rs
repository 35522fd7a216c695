//! A plan's files and a tracker's issues in; the files' new texts and
//! what changed out. Each keyed task, milestone or group is matched with
//! the issue of its key and edited in the file that declares it.

use std::collections::HashMap;

use chrono::NaiveDate;
use prog_syntax::LineIndex;
use prog_syntax::ast::Decl;

use crate::edits::{TextEdit, Wanted, apply, children_insertion, decl_edits};
use crate::fragment::Nested;
use crate::keyed::{PlanIndex, key_of};
use crate::tracking::{TRACKED, Tracking};
use crate::{Assignee, Issue};

/// One file of the plan: its path as the plan names it, and its text.
pub struct PlanText {
    pub path: String,
    pub text: String,
}

/// A keyed item of the plan, where it is declared (line from 1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyedItem {
    pub key: String,
    pub item: String,
    pub path: String,
    pub line: usize,
}

/// One statement a sync changed: absent before (`old` is `None`), removed
/// (`new` is `None`) or given a new value. `done`'s value is empty.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub at: KeyedItem,
    pub statement: &'static str,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// A key on more than one item: none of them is synced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DuplicateKey {
    pub key: String,
    pub items: Vec<KeyedItem>,
}

#[derive(Default)]
pub struct Synced {
    /// The new text of each file given, `None` when it is unchanged.
    pub texts: Vec<Option<String>>,
    pub changes: Vec<Change>,
    /// The issues no item of the plan has the key of (indexes of the issues).
    pub not_in_plan: Vec<usize>,
    pub not_in_source: Vec<KeyedItem>,
    pub duplicates: Vec<DuplicateKey>,
    /// Issues whose assignee no person or team has the key of.
    pub unmatched_assignees: Vec<(String, Assignee)>,
    /// Items whose edits could not be placed, and why.
    pub not_edited: Vec<(KeyedItem, String)>,
    /// The latest actual date written, for the check against the status date.
    pub latest_actual: Option<(NaiveDate, String)>,
}

pub fn sync(files: &[PlanText], issues: &[Issue]) -> Synced {
    let texts: Vec<&str> = files.iter().map(|f| f.text.as_str()).collect();
    let plan = PlanIndex::new(&texts);
    let lookup = Lookup::new(issues);
    let mut synced = Synced {
        texts: vec![None; files.len()],
        ..Synced::default()
    };
    let lines: Vec<LineIndex> = files.iter().map(|f| LineIndex::new(&f.text)).collect();
    let at = |file: usize, decl: &Decl| KeyedItem {
        key: key_of(decl).unwrap_or_default().to_string(),
        item: decl.name.as_ref().map_or(String::new(), |n| n.text.to_string()),
        path: files[file].path.clone(),
        line: lines[file].line_col(decl.span.start()).line as usize + 1,
    };
    let mut by_key: HashMap<&str, Vec<(usize, &Decl)>> = HashMap::new();
    for (file, decl) in &plan.work {
        by_key
            .entry(key_of(decl).unwrap_or_default())
            .or_default()
            .push((*file, decl));
    }
    let mut matched = vec![false; issues.len()];
    let mut edits: Vec<Vec<TextEdit>> = vec![Vec::new(); files.len()];
    let mut keys: Vec<&&str> = by_key.keys().collect();
    keys.sort_by_key(|k| (by_key[**k][0].0, by_key[**k][0].1.span.start()));
    for key in keys {
        let items = &by_key[*key];
        if items.len() > 1 {
            let items = items.iter().map(|(f, d)| at(*f, d)).collect();
            synced.duplicates.push(DuplicateKey {
                key: key.to_string(),
                items,
            });
            lookup.find(key).into_iter().for_each(|i| matched[i] = true);
            continue;
        }
        let (file, decl) = items[0];
        let Some(i) = lookup.find(key) else {
            synced.not_in_source.push(at(file, decl));
            continue;
        };
        matched[i] = true;
        let before = Tracking::of(&decl.stmts);
        let after = before.updated(&issues[i], decl.kind);
        let wanted: Vec<Wanted> = TRACKED
            .iter()
            .filter(|&&k| before.differs(&after, k))
            .map(|&k| (k, after.text(k)))
            .collect();
        if wanted.is_empty() {
            continue;
        }
        match decl_edits(&files[file].text, decl, &wanted) {
            Ok(new) => edits[file].extend(new),
            Err(why) => {
                synced.not_edited.push((at(file, decl), why));
                continue;
            }
        }
        if let Some(date) = after
            .latest_date()
            .filter(|d| synced.latest_actual.as_ref().is_none_or(|(l, _)| d > l))
        {
            synced.latest_actual = Some((date, issues[i].key.clone()));
        }
        for (keyword, new) in wanted {
            synced.changes.push(Change {
                at: at(file, decl),
                statement: keyword.keyword_text().unwrap_or_default(),
                old: before.text(keyword),
                new,
            });
        }
    }
    for (file, edits) in edits.into_iter().enumerate().filter(|(_, e)| !e.is_empty()) {
        // Edits of distinct statements never overlap; should they, the
        // file is left as it was rather than written wrong.
        match apply(&files[file].text, edits) {
            Some(text) => synced.texts[file] = Some(text),
            None => {
                let path = &files[file].path;
                synced.changes.retain(|c| &c.at.path != path);
                let item = KeyedItem {
                    key: String::new(),
                    item: String::new(),
                    path: path.clone(),
                    line: 1,
                };
                synced.not_edited.push((item, "two edits overlap".into()));
            }
        }
    }
    synced.not_in_plan = (0..issues.len()).filter(|&i| !matched[i]).collect();
    synced.unmatched_assignees = issues
        .iter()
        .filter_map(|issue| issue.assignee.as_ref().map(|a| (issue, a)))
        .filter(|(_, a)| plan.resource_of(a).is_none())
        .map(|(issue, a)| (issue.key.clone(), a.clone()))
        .collect();
    synced
}

/// The texts of `files` with each of `nested` added at the end of the
/// group of its key (the first declared, should two share it), `None` for
/// a text unchanged; and the keys of the groups that could not take them.
pub fn nest(files: &[PlanText], nested: &[Nested]) -> (Vec<Option<String>>, Vec<String>) {
    let texts: Vec<&str> = files.iter().map(|f| f.text.as_str()).collect();
    let plan = PlanIndex::new(&texts);
    let mut groups: Vec<&str> = nested.iter().map(|n| n.group.as_str()).collect();
    groups.dedup();
    let mut edits: Vec<Vec<TextEdit>> = vec![Vec::new(); files.len()];
    let mut not_placed = Vec::new();
    for key in groups {
        let children: String = nested
            .iter()
            .filter(|n| n.group == key)
            .map(|n| n.text.as_str())
            .collect();
        let group = plan
            .work
            .iter()
            .find(|(_, d)| d.kind == prog_syntax::ast::DeclKind::Group && key_of(d) == Some(key));
        match group.map(|(i, group)| (*i, children_insertion(&files[*i].text, group, &children))) {
            Some((i, Ok(edit))) => edits[i].push(edit),
            _ => not_placed.push(key.to_string()),
        }
    }
    let texts = edits
        .into_iter()
        .enumerate()
        .map(|(i, edits)| {
            if edits.is_empty() {
                None
            } else {
                apply(&files[i].text, edits)
            }
        })
        .collect();
    (texts, not_placed)
}

/// Issues by key. A GitHub key matches with or without its repository
/// (`#12` and `acme/shop#12`) when only one issue has that number.
struct Lookup {
    exact: HashMap<String, usize>,
    numbers: HashMap<String, Option<usize>>,
}

impl Lookup {
    fn new(issues: &[Issue]) -> Lookup {
        let mut numbers: HashMap<String, Option<usize>> = HashMap::new();
        for (i, issue) in issues.iter().enumerate() {
            if let Some(number) = github_number(&issue.key) {
                numbers
                    .entry(number.to_string())
                    .and_modify(|n| *n = None)
                    .or_insert(Some(i));
            }
        }
        let exact = issues
            .iter()
            .enumerate()
            .map(|(i, issue)| (issue.key.clone(), i))
            .collect();
        Lookup { exact, numbers }
    }

    fn find(&self, key: &str) -> Option<usize> {
        self.exact
            .get(key)
            .copied()
            .or_else(|| self.numbers.get(github_number(key)?).copied().flatten())
    }
}

/// `#12` of `#12` or `acme/shop#12`.
fn github_number(key: &str) -> Option<&str> {
    let at = key.rfind('#')?;
    let number = &key[at..];
    (number.len() > 1 && number[1..].bytes().all(|b| b.is_ascii_digit())).then_some(number)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Status;

    fn plan(text: &str) -> Vec<PlanText> {
        vec![PlanText {
            path: "plan.prog".into(),
            text: text.into(),
        }]
    }

    fn issue(key: &str, status: Status, progress: Option<u8>) -> Issue {
        let mut issue = Issue::new(key.into(), "T".into(), 2);
        (issue.status, issue.progress) = (status, progress);
        issue
    }

    #[test]
    fn one_moved_progress_is_one_changed_line() {
        let before = "task a {\n  key \"A-1\"\n  progress 20%\n}\ntask b { key \"A-2\"  progress 5% }\n";
        let issues = [
            issue("A-1", Status::InProgress, Some(50)),
            issue("A-2", Status::InProgress, Some(5)),
        ];
        let synced = sync(&plan(before), &issues);
        let after = synced.texts[0].as_deref().unwrap();
        assert_eq!(after, before.replace("progress 20%", "progress 50%"));
        assert_eq!(synced.changes.len(), 1);
        let change = &synced.changes[0];
        assert_eq!(
            (change.at.item.as_str(), change.at.line, change.statement),
            ("a", 1, "progress")
        );
        assert_eq!(
            (change.old.as_deref(), change.new.as_deref()),
            (Some("20%"), Some("50%"))
        );
        // Synced again, nothing moves.
        let again = sync(&plan(after), &issues);
        assert_eq!((again.texts[0].as_deref(), again.changes.len()), (None, 0));
    }

    #[test]
    fn what_is_on_one_side_only_and_keys_on_two_items() {
        let before = "task a { key \"A-1\" }\ntask b { key \"A-1\" }\ntask c { key \"A-3\" }\nperson p { key \"ada\" }\n";
        let mut new = issue("A-4", Status::ToDo, None);
        new.assignee = Some(Assignee {
            name: "Bob".into(),
            id: None,
        });
        let mut known = issue("A-1", Status::Done, None);
        known.assignee = Some(Assignee {
            name: "Ada".into(),
            id: Some("ada".into()),
        });
        let synced = sync(&plan(before), &[known, new]);
        assert_eq!(synced.texts[0], None, "a key on two items syncs neither");
        let duplicate = &synced.duplicates[0];
        assert_eq!(duplicate.key, "A-1");
        assert_eq!(
            duplicate
                .items
                .iter()
                .map(|i| (i.item.as_str(), i.line))
                .collect::<Vec<_>>(),
            [("a", 1), ("b", 2)]
        );
        assert_eq!(synced.not_in_plan, [1]);
        assert_eq!(
            synced
                .not_in_source
                .iter()
                .map(|i| i.key.as_str())
                .collect::<Vec<_>>(),
            ["A-3"]
        );
        assert_eq!(
            synced.unmatched_assignees,
            [(
                "A-4".to_string(),
                Assignee {
                    name: "Bob".into(),
                    id: None
                }
            )]
        );
    }

    #[test]
    fn github_keys_match_with_or_without_the_repository() {
        let before = "task a { key \"acme/shop#12\" }\ntask b { key \"#13\" }\n";
        let issues = [
            issue("#12", Status::Done, None),
            issue("acme/shop#13", Status::Done, None),
        ];
        let synced = sync(&plan(before), &issues);
        assert_eq!(
            synced.texts[0].as_deref(),
            Some("task a { key \"acme/shop#12\"  done }\ntask b { key \"#13\"  done }\n")
        );
    }

    #[test]
    fn new_children_go_into_the_group_of_their_key_in_its_file() {
        let files = vec![
            PlanText {
                path: "main.prog".into(),
                text: "task a { key \"A-1\" }\n".into(),
            },
            PlanText {
                path: "epics.prog".into(),
                text: "group e {\n  key \"E-1\"\n}\n".into(),
            },
        ];
        let nested = [
            Nested {
                group: "E-1".into(),
                text: "task b {\n  key \"B-1\"\n}\n".into(),
            },
            Nested {
                group: "E-1".into(),
                text: "task c {\n  key \"C-1\"\n}\n".into(),
            },
            Nested {
                group: "GONE-1".into(),
                text: "task d {}\n".into(),
            },
        ];
        let (texts, not_placed) = nest(&files, &nested);
        assert_eq!(texts[0], None);
        assert_eq!(
            texts[1].as_deref(),
            Some(
                "group e {\n  key \"E-1\"\n  task b {\n    key \"B-1\"\n  }\n  task c {\n    key \"C-1\"\n  }\n}\n"
            )
        );
        assert_eq!(not_placed, ["GONE-1"]);
    }

    #[test]
    fn each_item_is_edited_in_its_own_file() {
        let files = vec![
            PlanText {
                path: "main.prog".into(),
                text: "import \"more.prog\"\ntask a { key \"A-1\" }\n".into(),
            },
            PlanText {
                path: "more.prog".into(),
                text: "task b {\n  key \"A-2\"\n}\n".into(),
            },
        ];
        let synced = sync(&files, &[issue("A-2", Status::Done, None)]);
        assert_eq!(synced.texts[0], None);
        assert_eq!(
            synced.texts[1].as_deref(),
            Some("task b {\n  key \"A-2\"\n  done\n}\n")
        );
        assert_eq!(synced.changes[0].at.path, "more.prog");
    }
}
