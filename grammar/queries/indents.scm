[
  (body)
  (group_body)
] @indent.begin

"}" @indent.branch @indent.end

(comment) @indent.ignore
