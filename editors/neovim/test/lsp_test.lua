-- Headless end-to-end test of the plugin against the real server:
--   nvim --headless --clean -l test/lsp_test.lua PROG
-- PROG is the prog binary. Exits non-zero on the first failure.
local prog = arg[1]
local here = vim.fs.dirname(vim.fs.abspath(debug.getinfo(1, 'S').source:sub(2)))
local plugin_dir = vim.fs.dirname(here)
local TIMEOUT = 20000

local function fail(msg)
  io.stderr:write('FAIL: ' .. msg .. '\n')
  os.exit(1)
end

local function check(cond, msg)
  if not cond then
    fail(msg)
  end
end

local function step(msg)
  io.stdout:write('ok: ' .. msg .. '\n')
end

local function wait_for(what, cond)
  if not vim.wait(TIMEOUT, cond, 50) then
    fail('timed out waiting for ' .. what)
  end
end

--- The (0-based) position of the first occurrence of `needle` on the line that contains `anchor`.
local function pos_of(bufnr, anchor, needle)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    if line:find(anchor, 1, true) then
      return i - 1, line:find(needle, 1, true) - 1
    end
  end
  fail('no line with ' .. anchor)
end

local function request(bufnr, method, params)
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, TIMEOUT)
  check(responses, method .. ': ' .. tostring(err))
  local _, response = next(responses)
  check(response and not response.err, method .. ' failed: ' .. vim.inspect(response and response.err))
  return response.result
end

check(prog and vim.fn.executable(prog) == 1, 'usage: nvim --headless --clean -l lsp_test.lua PROG')
check(vim.fn.has('nvim-0.11') == 1, 'Neovim 0.11+ needed, this is ' .. tostring(vim.version()))

-- Load the plugin as a plugin manager would: on the runtimepath, then its plugin/ and ftdetect/.
vim.opt.runtimepath:prepend(plugin_dir)
vim.cmd('runtime! plugin/prog.lua ftdetect/prog.lua')
require('prog').setup({ cmd = { prog, 'lsp' } })

-- Work on a copy, so that the code action's edit never touches the fixture.
local dir = vim.fn.tempname()
vim.fn.mkdir(dir, 'p')
local plan = dir .. '/plan.prog'
vim.fn.writefile(vim.fn.readfile(here .. '/plan.prog'), plan)
vim.cmd.edit(plan)
local buf = vim.api.nvim_get_current_buf()
local uri = vim.uri_from_bufnr(buf)
check(vim.bo[buf].filetype == 'prog', 'filetype is ' .. vim.bo[buf].filetype)
step('filetype prog')

wait_for('the server to attach', function()
  return #vim.lsp.get_clients({ bufnr = buf, name = 'prog' }) > 0
end)
local client = vim.lsp.get_clients({ bufnr = buf, name = 'prog' })[1]
step('client attached')

-- Diagnostics pushed (or pulled) from the real server: `kickof` is unknown.
local unknown
wait_for('a diagnostic on `kickof`', function()
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local line = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, false)[1]
    if line:sub(d.col + 1, d.end_col) == 'kickof' then
      unknown = d
    end
  end
  return unknown ~= nil
end)
step(('diagnostic %s: %s'):format(unknown.code, unknown.message))

-- Hover on the definition of `api`.
local line, col = pos_of(buf, 'task api', 'api')
local hover = request(buf, 'textDocument/hover', {
  textDocument = { uri = uri },
  position = { line = line, character = col },
})
check(hover and hover.contents, 'no hover on `api`')
local text = type(hover.contents) == 'string' and hover.contents
  or hover.contents.value
  or vim.inspect(hover.contents)
check(text:find('critical'), 'hover on `api` does not say critical: ' .. text)
step('hover: ' .. text:gsub('\n.*', ''))

-- Inlay hints: the plugin turned them on, and the server labels the float of every task.
check(vim.lsp.inlay_hint.is_enabled({ bufnr = buf }), 'inlay hints are off')
local hint_params = {
  textDocument = { uri = uri },
  range = {
    start = { line = 0, character = 0 },
    ['end'] = { line = vim.api.nvim_buf_line_count(buf), character = 0 },
  },
}
local hints = request(buf, 'textDocument/inlayHint', hint_params)
local labels = {}
for _, h in ipairs(hints or {}) do
  local label = type(h.label) == 'string' and h.label
    or table.concat(vim.tbl_map(function(p)
      return p.value
    end, h.label))
  labels[#labels + 1] = vim.trim(label)
end
local docs_line = pos_of(buf, 'task docs', 'docs')
local docs_hint
for _, h in ipairs(hints or {}) do
  if h.position.line == docs_line then
    docs_hint = h
  end
end
check(docs_hint, 'no inlay hint on the `docs` line; labels: ' .. vim.inspect(labels))
check(vim.iter(labels):any(function(l)
  return l:find('float 5d', 1, true)
end), 'no `float 5d` hint for docs: ' .. vim.inspect(labels))
step('inlay hints: ' .. table.concat(labels, ', '))

-- The setting `prog.inlayHints.float`, changed while the server runs.
local function set_float_hints(on)
  client.settings = { prog = { inlayHints = { float = on } } }
  client:notify('workspace/didChangeConfiguration', { settings = client.settings })
end
set_float_hints(false)
wait_for('float hints to go after didChangeConfiguration', function()
  return #(request(buf, 'textDocument/inlayHint', hint_params) or {}) == 0
end)
set_float_hints(true)
wait_for('float hints to come back', function()
  return #(request(buf, 'textDocument/inlayHint', hint_params) or {}) == #hints
end)
step('prog.inlayHints.float turns the hints off and on')

-- Semantic tokens: `api` is critical, `docs` (5 days of float) is not.
local function token_at(anchor, id)
  local l, c = pos_of(buf, anchor, id)
  for _, t in ipairs(vim.lsp.semantic_tokens.get_at_pos(buf, l, c) or {}) do
    if t.line == l and t.start_col == c then
      return t
    end
  end
end
wait_for('semantic tokens', function()
  return token_at('task api', 'api') ~= nil
end)
local api_token = token_at('task api', 'api')
check(api_token.modifiers.critical, '`api` is not marked critical: ' .. vim.inspect(api_token))
local docs_token = token_at('task docs', 'docs')
check(docs_token and not docs_token.modifiers.critical, '`docs` is critical: ' .. vim.inspect(docs_token))
local critical_hl = vim.api.nvim_get_hl(0, { name = '@lsp.mod.critical', link = false })
check(critical_hl.fg ~= nil, '@lsp.mod.critical has no colour')
step(('semantic tokens: api critical (%s, fg #%06x), docs not'):format(api_token.type, critical_hl.fg))

-- The critical path command, through the plugin, into the quickfix list.
local path
require('prog.commands').critical_path(buf, function(ids)
  path = ids or false
end)
wait_for('the critical path', function()
  return path ~= nil
end)
check(path and table.concat(path, ' ') == 'kickoff api ready', 'critical path: ' .. vim.inspect(path))
local qf = vim.fn.getqflist()
check(#qf == 3 and qf[2].bufnr == buf and qf[2].lnum == line + 1, 'quickfix list: ' .. vim.inspect(qf))
check(vim.api.nvim_get_current_buf() == buf, 'the plan is no longer the current buffer')
step('critical path: ' .. table.concat(path, ' -> '))

-- A quick fix for the unknown id, applied to the buffer; the diagnostic then goes away.
local actions = request(buf, 'textDocument/codeAction', {
  textDocument = { uri = uri },
  range = {
    start = { line = unknown.lnum, character = unknown.col },
    ['end'] = { line = unknown.end_lnum, character = unknown.end_col },
  },
  context = { diagnostics = { unknown.user_data.lsp }, only = { 'quickfix' } },
})
local fix
for _, a in ipairs(actions or {}) do
  if a.title:find('kickoff', 1, true) and a.edit then
    fix = a
  end
end
check(fix, 'no quick fix naming `kickoff`: ' .. vim.inspect(vim.tbl_map(function(a)
  return a.title
end, actions or {})))
vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding)
local fixed = vim.api.nvim_buf_get_lines(buf, docs_line, docs_line + 1, false)[1]
check(fixed:find('after kickoff }', 1, true), 'edit not applied: ' .. fixed)
if not vim.wait(TIMEOUT, function()
  return #vim.diagnostic.get(buf, { severity = vim.diagnostic.severity.ERROR }) == 0
end) then
  fail('errors left after the fix: ' .. vim.inspect(vim.tbl_map(function(d)
    return ('%d:%d %s'):format(d.lnum + 1, d.col + 1, d.message)
  end, vim.diagnostic.get(buf))) .. '\n' .. table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n'))
end
step('code action "' .. fix.title .. '" applied, no errors left')

client:stop()
io.stdout:write('all checks passed\n')
os.exit(0)
