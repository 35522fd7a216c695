//! The items of a plan's files that carry a `key`, found in each file's
//! syntax tree, with the ids the plan declares and the people and teams
//! an assignee can be matched with.

use std::collections::HashMap;

use prog_syntax::TokenKind;
use prog_syntax::ast::{Decl, DeclKind, SourceFile, StmtValue};

pub struct PlanIndex {
    pub files: Vec<SourceFile>,
    /// Tasks, milestones and groups with a key: (file, the declaration).
    pub work: Vec<(usize, Decl)>,
    /// A person's or team's key → its id.
    pub resources: HashMap<String, String>,
    /// A work item's key → its id, for `after` in a fragment.
    pub work_ids: HashMap<String, String>,
    /// The keys of the plan's groups, where new children can go.
    pub group_keys: Vec<String>,
    pub ids: Vec<String>,
}

pub fn key_of(decl: &Decl) -> Option<&str> {
    decl.stmts.iter().find_map(|s| match (&s.keyword, &s.value) {
        (TokenKind::Key, StmtValue::Text(key)) => Some(key.text.as_str()),
        _ => None,
    })
}

impl PlanIndex {
    pub fn new(texts: &[&str]) -> PlanIndex {
        let files: Vec<SourceFile> = texts.iter().map(|t| prog_syntax::parse(t).file).collect();
        let mut index = PlanIndex {
            files: Vec::new(),
            work: Vec::new(),
            resources: HashMap::new(),
            work_ids: HashMap::new(),
            group_keys: Vec::new(),
            ids: Vec::new(),
        };
        for (i, file) in files.iter().enumerate() {
            for decl in file.decls() {
                let id = decl.name.as_ref().map(|n| n.text.to_string());
                index.ids.extend(id.clone());
                let (Some(key), Some(id)) = (key_of(decl), id) else {
                    continue;
                };
                match decl.kind {
                    DeclKind::Task | DeclKind::Milestone | DeclKind::Group => {
                        if decl.kind == DeclKind::Group {
                            index.group_keys.push(key.to_string());
                        }
                        index.work.push((i, decl.clone()));
                        index.work_ids.entry(key.to_string()).or_insert(id);
                    }
                    DeclKind::Person | DeclKind::Team => {
                        index.resources.entry(key.to_string()).or_insert(id);
                    }
                    _ => {}
                }
            }
        }
        index.files = files;
        index
    }

    /// The id of the person or team whose key is the assignee's id or name.
    pub fn resource_of(&self, assignee: &crate::Assignee) -> Option<&str> {
        assignee
            .id
            .as_deref()
            .and_then(|id| self.resources.get(id))
            .or_else(|| self.resources.get(&assignee.name))
            .map(String::as_str)
    }
}
