//! The lexer: every byte of the source becomes part of exactly one token.
//!
//! Trivia (whitespace and comments) are tokens too, so that the formatter and
//! the semantic highlighter see them; the parser filters them out.

use logos::Logos;

use crate::Span;

/// The kinds of token. Keywords are reserved: they cannot be used as ids.
#[derive(Logos, Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Spaces, tabs, line breaks, and the byte-order mark some editors put
    /// at the start of a UTF-8 file (invisible, so never an error).
    #[regex(r"[ \t\r\n\f\u{FEFF}]+")]
    Whitespace,
    /// To the end of the line: a `\r` ends it too (CRLF or a lone CR).
    #[regex(r"#[^\r\n]*", allow_greedy = true)]
    Comment,

    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,
    #[token(",")]
    Comma,
    #[token("..")]
    DotDot,

    #[regex(r#""([^"\\\r\n]|\\.)*""#)]
    String,
    /// A string that runs to the end of its line without a closing quote.
    #[regex(r#""([^"\\\r\n]|\\.)*"#, priority = 1)]
    UnterminatedString,
    #[regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", priority = 4)]
    Date,
    /// `5d`, `2w`, `4h`, and signed `+2d` / `-1d` for lags and leads.
    #[regex(r"[+-]?[0-9]+[dwh]", priority = 4)]
    Duration,
    #[regex(r"[0-9]+(\.[0-9]+)?%", priority = 4)]
    Percent,
    /// A number, with `_` allowed between digits for readability: `12_500.50`.
    #[regex(r"[0-9][0-9_]*(\.[0-9][0-9_]*)?", priority = 4)]
    Number,
    /// A cost rate per working day or hour: `800/d`, `95.50/h`.
    #[regex(r"[0-9][0-9_]*(\.[0-9][0-9_]*)?/[dh]", priority = 4)]
    Rate,
    /// Something that starts like a number but is none of the above (`5x`,
    /// `3days`, `2027-1-4`): one token, so that one mistake is one message.
    #[regex(r"[+-]?[0-9][A-Za-z0-9_%\-]*", priority = 1)]
    Malformed,

    #[regex(r"[A-Za-z_][A-Za-z0-9_]*", priority = 2)]
    Ident,

    // Item keywords.
    #[token("program")]
    Program,
    #[token("person")]
    Person,
    #[token("team")]
    Team,
    #[token("task")]
    Task,
    #[token("milestone")]
    Milestone,
    #[token("group")]
    Group,
    #[token("risk")]
    Risk,
    #[token("approval")]
    Approval,
    #[token("calendar")]
    Calendar,
    #[token("import")]
    Import,
    #[token("stakeholder")]
    Stakeholder,
    #[token("action")]
    Action,
    #[token("external")]
    External,

    // Statement keywords.
    #[token("start")]
    Start,
    #[token("status_date")]
    StatusDate,
    #[token("capacity")]
    Capacity,
    #[token("duration")]
    DurationKw,
    #[token("effort")]
    Effort,
    #[token("estimate")]
    Estimate,
    #[token("owner")]
    Owner,
    #[token("assign")]
    Assign,
    #[token("after")]
    After,
    #[token("start_with")]
    StartWith,
    #[token("finish_with")]
    FinishWith,
    #[token("not_before")]
    NotBefore,
    #[token("deadline")]
    Deadline,
    #[token("progress")]
    Progress,
    #[token("done")]
    Done,
    #[token("probability")]
    Probability,
    #[token("impact")]
    Impact,
    #[token("affects")]
    Affects,
    #[token("mitigation")]
    Mitigation,
    #[token("gates")]
    Gates,
    #[token("approvers")]
    Approvers,
    #[token("status")]
    Status,
    #[token("workdays")]
    Workdays,
    #[token("holiday")]
    Holiday,
    #[token("off")]
    Off,
    #[token("rate")]
    RateKw,
    #[token("currency")]
    Currency,
    #[token("baseline")]
    Baseline,
    #[token("cost")]
    Cost,
    #[token("actual_start")]
    ActualStart,
    #[token("actual_finish")]
    ActualFinish,
    #[token("remaining")]
    Remaining,
    #[token("actual_cost")]
    ActualCost,
    #[token("actual_effort")]
    ActualEffort,
    #[token("due")]
    Due,
    #[token("key")]
    Key,
    #[token("interest")]
    Interest,
    #[token("role")]
    Role,
    #[token("cadence")]
    Cadence,
    #[token("format")]
    Format,
    #[token("contact")]
    Contact,
    #[token("consulted")]
    Consulted,
    #[token("informed")]
    Informed,
    #[token("blocked")]
    Blocked,
    #[token("blocked_since")]
    BlockedSince,
    #[token("expected")]
    Expected,
    #[token("delivered")]
    Delivered,
    #[token("from")]
    From,

    /// A character that starts no token.
    Error,
}

impl TokenKind {
    pub const fn is_trivia(self) -> bool {
        matches!(self, TokenKind::Whitespace | TokenKind::Comment)
    }

    /// Keywords that open an item (`task`, `person`, ...).
    pub const fn is_item_keyword(self) -> bool {
        use TokenKind::*;
        matches!(
            self,
            Program
                | Person
                | Team
                | Task
                | Milestone
                | Group
                | Risk
                | Approval
                | Calendar
                | Import
                | Stakeholder
                | Action
                | External
        )
    }

    /// Keywords that open a statement inside an item body. `calendar` is one
    /// of them too: inside a body it names the calendar to use.
    pub const fn is_statement_keyword(self) -> bool {
        self.keyword_text().is_some() && (!self.is_item_keyword() || matches!(self, TokenKind::Calendar))
    }

    /// The spelling of a keyword, `None` for other tokens.
    pub const fn keyword_text(self) -> Option<&'static str> {
        use TokenKind::*;
        Some(match self {
            Program => "program",
            Person => "person",
            Team => "team",
            Task => "task",
            Milestone => "milestone",
            Group => "group",
            Risk => "risk",
            Approval => "approval",
            Calendar => "calendar",
            Import => "import",
            Stakeholder => "stakeholder",
            Action => "action",
            External => "external",
            Start => "start",
            StatusDate => "status_date",
            Capacity => "capacity",
            DurationKw => "duration",
            Effort => "effort",
            Estimate => "estimate",
            Owner => "owner",
            Assign => "assign",
            After => "after",
            StartWith => "start_with",
            FinishWith => "finish_with",
            NotBefore => "not_before",
            Deadline => "deadline",
            Progress => "progress",
            Done => "done",
            Probability => "probability",
            Impact => "impact",
            Affects => "affects",
            Mitigation => "mitigation",
            Gates => "gates",
            Approvers => "approvers",
            Status => "status",
            Workdays => "workdays",
            Holiday => "holiday",
            Off => "off",
            RateKw => "rate",
            Currency => "currency",
            Baseline => "baseline",
            Cost => "cost",
            ActualStart => "actual_start",
            ActualFinish => "actual_finish",
            Remaining => "remaining",
            ActualCost => "actual_cost",
            ActualEffort => "actual_effort",
            Due => "due",
            Key => "key",
            Interest => "interest",
            Role => "role",
            Cadence => "cadence",
            Format => "format",
            Contact => "contact",
            Consulted => "consulted",
            Informed => "informed",
            Blocked => "blocked",
            BlockedSince => "blocked_since",
            Expected => "expected",
            Delivered => "delivered",
            From => "from",
            _ => return None,
        })
    }

    /// How a message names this kind of token.
    pub fn describe(self) -> &'static str {
        use TokenKind::*;
        match self {
            Whitespace => "whitespace",
            Comment => "a comment",
            LBrace => "`{`",
            RBrace => "`}`",
            Comma => "`,`",
            DotDot => "`..`",
            String => "a quoted title",
            UnterminatedString => "an unterminated string",
            Date => "a date",
            Duration => "a duration",
            Percent => "a percentage",
            Number => "a number",
            Rate => "a rate",
            Malformed => "a malformed value",
            Ident => "an id",
            Error => "an unexpected character",
            kw => kw.keyword_text().unwrap_or("a keyword"),
        }
    }
}

/// Every keyword, item keywords first, for suggestions and completion;
/// [`TokenKind::keyword_text`] spells them.
pub const KEYWORDS: [TokenKind; 61] = {
    use TokenKind::*;
    [
        Program,
        Person,
        Team,
        Task,
        Milestone,
        Group,
        Risk,
        Approval,
        Calendar,
        Import,
        Stakeholder,
        Action,
        External,
        Start,
        StatusDate,
        Capacity,
        DurationKw,
        Effort,
        Estimate,
        Owner,
        Assign,
        After,
        StartWith,
        FinishWith,
        NotBefore,
        Deadline,
        Progress,
        Done,
        Probability,
        Impact,
        Affects,
        Mitigation,
        Gates,
        Approvers,
        Status,
        Workdays,
        Holiday,
        Off,
        RateKw,
        Currency,
        Baseline,
        Cost,
        ActualStart,
        ActualFinish,
        Remaining,
        ActualCost,
        ActualEffort,
        Due,
        Key,
        Interest,
        Role,
        Cadence,
        Format,
        Contact,
        Consulted,
        Informed,
        Blocked,
        BlockedSince,
        Expected,
        Delivered,
        From,
    ]
};

/// The spelling of every statement keyword.
pub fn statement_keywords() -> impl Iterator<Item = &'static str> {
    KEYWORDS
        .iter()
        .filter(|k| k.is_statement_keyword())
        .filter_map(|k| k.keyword_text())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Token {
    pub kind: TokenKind,
    pub span: Span,
}

/// Splits `text` into tokens, trivia included. The spans cover the text
/// without gap or overlap.
pub fn lex(text: &str) -> Vec<Token> {
    // A token every 3 bytes is more than plans have (an item is parsed on
    // its own, so this is small): one allocation, then the spare given
    // back, since the tokens are kept for as long as the text is.
    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 3 + 1);
    tokens.extend(self::tokens(text));
    tokens.shrink_to_fit();
    tokens
}

/// The tokens of `text` one by one, as [`lex`] gives them: for a scan that
/// may stop long before the end of a large text.
pub fn tokens(text: &str) -> impl Iterator<Item = Token> + '_ {
    TokenKind::lexer(text).spanned().map(|(kind, range)| Token {
        kind: kind.unwrap_or(TokenKind::Error),
        span: Span::from(range),
    })
}

/// The content of a string token (between its quotes) with its escapes
/// (`\n`, `\t`, and a backslash before any other character) resolved.
pub(crate) fn unescape(raw: &str) -> String {
    // Most strings have no escape: copied whole, not a character at a time.
    if !raw.contains('\\') {
        return raw.to_owned();
    }
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::unescape;

    #[test]
    fn escapes_are_resolved_and_plain_strings_kept() {
        assert_eq!(unescape("plain é"), "plain é");
        assert_eq!(unescape(r"a\nb\tc"), "a\nb\tc");
        assert_eq!(unescape(r#"q\"uote\\ \x"#), "q\"uote\\ x");
        assert_eq!(unescape(r"end\"), "end\\");
    }
}
