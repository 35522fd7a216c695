//! Semantic tokens: what each token is, and which ids belong to the critical
//! path (the custom `critical` modifier) so editors can highlight it.

use std::collections::HashMap;

use prog_db::{Project, SourceFile};
use prog_plan::Schedule;
use prog_syntax::{Span, TokenKind};

use crate::model::{ModelRef, model_index};
use crate::names::{NameRole, Occurrence};
use crate::syntax::items;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenType {
    Keyword,
    Comment,
    String,
    Number,
    /// Tasks, milestones and groups.
    Function,
    /// People and teams.
    Variable,
    /// Risks and approvals.
    Event,
    /// The program and calendars.
    Namespace,
    /// Fixed words such as `pending` or `mon`.
    EnumMember,
}

impl TokenType {
    /// In the order of the legend the server announces.
    pub const ALL: [TokenType; 9] = [
        TokenType::Keyword,
        TokenType::Comment,
        TokenType::String,
        TokenType::Number,
        TokenType::Function,
        TokenType::Variable,
        TokenType::Event,
        TokenType::Namespace,
        TokenType::EnumMember,
    ];

    /// The LSP name of the type.
    pub fn name(self) -> &'static str {
        match self {
            TokenType::Keyword => "keyword",
            TokenType::Comment => "comment",
            TokenType::String => "string",
            TokenType::Number => "number",
            TokenType::Function => "function",
            TokenType::Variable => "variable",
            TokenType::Event => "event",
            TokenType::Namespace => "namespace",
            TokenType::EnumMember => "enumMember",
        }
    }

    pub fn index(self) -> u32 {
        Self::ALL.iter().position(|t| *t == self).unwrap_or(0) as u32
    }
}

/// A bit set; bit `i` is `TokenModifiers::NAMES[i]`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct TokenModifiers(pub u32);

impl TokenModifiers {
    pub const DECLARATION: TokenModifiers = TokenModifiers(1);
    /// On every id of a task or milestone on the critical path.
    pub const CRITICAL: TokenModifiers = TokenModifiers(2);
    pub const NAMES: [&'static str; 2] = ["declaration", "critical"];

    pub fn contains(self, other: TokenModifiers) -> bool {
        self.0 & other.0 == other.0
    }
}

impl std::ops::BitOr for TokenModifiers {
    type Output = TokenModifiers;
    fn bitor(self, rhs: TokenModifiers) -> TokenModifiers {
        TokenModifiers(self.0 | rhs.0)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SemanticToken {
    pub span: Span,
    pub token_type: TokenType,
    pub modifiers: TokenModifiers,
}

/// The tokens of `file` that overlap `range` (all of them without one), in order.
pub fn semantic_tokens(
    db: &dyn salsa::Database,
    project: Project,
    file: SourceFile,
    range: Option<Span>,
) -> Vec<SemanticToken> {
    let index = model_index(db, project);
    let schedule = prog_db::schedule(db, project);
    let mut out = Vec::new();
    for item in items(db, file) {
        let end = item.offset + item.parse.tokens.last().map_or(0, |t| t.span.end());
        if range.is_some_and(|r| end <= r.start() || item.offset >= r.end()) {
            continue;
        }
        let mut names = Vec::new();
        for decl in item.parse.file.decls() {
            crate::names::decl_occurrences(&item, decl, &mut names);
        }
        let names: HashMap<usize, &Occurrence> = names.iter().map(|o| (o.span.start(), o)).collect();
        for token in &item.parse.tokens {
            let span = item.abs(token.span);
            if range.is_some_and(|r| span.end() <= r.start() || span.start() >= r.end()) {
                continue;
            }
            let classified = match token.kind {
                TokenKind::Ident => Some(match names.get(&span.start()) {
                    Some(o) => id_token(o, index.get(&o.name).copied(), schedule),
                    None => (TokenType::EnumMember, TokenModifiers::default()),
                }),
                kind => simple_type(kind).map(|t| (t, TokenModifiers::default())),
            };
            if let Some((token_type, modifiers)) = classified {
                out.push(SemanticToken {
                    span,
                    token_type,
                    modifiers,
                });
            }
        }
    }
    out
}

fn simple_type(kind: TokenKind) -> Option<TokenType> {
    Some(match kind {
        TokenKind::Comment => TokenType::Comment,
        TokenKind::String | TokenKind::UnterminatedString => TokenType::String,
        TokenKind::Number | TokenKind::Rate | TokenKind::Percent | TokenKind::Duration | TokenKind::Date => {
            TokenType::Number
        }
        kind if kind.keyword_text().is_some() => TokenType::Keyword,
        _ => return None,
    })
}

fn id_token(o: &Occurrence, meaning: Option<ModelRef>, schedule: &Schedule) -> (TokenType, TokenModifiers) {
    let mut modifiers = TokenModifiers::default();
    if matches!(o.role, NameRole::Definition { .. }) {
        modifiers = modifiers | TokenModifiers::DECLARATION;
    }
    let token_type = match meaning {
        Some(ModelRef::Task(task)) => {
            if schedule.tasks.get(task.index()).is_some_and(|t| t.critical) {
                modifiers = modifiers | TokenModifiers::CRITICAL;
            }
            TokenType::Function
        }
        Some(ModelRef::Resource(_)) => TokenType::Variable,
        Some(ModelRef::Risk(_) | ModelRef::Approval(_)) => TokenType::Event,
        Some(ModelRef::Program | ModelRef::Calendar(_)) => TokenType::Namespace,
        None => TokenType::Variable,
    };
    (token_type, modifiers)
}
