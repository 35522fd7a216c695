[
  (body)
  (group_body)
] @fold
