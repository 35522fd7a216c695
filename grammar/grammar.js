/**
 * @file Tree-sitter grammar for Prog plans (.prog files).
 *
 * It follows grammar/prog.ebnf, the grammar as implemented by
 * crates/prog_syntax. Like that parser it accepts any statement in any body:
 * which statement belongs in which item is the checker's business, not a
 * syntax error. Malformed literals (`5x`, `2027-1-4`) are errors here too.
 */

/// <reference types="tree-sitter-cli/dsl" />
// @ts-check

const commaSep1 = (rule) => seq(rule, repeat(seq(',', rule)));

module.exports = grammar({
  name: 'prog',

  word: ($) => $.identifier,

  extras: ($) => [/\s/, $.comment],

  rules: {
    source_file: ($) => repeat(choice($.import, $._top_item)),

    import: ($) => seq('import', field('path', $.string)),

    _top_item: ($) => choice($.item, $.group),

    // `program`, `calendar`, `person`, `team`, `task`, `milestone`, `risk`,
    // `approval`, `stakeholder`, `action`, `external`: a header and a body of
    // statements.
    item: ($) =>
      seq(
        field(
          'kind',
          choice(
            'program',
            'calendar',
            'person',
            'team',
            'task',
            'milestone',
            'risk',
            'approval',
            'stakeholder',
            'action',
            'external',
          ),
        ),
        field('name', $.identifier),
        optional(field('title', $.string)),
        field('body', $.body),
      ),

    // Inside a group only tasks, milestones and further groups nest.
    _group_item: ($) =>
      seq(
        field('kind', choice('task', 'milestone')),
        field('name', $.identifier),
        optional(field('title', $.string)),
        field('body', $.body),
      ),

    group: ($) =>
      seq(
        'group',
        field('name', $.identifier),
        optional(field('title', $.string)),
        field('body', $.group_body),
      ),

    body: ($) => seq('{', repeat($._statement), '}'),

    group_body: ($) => seq('{', repeat(choice($._statement, alias($._group_item, $.item), $.group)), '}'),

    _statement: ($) =>
      choice(
        $.date_statement,
        $.dates_statement,
        $.expected_statement,
        $.duration_statement,
        $.estimate_statement,
        $.amount_statement,
        $.names_statement,
        $.word_statement,
        $.dependency_statement,
        $.assign_statement,
        $.mitigation_statement,
        $.money_statement,
        $.rate_statement,
        $.done_statement,
        $.from_statement,
      ),

    date_statement: ($) =>
      seq(
        field(
          'keyword',
          choice(
            'start',
            'status_date',
            'not_before',
            'deadline',
            'actual_start',
            'actual_finish',
            'due',
            'blocked_since',
            'delivered',
          ),
        ),
        field('value', $.date),
      ),

    // Single dates and inclusive ranges.
    dates_statement: ($) =>
      seq(field('keyword', choice('holiday', 'off')), commaSep1(field('value', choice($.date, $.date_range)))),

    // What an external was promised for: a date, or the range it may
    // arrive in.
    expected_statement: ($) =>
      seq(field('keyword', 'expected'), field('value', choice($.date, $.date_range))),

    date_range: ($) => seq(field('from', $.date), '..', field('to', $.date)),

    duration_statement: ($) =>
      seq(
        field('keyword', choice('duration', 'effort', 'impact', 'remaining', 'actual_effort')),
        field('value', $.duration),
      ),

    estimate_statement: ($) =>
      seq(
        field('keyword', 'estimate'),
        field('optimistic', $.duration),
        field('likely', $.duration),
        field('pessimistic', $.duration),
      ),

    amount_statement: ($) =>
      seq(field('keyword', choice('capacity', 'probability', 'progress')), field('value', $._amount)),

    _amount: ($) => choice($.percent, $.number),

    // The values of `status` and `workdays` are ordinary ids, not keywords.
    names_statement: ($) =>
      seq(
        field(
          'keyword',
          choice(
            'owner',
            'affects',
            'gates',
            'approvers',
            'calendar',
            'workdays',
            'status',
            'interest',
            'consulted',
            'informed',
          ),
        ),
        commaSep1(field('value', $.identifier)),
      ),

    // One word: `role informed`, `cadence weekly`, `format summary`. After
    // `role`, the keywords `consulted` and `informed` are its value.
    word_statement: ($) =>
      seq(
        field('keyword', choice('role', 'cadence', 'format')),
        field('value', choice($.identifier, 'consulted', 'informed')),
      ),

    // A dependency with an optional lag (+2d, or 2d) or lead (-1d).
    dependency_statement: ($) =>
      seq(field('keyword', choice('after', 'start_with', 'finish_with')), commaSep1(field('value', $.dependency))),

    dependency: ($) => seq(field('target', $.identifier), optional(field('lag', $.duration))),

    assign_statement: ($) => seq(field('keyword', 'assign'), commaSep1(field('value', $.assignment))),

    assignment: ($) => seq(field('resource', $.identifier), optional(field('amount', $._amount))),

    // A string value: `mitigation`, `currency`, `baseline`, `key` (the item's id in another tool),
    // `contact` and `blocked` (why the work cannot proceed).
    mitigation_statement: ($) =>
      seq(
        field('keyword', choice('mitigation', 'currency', 'baseline', 'key', 'contact', 'blocked')),
        field('value', $.string),
      ),

    // Money: `cost 12_500.50`, `actual_cost 4_200`.
    money_statement: ($) => seq(field('keyword', choice('cost', 'actual_cost')), field('value', $.number)),

    // The cost of one full unit per working day or hour: `rate 800/d`.
    rate_statement: ($) => seq(field('keyword', 'rate'), field('value', $.rate)),

    // Another program's milestone, in an external:
    // `from "../platform/plan.prog" milestone ga`.
    from_statement: ($) =>
      seq(field('keyword', 'from'), field('path', $.string), 'milestone', field('milestone', $.identifier)),

    // `done`, and in an action `done 2027-01-29`.
    done_statement: ($) => seq('done', optional(field('value', $.date))),

    identifier: (_) => /[A-Za-z_][A-Za-z0-9_]*/,

    // A string ends on the line it starts on.
    string: ($) =>
      seq('"', repeat(choice($.string_content, $.escape_sequence)), token.immediate('"')),

    // Precedence over `#`: a comment cannot start inside a string.
    string_content: (_) => token.immediate(prec(1, /[^"\\\n]+/)),

    escape_sequence: (_) => token.immediate(/\\[^\n]/),

    date: (_) => /\d{4}-\d{2}-\d{2}/,

    // d: working days; w: weeks of five working days; h: hours.
    duration: (_) => /[+-]?\d+[dwh]/,

    percent: (_) => /\d+(\.\d+)?%/,

    // `_` may separate digits: 12_500.50.
    number: (_) => /\d[\d_]*(\.\d[\d_]*)?/,

    rate: (_) => /\d[\d_]*(\.\d[\d_]*)?\/[dh]/,

    comment: (_) => token(seq('#', /[^\n]*/)),
  },
});
