; All files of a plan share one id namespace, so the whole file is one scope.
(source_file) @local.scope

(item
  name: (identifier) @local.definition)

(group
  name: (identifier) @local.definition)

(dependency
  target: (identifier) @local.reference)

(assignment
  resource: (identifier) @local.reference)

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
  value: (identifier) @local.reference)
