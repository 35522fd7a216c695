//! Issues a plan lacks as new `.prog` text: a group per epic, parent or
//! milestone, a task per issue (its key, estimate as `effort`, assignee,
//! `after` its blockers, deadline, tracking statements), and a person per
//! assignee no person or team of the plan has the key of. The text is
//! valid `.prog`; the front end runs the formatter over it.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use prog_syntax::ast::DeclKind;

use crate::ids::Ids;
use crate::keyed::PlanIndex;
use crate::tracking::{TRACKED, Tracking};
use crate::values::{format_date, format_hours, prog_string};
use crate::{Issue, Parent};

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Fragment {
    /// What goes at the end of a file: people, new groups, tasks.
    pub text: String,
    /// Items whose parent is a group of the plan, to go inside it (see
    /// [`crate::nest`]), in the order of the source.
    pub nested: Vec<Nested>,
    pub people: usize,
    pub groups: usize,
    pub tasks: usize,
    /// What could not be written as the source says, for the user.
    pub notes: Vec<String>,
}

/// `issues` as text to add to a plan whose files hold `plan` (none for a
/// first import): ids are new to it, assignees and blockers matched by key.
pub fn fragment(issues: &[&Issue], plan: &[&str]) -> Fragment {
    let index = PlanIndex::new(plan);
    let mut writer = Writer {
        index: &index,
        ids: Ids::new(index.ids.iter().cloned()),
        issue_ids: HashMap::new(),
        people: HashMap::new(),
        out: Fragment::default(),
        children: HashMap::new(),
        containers: HashSet::new(),
        written: HashSet::new(),
    };
    writer.run(issues);
    writer.out
}

/// A declaration (as text, unindented) to add at the end of the plan's
/// group with the key `group`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Nested {
    pub group: String,
    pub text: String,
}

/// Where an issue goes: inside an issue of the fragment (by index), a
/// milestone or parent known only by name, or a group of the plan.
#[derive(Clone, Hash, PartialEq, Eq)]
enum Container {
    Issue(usize),
    Named(String),
    Plan(String),
}

struct Writer<'a> {
    index: &'a PlanIndex,
    ids: Ids,
    /// Every key of the fragment → its id.
    issue_ids: HashMap<String, String>,
    /// A new person's key → its id.
    people: HashMap<String, String>,
    out: Fragment,
    children: HashMap<Option<Container>, Vec<usize>>,
    containers: HashSet<usize>,
    /// The issues already written: each once, a loop of parents included.
    written: HashSet<usize>,
}

impl Writer<'_> {
    fn run(&mut self, issues: &[&Issue]) {
        let position: HashMap<&str, usize> = issues
            .iter()
            .enumerate()
            .map(|(i, s)| (s.key.as_str(), i))
            .collect();
        let mut named: Vec<(String, Parent)> = Vec::new();
        let mut plan_groups: Vec<String> = Vec::new();
        for (i, issue) in issues.iter().enumerate() {
            let id = self.ids.fresh(&issue.key, "issue");
            self.issue_ids.insert(issue.key.clone(), id);
            let container = issue
                .parent
                .as_ref()
                .and_then(|parent| match parent.key.as_deref() {
                    Some(key) if position.contains_key(key) => Some(Container::Issue(position[key])),
                    Some(key) if self.index.group_keys.iter().any(|g| g == key) => {
                        if !plan_groups.iter().any(|g| g == key) {
                            plan_groups.push(key.to_string());
                        }
                        Some(Container::Plan(key.to_string()))
                    }
                    Some(key) if self.index.work_ids.contains_key(key) => {
                        self.out.notes.push(format!(
                            "{} is in {key}, the plan's `{}`, which is no group: added at the top level",
                            issue.key, self.index.work_ids[key]
                        ));
                        None
                    }
                    _ => {
                        let name = parent.key.clone().or(parent.title.clone())?;
                        if !named.iter().any(|(n, _)| *n == name) {
                            named.push((name.clone(), parent.clone()));
                        }
                        Some(Container::Named(name))
                    }
                });
            if let Some(Container::Issue(parent)) = container {
                self.containers.insert(parent);
            }
            if issue.is_epic {
                self.containers.insert(i);
            }
            self.children.entry(container).or_default().push(i);
        }
        self.people(issues);
        let mut text = String::new();
        for (name, parent) in &named {
            self.named_group(&mut text, issues, name, parent);
        }
        for i in self.children.get(&None).cloned().unwrap_or_default() {
            self.item(&mut text, issues, i, 0);
        }
        for group in plan_groups {
            let children = self
                .children
                .get(&Some(Container::Plan(group.clone())))
                .cloned()
                .unwrap_or_default();
            for i in children {
                let mut text = String::new();
                self.item(&mut text, issues, i, 0);
                self.out.nested.push(Nested {
                    group: group.clone(),
                    text: text.trim_end().to_string() + "\n",
                });
            }
        }
        // What a loop of parents, or nesting too deep, kept from its place.
        for i in 0..issues.len() {
            self.item(&mut text, issues, i, 0);
        }
        self.out.text.push_str(&text);
    }

    fn people(&mut self, issues: &[&Issue]) {
        for assignee in issues.iter().filter_map(|i| i.assignee.as_ref()) {
            if self.index.resource_of(assignee).is_some() || self.people.contains_key(assignee.key()) {
                continue;
            }
            let id = self.ids.fresh(&assignee.name, "someone");
            let _ = writeln!(
                self.out.text,
                "person {id} {} {{\n  key {}\n}}\n",
                prog_string(&assignee.name),
                prog_string(assignee.key())
            );
            self.people.insert(assignee.key().to_string(), id);
            self.out.people += 1;
        }
    }

    /// A group for a parent or milestone the source names but does not hold.
    fn named_group(&mut self, text: &mut String, issues: &[&Issue], name: &str, parent: &Parent) {
        let id = self.ids.fresh(parent.title.as_deref().unwrap_or(name), "epic");
        let title = parent.title.as_deref().unwrap_or(name);
        let _ = writeln!(text, "group {id} {} {{", prog_string(title));
        if let Some(key) = &parent.key {
            let _ = writeln!(text, "  key {}", prog_string(key));
        }
        if let Some(due) = parent.due {
            let _ = writeln!(text, "  deadline {}", format_date(due));
        }
        self.out.groups += 1;
        for i in self
            .children
            .get(&Some(Container::Named(name.to_string())))
            .cloned()
            .unwrap_or_default()
        {
            self.item(text, issues, i, 1);
        }
        text.push_str("}\n\n");
    }

    fn item(&mut self, text: &mut String, issues: &[&Issue], i: usize, depth: usize) {
        if !self.written.insert(i) {
            return;
        }
        let issue = issues[i];
        let pad = "  ".repeat(depth);
        // Groups nest at most 32 deep: deeper, a parent is a task.
        let group = self.containers.contains(&i) && depth + 1 < prog_syntax::MAX_GROUP_DEPTH;
        let keyword = if group { "group" } else { "task" };
        let title = if issue.title.trim().is_empty() {
            &issue.key
        } else {
            &issue.title
        };
        let id = &self.issue_ids[&issue.key];
        let _ = writeln!(text, "{pad}{keyword} {id} {} {{", prog_string(title));
        let mut stmt = |s: String| {
            let _ = writeln!(text, "{pad}  {s}");
        };
        stmt(format!("key {}", prog_string(&issue.key)));
        if !group {
            if let Some(effort) = issue.estimate_hours.filter(|&h| h > 0) {
                stmt(format!("effort {}", format_hours(effort)));
            }
            if let Some(who) = issue.assignee.as_ref() {
                let id = self
                    .index
                    .resource_of(who)
                    .or(self.people.get(who.key()).map(String::as_str));
                stmt(format!("assign {}", id.unwrap_or_default()));
            }
        }
        let after: Vec<&str> = issue
            .blocked_by
            .iter()
            .filter_map(|key| {
                let id = self.issue_ids.get(key).or(self.index.work_ids.get(key));
                if id.is_none() {
                    self.out.notes.push(format!(
                        "{} is blocked by {key}, in neither the plan nor the source",
                        issue.key
                    ));
                }
                id.map(String::as_str)
            })
            .collect();
        if !after.is_empty() {
            stmt(format!("after {}", after.join(", ")));
        }
        if let Some(due) = issue.due {
            stmt(format!("deadline {}", format_date(due)));
        }
        if group {
            self.out.groups += 1;
            for child in self
                .children
                .get(&Some(Container::Issue(i)))
                .cloned()
                .unwrap_or_default()
            {
                self.item(text, issues, child, depth + 1);
            }
        } else {
            let tracking = Tracking::default().updated(issue, DeclKind::Task);
            for keyword in TRACKED {
                if let Some(value) = tracking.text(keyword) {
                    let word = keyword.keyword_text().unwrap_or_default();
                    stmt(if value.is_empty() {
                        word.to_string()
                    } else {
                        format!("{word} {value}")
                    });
                }
            }
            self.out.tasks += 1;
        }
        let _ = writeln!(text, "{pad}}}");
        if depth == 0 {
            text.push('\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Assignee, Status};
    use chrono::NaiveDate;

    fn issue(key: &str, title: &str) -> Issue {
        Issue::new(key.into(), title.into(), 2)
    }

    #[test]
    fn epics_become_groups_and_blockers_after() {
        let mut epic = issue("PAY-1", "Checkout");
        epic.is_epic = true;
        let mut form = issue("PAY-2", "Card \"form\"");
        form.parent = Some(Parent {
            key: Some("PAY-1".into()),
            ..Parent::default()
        });
        form.estimate_hours = Some(16);
        form.assignee = Some(Assignee {
            name: "Jane Doe".into(),
            id: Some("jane@example.com".into()),
        });
        form.status = Status::InProgress;
        (form.progress, form.spent_hours, form.remaining_hours) = (Some(50), Some(8), Some(8));
        form.start = NaiveDate::from_ymd_opt(2026, 12, 1);
        let mut receipts = issue("PAY-3", "Receipts");
        receipts.parent = form.parent.clone();
        receipts.blocked_by = vec!["PAY-2".into(), "OPS-9".into(), "OLD-1".into()];
        receipts.due = NaiveDate::from_ymd_opt(2026, 12, 20);
        receipts.assignee = Some(Assignee {
            name: "Ada".into(),
            id: None,
        });
        let plan = "person ada { key \"Ada\" }\ntask pay_3 { key \"OLD-1\" }\n";
        let fragment = fragment(&[&epic, &form, &receipts], &[plan]);
        let expected = "\
person jane_doe \"Jane Doe\" {
  key \"jane@example.com\"
}

group pay_1 \"Checkout\" {
  key \"PAY-1\"
  task pay_2 \"Card \\\"form\\\"\" {
    key \"PAY-2\"
    effort 2d
    assign jane_doe
    progress 50%
    remaining 1d
    actual_start 2026-12-01
    actual_effort 1d
  }
  task pay_3_2 \"Receipts\" {
    key \"PAY-3\"
    assign ada
    after pay_2, pay_3
    deadline 2026-12-20
  }
}

";
        assert_eq!(fragment.text, expected);
        assert_eq!((fragment.people, fragment.groups, fragment.tasks), (1, 1, 2));
        assert_eq!(
            fragment.notes,
            ["PAY-3 is blocked by OPS-9, in neither the plan nor the source"]
        );
    }

    #[test]
    fn children_of_the_plans_groups_are_nested_apart() {
        let mut child = issue("PAY-5", "Wallets");
        child.parent = Some(Parent {
            key: Some("PAY-1".into()),
            ..Parent::default()
        });
        let mut under_task = issue("PAY-6", "Sub-task");
        under_task.parent = Some(Parent {
            key: Some("PAY-2".into()),
            ..Parent::default()
        });
        let plan = "group pay { key \"PAY-1\" }\ntask t { key \"PAY-2\" }\n";
        let out = fragment(&[&child, &under_task], &[plan]);
        assert_eq!(
            out.nested,
            [Nested {
                group: "PAY-1".into(),
                text: "task pay_5 \"Wallets\" {\n  key \"PAY-5\"\n}\n".into()
            }]
        );
        assert_eq!(out.text, "task pay_6 \"Sub-task\" {\n  key \"PAY-6\"\n}\n\n");
        assert_eq!(
            out.notes,
            ["PAY-6 is in PAY-2, the plan's `t`, which is no group: added at the top level"]
        );
    }

    #[test]
    fn milestones_and_unknown_parents_are_named_groups() {
        let mut a = issue("#1", "");
        a.parent = Some(Parent {
            key: None,
            title: Some("v1.0".into()),
            due: NaiveDate::from_ymd_opt(2026, 12, 31),
        });
        a.status = Status::Done;
        a.resolved = NaiveDate::from_ymd_opt(2026, 12, 2);
        let text = fragment(&[&a], &[]).text;
        assert_eq!(
            text,
            "group v1_0 \"v1.0\" {\n  deadline 2026-12-31\n  task issue_1 \"#1\" {\n    key \"#1\"\n    actual_finish 2026-12-02\n    done\n  }\n}\n\n"
        );
    }

    #[test]
    fn a_parent_loop_ends() {
        let mut a = issue("A", "a");
        let mut b = issue("B", "b");
        a.parent = Some(Parent {
            key: Some("B".into()),
            ..Parent::default()
        });
        b.parent = Some(Parent {
            key: Some("A".into()),
            ..Parent::default()
        });
        // Neither is at the top: the loop is cut where it closes (B in A,
        // A not again in B), and both are written once.
        let out = fragment(&[&a, &b], &[]);
        assert_eq!((out.groups, out.tasks), (2, 0));
        assert_eq!(out.text.matches("key \"A\"").count(), 1);
        assert_eq!(out.text.matches("key \"B\"").count(), 1);
    }
}
