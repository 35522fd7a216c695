use prog_syntax::ast::{Decl, DeclKind, Item, StmtValue};
use prog_syntax::{TokenKind, parse};

const CONTRACT: &str = include_str!("../../../tests/fixtures/contract.prog");

fn messages(text: &str) -> Vec<String> {
    parse(text)
        .errors
        .iter()
        .map(|e| format!("{}: {}", &text[e.span.start()..e.span.end()], e.message))
        .collect()
}

#[test]
fn the_contract_example_parses_without_errors() {
    let parse = parse(CONTRACT);
    assert_eq!(parse.errors, vec![]);
    let kinds: Vec<_> = parse.file.decls().map(|d| d.kind).collect();
    use DeclKind::*;
    assert_eq!(
        kinds,
        vec![
            Program, Person, Person, Team, Task, Task, Task, Milestone, Risk, Approval
        ]
    );
    let build = parse
        .file
        .decls()
        .find(|d| d.name.as_ref().unwrap().text == "build")
        .unwrap();
    let after = build
        .stmts
        .iter()
        .find(|s| s.keyword == TokenKind::After)
        .unwrap();
    let StmtValue::Deps(deps) = &after.value else {
        panic!("{after:?}")
    };
    assert_eq!(deps[0].target.text, "api");
    assert_eq!(deps[0].lag.as_ref().unwrap().text, "+2d");
}

#[test]
fn spans_cover_what_was_written() {
    let text = "task api \"Design\" { duration 5d }";
    let parse = parse(text);
    let decl = parse.file.decls().next().unwrap();
    assert_eq!(&text[decl.span.start()..decl.span.end()], text);
    assert_eq!(&text[decl.name.as_ref().unwrap().span.start()..][..3], "api");
    let stmt = &decl.stmts[0];
    assert_eq!(&text[stmt.span.start()..stmt.span.end()], "duration 5d");
    assert_eq!(decl.title.as_ref().unwrap().text, "Design");
}

#[test]
fn groups_nest_items_and_lists_split_on_commas() {
    let text = r#"
        group backend "Backend" {
          after design
          task a { assign backend 2, alice 50% }
          group inner { milestone m { after a, b +1d } }
        }"#;
    let parse = parse(text);
    assert_eq!(parse.errors, vec![]);
    let names: Vec<_> = parse.file.decls().map(|d| d.name.clone().unwrap().text).collect();
    assert_eq!(names, ["backend", "a", "inner", "m"]);
    let a = parse.file.decls().nth(1).unwrap();
    let StmtValue::Assigns(assigns) = &a.stmts[0].value else {
        panic!()
    };
    assert_eq!(assigns.len(), 2);
    assert_eq!(assigns[1].amount.as_ref().unwrap().text, "50%");
}

#[test]
fn five_independent_mistakes_give_five_errors_and_keep_the_rest() {
    let text = r#"
program p { start 2027-01-04 }
task a "A" { duration 5x owner alice }
task b { duraton 5d owner alice }
task "c" { after a owner alice }
person bob { capacity }
milestone m { after a +x }
task ok { duration 1d owner bob }
"#;
    let found = messages(text);
    assert_eq!(
        found,
        [
            "5x: expected a duration such as 5d, 2w or 4h, found `5x`",
            "duraton: unknown statement `duraton`",
            "\"c\": expected an id, found `\"c\"`",
            "}: expected a percentage such as 50% or a number, found `}`",
            "+: expected a duration such as 5d, 2w or 4h, `,` or a statement, found `+`",
        ]
    );
    let parse = parse(text);
    let names: Vec<_> = parse
        .file
        .decls()
        .map(|d| d.name.as_ref().map_or("?", |n| n.text.as_str()).to_string())
        .collect();
    assert_eq!(names, ["p", "a", "b", "?", "bob", "m", "ok"]);
    // What parsed around each mistake is still there.
    let a = parse.file.decls().nth(1).unwrap();
    assert_eq!(a.stmts.len(), 2);
    assert_eq!(a.stmts[1].keyword, TokenKind::Owner);
    let b = parse.file.decls().nth(2).unwrap();
    assert_eq!(b.stmts.last().unwrap().keyword, TokenKind::Owner);
}

#[test]
fn a_misspelt_statement_suggests_the_keyword() {
    let parse = parse("task a { ownr alice }");
    assert_eq!(parse.errors[0].hint.as_deref(), Some("did you mean `owner`?"));
}

/// A word where a statement may begin is an unknown
/// statement, not a bad value of the statement before it.
#[test]
fn an_unknown_statement_says_so_and_suggests_a_keyword() {
    let text = "task a { after design  priority high }";
    let parsed = parse(text);
    assert_eq!(messages(text), ["priority: unknown statement `priority`"]);
    assert_eq!(
        parsed.errors[0].hint.as_deref(),
        Some(
            "a statement begins with a keyword such as `duration`, `after`, `owner` or `assign` \
             (or is a `,` missing before `priority`?)"
        )
    );
    let parsed = parse("task a { duration 2d  ownr alice }");
    assert_eq!(parsed.errors[0].message, "unknown statement `ownr`");
    assert_eq!(parsed.errors[0].hint.as_deref(), Some("did you mean `owner`?"));
}

#[test]
fn a_missing_closing_brace_ends_the_item_at_the_next_one() {
    let text = "task a { duration 1d\ntask b { duration 2d }";
    let parse = parse(text);
    assert_eq!(messages(text), ["task: expected `}` before `task`"]);
    let names: Vec<_> = parse.file.decls().map(|d| d.name.clone().unwrap().text).collect();
    assert_eq!(names, ["a", "b"]);
}

#[test]
fn an_unterminated_string_is_reported_and_kept() {
    let text = "task a \"Open title { duration 1d }\ntask b { }";
    let parse = parse(text);
    assert_eq!(parse.errors[0].message, "this string has no closing `\"`");
    assert!(parse.file.decls().any(|d| d.name.as_ref().unwrap().text == "b"));
}

#[test]
fn stray_text_between_items_is_skipped() {
    let text = "duration 5d\n}\ntask a { }\n@@ task b { }";
    let parse = parse(text);
    assert_eq!(parse.errors.len(), 2, "{:?}", parse.errors);
    let items = parse
        .file
        .items
        .iter()
        .filter(|i| matches!(i, Item::Decl(_)))
        .count();
    assert_eq!(items, 2);
}

#[test]
fn imports_are_items() {
    let parse = parse("import \"teams.prog\"\ntask a { }");
    assert_eq!(parse.errors, vec![]);
    assert_eq!(parse.file.imports().next().unwrap().path.text, "teams.prog");
}

#[test]
fn hints_explain_keywords_as_ids_and_fractional_durations() {
    let keyword = parse("task start { duration 1d }");
    assert_eq!(
        keyword.errors[0].message,
        "`start` is a keyword and cannot be used as an id"
    );
    assert_eq!(
        keyword.errors[0].hint.as_deref(),
        Some("choose another id: the words of the language are reserved")
    );
    let fraction = parse("task a { duration 1.5 }");
    assert_eq!(
        fraction.errors[0].hint.as_deref(),
        Some("durations are whole numbers of a unit: write 1.5d as 12h")
    );
}

/// Keywords are reserved. `done`, which takes no value, is read as the id
/// it was meant to be where an id is expected: one error each, and the
/// task after it is not marked finished.
#[test]
fn done_where_an_id_is_expected_is_one_error_and_no_flag() {
    let text = "milestone done { }\ntask b { duration 1d  after done }\n";
    let parsed = parse(text);
    assert_eq!(
        messages(text),
        [
            "done: `done` is a keyword and cannot be used as an id",
            "done: `done` is a keyword and cannot be used as an id",
        ]
    );
    assert!(
        parsed
            .errors
            .iter()
            .all(|e| e.hint.as_deref() == Some("choose another id: the words of the language are reserved"))
    );
    let b = parsed.file.decls().nth(1).unwrap();
    let keywords: Vec<TokenKind> = b.stmts.iter().map(|s| s.keyword).collect();
    assert_eq!(keywords, [TokenKind::DurationKw, TokenKind::After]);
    assert_eq!(
        parsed.file.decls().next().unwrap().name.as_ref().unwrap().text,
        "done"
    );
}

/// `depth` groups, each inside the one before, with a task in the innermost.
fn nested_groups(depth: usize) -> String {
    let mut text = String::new();
    for level in 0..depth {
        text.push_str(&format!("group g{level} {{\n"));
    }
    text.push_str("task leaf { duration 1d }\n");
    text.push_str(&"}\n".repeat(depth));
    text
}

fn group_depth(decls: &[prog_syntax::ast::Decl]) -> usize {
    let mut deepest = 0;
    let mut level: Vec<&[prog_syntax::ast::Decl]> = vec![decls];
    while !level.is_empty() {
        level = level
            .iter()
            .flat_map(|ds| ds.iter())
            .filter(|d| d.kind == DeclKind::Group)
            .map(|d| d.children.as_slice())
            .collect();
        deepest += usize::from(!level.is_empty());
    }
    deepest
}

/// On a thread with the 2 MiB stack of a worker thread, as in the server.
fn parse_on_small_stack(text: String) -> prog_syntax::Parse {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || parse(&text))
        .unwrap()
        .join()
        .unwrap()
}

#[test]
fn groups_nest_up_to_the_limit_without_error() {
    let limit = prog_syntax::MAX_GROUP_DEPTH;
    let parse = parse_on_small_stack(nested_groups(limit));
    assert_eq!(parse.errors, vec![]);
    let Item::Decl(outer) = &parse.file.items[0] else {
        panic!()
    };
    assert_eq!(group_depth(std::slice::from_ref(outer)), limit);
    assert!(parse.file.decls().any(|d| d.kind == DeclKind::Task));
}

#[test]
fn groups_nested_past_the_limit_are_cut_with_one_error_at_the_first_too_deep() {
    let limit = prog_syntax::MAX_GROUP_DEPTH;
    for depth in [limit + 1, 10_000] {
        let text = nested_groups(depth) + "task after_all { duration 1d }\n";
        let parse = parse_on_small_stack(text.clone());
        assert_eq!(parse.errors.len(), 1, "{:?}", parse.errors);
        let error = &parse.errors[0];
        let too_deep = text.find(&format!("group g{limit} ")).unwrap();
        assert_eq!(
            error.span,
            prog_syntax::Span::new(too_deep, too_deep + "group".len())
        );
        assert!(error.message.contains("more than 32 levels"), "{}", error.message);
        let Item::Decl(outer) = &parse.file.items[0] else {
            panic!()
        };
        assert_eq!(group_depth(std::slice::from_ref(outer)), limit);
        // What follows the cut group still parses.
        let ids: Vec<&str> = parse
            .file
            .decls()
            .filter_map(|d| d.name.as_ref())
            .map(|n| n.text.as_str())
            .collect();
        assert_eq!(ids.last(), Some(&"after_all"));
        assert!(!ids.contains(&"leaf"));
    }
}

#[test]
fn unclosed_groups_and_tasks_count_as_the_parser_nests_them() {
    // Tasks without `}` do not nest: each ends at the next item.
    let tasks = "group g {\n".to_string() + &"task t { duration 1d\n".repeat(10_000) + "}\n";
    let parse = parse_on_small_stack(tasks);
    assert!(parse.errors.iter().all(|e| !e.message.contains("levels deep")));
    assert_eq!(
        parse.file.decls().filter(|d| d.kind == DeclKind::Task).count(),
        10_000
    );
    // Groups without `}` do, and are cut at the limit; a person ends them all.
    let groups = "group g {\n".repeat(10_000) + "person p { capacity 100% }\n";
    let parse = parse_on_small_stack(groups);
    let deep: Vec<_> = parse
        .errors
        .iter()
        .filter(|e| e.message.contains("levels deep"))
        .collect();
    assert_eq!(deep.len(), 1);
    assert!(parse.file.decls().any(|d| d.kind == DeclKind::Person));
}

#[test]
fn a_byte_order_mark_is_whitespace() {
    let text = "\u{FEFF}program p { start 2027-01-04 }\n";
    let parse = parse(text);
    assert_eq!(parse.errors, vec![]);
    let program = parse.file.decls().next().unwrap();
    assert_eq!(program.keyword_span.start(), "\u{FEFF}".len());
}

// `from "PATH" milestone ID` inside an external, and how a broken one is
// recovered from: `milestone` also opens an item, so a broken statement
// must neither swallow a following item nor end the body early.

fn decls(text: &str) -> Vec<(DeclKind, String, Vec<TokenKind>)> {
    parse(text)
        .file
        .decls()
        .map(|d: &Decl| {
            let name = d.name.as_ref().map_or(String::new(), |n| n.text.to_string());
            (d.kind, name, d.stmts.iter().map(|s| s.keyword).collect())
        })
        .collect()
}

#[test]
fn the_statement_names_a_path_and_a_milestone() {
    let text = r#"external platform_ga "Platform GA" { from "../platform/plan.prog" milestone ga owner al }"#;
    let parse = parse(text);
    assert_eq!(parse.errors, vec![]);
    let decl = parse.file.decls().next().unwrap();
    let stmt = &decl.stmts[0];
    assert_eq!(stmt.keyword, TokenKind::From);
    assert_eq!(
        &text[stmt.span.start()..stmt.span.end()],
        r#"from "../platform/plan.prog" milestone ga"#
    );
    let StmtValue::From(from) = &stmt.value else {
        panic!("{stmt:?}")
    };
    assert_eq!(from.path.text, "../platform/plan.prog");
    assert_eq!(from.milestone.text, "ga");
    assert_eq!(
        &text[from.milestone.span.start()..from.milestone.span.end()],
        "ga"
    );
    assert_eq!(decl.stmts[1].keyword, TokenKind::Owner);
}

#[test]
fn a_missing_id_is_one_error_and_the_body_goes_on() {
    let text = "external e { from \"p.prog\" milestone }\ntask t { after e duration 1d }";
    assert_eq!(messages(text).len(), 1, "{:?}", messages(text));
    assert_eq!(
        decls(text),
        [
            (DeclKind::External, "e".into(), vec![TokenKind::From]),
            (
                DeclKind::Task,
                "t".into(),
                vec![TokenKind::After, TokenKind::DurationKw]
            ),
        ]
    );
}

#[test]
fn a_missing_path_is_one_error_and_the_next_statements_stay() {
    let text = "external e { from milestone ga owner al status committed }";
    assert_eq!(messages(text).len(), 1, "{:?}", messages(text));
    assert_eq!(
        decls(text),
        [(
            DeclKind::External,
            "e".into(),
            vec![TokenKind::From, TokenKind::Owner, TokenKind::Status]
        )]
    );
}

/// An unclosed external whose `from` lacks its milestone, followed by a
/// milestone item: the item is kept whole, not read as the statement's.
#[test]
fn a_milestone_item_after_an_unclosed_external_stays_an_item() {
    for text in [
        "external e { from \"p.prog\"\nmilestone m { after t }\ntask t { duration 1d }",
        "external e { from \"p.prog\"\nmilestone m \"M\" { after t }\ntask t { duration 1d }",
    ] {
        assert!(!messages(text).is_empty());
        assert_eq!(
            decls(text),
            [
                (DeclKind::External, "e".into(), vec![TokenKind::From]),
                (DeclKind::Milestone, "m".into(), vec![TokenKind::After]),
                (DeclKind::Task, "t".into(), vec![TokenKind::DurationKw]),
            ],
            "{text}"
        );
    }
}

/// A whole statement in an unclosed external: the body ends at the item
/// that follows (one error: the missing `}`).
#[test]
fn a_whole_statement_in_an_unclosed_external_ends_at_the_next_item() {
    let text = "external e { from \"p.prog\" milestone ga\nmilestone m { after e }";
    assert_eq!(messages(text).len(), 1, "{:?}", messages(text));
    assert_eq!(
        decls(text),
        [
            (DeclKind::External, "e".into(), vec![TokenKind::From]),
            (DeclKind::Milestone, "m".into(), vec![TokenKind::After]),
        ]
    );
}

#[test]
fn from_is_a_keyword_not_an_id() {
    assert!(!messages("task from { duration 1d }").is_empty());
}

/// The statements of the first item's body.
fn first_stmts(parse: &prog_syntax::Parse) -> &[prog_syntax::ast::Stmt] {
    match &parse.file.items[0] {
        Item::Decl(decl) => &decl.stmts,
        Item::Import(_) => panic!("an import"),
    }
}

#[test]
fn a_list_past_the_limit_keeps_its_first_entries_and_says_so_once() {
    let max = prog_syntax::MAX_BODY_ENTRIES;
    // The keyword counts, and each comma: the list's first 10,000 entries
    // are read.
    let names: Vec<String> = (0..max + 5).map(|i| format!("t{i}")).collect();
    for broken in ["", "\ntask bad { duration }"] {
        // Without an error elsewhere the fast path parses it; with one,
        // the grammar: both read the same tokens.
        let text = format!("task u {{ after {}  duration 2d }}{broken}\n", names.join(", "));
        let parse = parse(&text);
        let stmts = first_stmts(&parse);
        assert_eq!(
            stmts.len(),
            1,
            "the statement after the list is past the limit too"
        );
        let StmtValue::Deps(deps) = &stmts[0].value else {
            panic!("no dependencies")
        };
        assert_eq!(deps.len(), max);
        assert_eq!(deps.last().unwrap().target.text, format!("t{}", max - 1));
        let messages = messages(&text);
        // At the comma before the first entry past the limit.
        assert_eq!(
            messages[0],
            ",: this body goes on past 10000 statements and list entries: the rest is not read"
        );
        assert_eq!(
            messages.len(),
            1 + usize::from(!broken.is_empty()),
            "{messages:?}"
        );
        // The next item is read.
        assert_eq!(parse.file.items.len(), 1 + usize::from(!broken.is_empty()));
    }
}

#[test]
fn statements_past_the_limit_are_dropped_up_to_the_next_item() {
    let max = prog_syntax::MAX_BODY_ENTRIES;
    let text = format!(
        "group g {{ {}  task inside {{ duration 1d }} after x }}\ntask next {{ duration 1d }}\n",
        "after x ".repeat(max + 3).trim_end()
    );
    let parse = parse(&text);
    let Item::Decl(group) = &parse.file.items[0] else {
        panic!("an import")
    };
    assert_eq!(
        group.stmts.len(),
        max + 1,
        "the first {max}, and the one after the task"
    );
    assert_eq!(group.children[0].name.as_ref().unwrap().text, "inside");
    assert_eq!(parse.file.items.len(), 2);
    assert_eq!(
        messages(&text),
        [format!(
            "after: this body goes on past {max} statements and list entries: the rest is not read"
        )]
    );
}
