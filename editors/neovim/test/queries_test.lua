-- The tree-sitter queries the plugin ships, in Neovim, with a parser built from grammar/:
--   nvim --headless --clean -l test/queries_test.lua PARSER PLAN...
-- Every query must load, every plan must parse without an error node, and a few captures are
-- checked on the first plan. Exits non-zero on the first failure.
local parser, plans = arg[1], vim.list_slice(arg, 2)
local plugin_dir = vim.fs.dirname(vim.fs.dirname(vim.fs.abspath(debug.getinfo(1, 'S').source:sub(2))))

local function check(cond, msg)
  if not cond then
    io.stderr:write('FAIL: ' .. msg .. '\n')
    os.exit(1)
  end
end

check(parser and #plans > 0, 'usage: nvim --headless --clean -l queries_test.lua PARSER PLAN...')
vim.opt.runtimepath:prepend(plugin_dir)
vim.cmd('runtime! ftdetect/prog.lua')
vim.treesitter.language.add('prog', { path = parser })
for _, name in ipairs({ 'highlights', 'folds', 'indents', 'locals' }) do
  local ok, query = pcall(vim.treesitter.query.get, 'prog', name)
  check(ok and query, ('queries/prog/%s.scm does not load: %s'):format(name, query))
  -- The query must come from this plugin, not from some other runtime directory.
  local files = vim.treesitter.query.get_files('prog', name)
  check(#files == 1 and vim.startswith(files[1], plugin_dir), name .. ' from ' .. vim.inspect(files))
end
io.stdout:write('ok: queries load\n')

--- The captures at the first occurrence of `needle` on the first line containing `anchor`.
local function captures_at(buf, anchor, needle)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    if line:find(anchor, 1, true) then
      return vim.tbl_map(function(c)
        return c.capture
      end, vim.treesitter.get_captures_at_pos(buf, i - 1, line:find(needle, 1, true) - 1))
    end
  end
  check(false, 'no line with ' .. anchor)
end

for i, plan in ipairs(plans) do
  vim.cmd.edit(plan)
  local buf = vim.api.nvim_get_current_buf()
  check(vim.bo[buf].filetype == 'prog', plan .. ': filetype ' .. vim.bo[buf].filetype)
  vim.treesitter.start(buf, 'prog')
  local root = vim.treesitter.get_parser(buf):parse()[1]:root()
  check(not root:has_error(), plan .. ': the syntax tree has an error: ' .. root:sexpr():sub(1, 300))
  if i == 1 then
    local expect = {
      { 'task api', 'task', 'keyword' },
      { 'task api', 'api', 'function' },
      { 'task api', '"', 'string' },
      { 'duration 5d', '5d', 'number' },
      { 'after kickoff', 'kickoff', 'variable' },
      { 'status pending', 'pending', 'constant.builtin' },
      { 'start 2027', '2027', 'string.special' },
      { '# A comment', '#', 'comment' },
    }
    for _, e in ipairs(expect) do
      local captures = captures_at(buf, e[1], e[2])
      local msg = ('%s in `%s`: %s, not %s'):format(e[2], e[1], vim.inspect(captures), e[3])
      check(vim.tbl_contains(captures, e[3]), msg)
    end
    -- Folds come from folds.scm: the multi-line body of `task api` folds.
    vim.wo.foldmethod = 'expr'
    vim.wo.foldexpr = 'v:lua.vim.treesitter.foldexpr()'
    local api_line = vim.fn.search('^task api', 'n')
    check(vim.fn.foldlevel(api_line + 1) > 0, 'the body of `task api` does not fold')
  end
  vim.cmd.bwipeout()
  io.stdout:write('ok: ' .. plan .. '\n')
end
io.stdout:write('all checks passed\n')
os.exit(0)
