; The patterns are disjoint (no node gets two captures), so the result does
; not depend on whether an editor lets the first or the last match win.

; Keywords. Every keyword is reserved; `calendar` is an item at the top level
; and a statement in a body.

"import" @keyword.import

(item
  kind: _ @keyword)

(group
  "group" @keyword)

(_
  keyword: _ @keyword)

(done_statement
  "done" @keyword)

(from_statement
  "milestone" @keyword)

; Definitions: the id after an item keyword.

(item
  kind: [
    "task"
    "milestone"
  ]
  name: (identifier) @function)

(item
  kind: [
    "person"
    "team"
  ]
  name: (identifier) @type)

(item
  kind: [
    "program"
    "calendar"
    "risk"
    "approval"
    "stakeholder"
    "action"
    "external"
  ]
  name: (identifier) @constant)

(group
  name: (identifier) @module)

; References. The values of `status`, `workdays`, `role`, `cadence` and
; `format` are ordinary ids (or, after `role`, a RACI keyword) with a fixed
; set of meanings.

(word_statement
  value: _ @constant.builtin)

(names_statement
  keyword: [
    "status"
    "workdays"
  ]
  value: (identifier) @constant.builtin)

(names_statement
  keyword: [
    "owner"
    "affects"
    "gates"
    "approvers"
    "calendar"
    "interest"
    "consulted"
    "informed"
  ]
  value: (identifier) @variable)

(dependency
  target: (identifier) @variable)

; A milestone of another plan: not an id of this one.
(from_statement
  milestone: (identifier) @constant)

(assignment
  resource: (identifier) @variable)

; Literals.

(string) @string

(escape_sequence) @string.escape

(date) @string.special

[
  (duration)
  (percent)
] @number

(number) @number

(rate) @number

(comment) @comment

; Punctuation.

[
  "{"
  "}"
] @punctuation.bracket

"," @punctuation.delimiter

".." @operator
