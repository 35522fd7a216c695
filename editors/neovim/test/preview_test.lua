-- `:ProgPreview` end to end: the buffer's page, computed by the real language server, served by
-- `prog preview --stdin`, pushed to a browser's event stream (read here over a plain TCP socket):
--   nvim --headless --clean -l test/preview_test.lua PROG
local prog = arg[1]
local here = vim.fs.dirname(vim.fs.abspath(debug.getinfo(1, 'S').source:sub(2)))
local plugin_dir = vim.fs.dirname(here)
local TIMEOUT = 20000

local function check(cond, msg)
  if not cond then
    io.stderr:write('FAIL: ' .. msg .. '\n')
    os.exit(1)
  end
  io.stdout:write('ok: ' .. msg .. '\n')
end

local function wait_for(what, cond)
  check(vim.wait(TIMEOUT, cond, 20), what)
end

check(prog and vim.fn.executable(prog) == 1, 'usage: nvim --headless --clean -l preview_test.lua PROG')
vim.opt.runtimepath:prepend(plugin_dir)
vim.cmd('runtime! plugin/prog.lua ftdetect/prog.lua')
require('prog').setup({ cmd = { prog, 'lsp' } })

local dir = vim.fn.tempname()
vim.fn.mkdir(dir, 'p')
local plan = dir .. '/plan.prog'
vim.fn.writefile(vim.fn.readfile(here .. '/plan.prog'), plan)
vim.cmd.edit(plan)
local buf = vim.api.nvim_get_current_buf()
wait_for('the server attaches', function()
  return #vim.lsp.get_clients({ bufnr = buf, name = 'prog' }) > 0
end)

-- No browser here: note the address the plugin would open.
local opened
vim.ui.open = function(url)
  opened = url
end
vim.cmd('ProgPreview')
wait_for('the preview opens its address', function()
  return opened ~= nil
end)
local port = tonumber(opened:match('^http://127%.0%.0%.1:(%d+)/$'))
check(port ~= nil, 'served on 127.0.0.1: ' .. opened)

-- Subscribe to the event stream as a browser's EventSource would.
local received = ''
local socket = assert(vim.uv.new_tcp())
socket:connect('127.0.0.1', port, function(err)
  assert(not err, err)
  socket:write('GET /events HTTP/1.1\r\nHost: 127.0.0.1:' .. port .. '\r\nAccept: text/event-stream\r\n\r\n')
  socket:read_start(function(_, data)
    if data then
      received = received .. data
    end
  end)
end)
wait_for('the event stream answers', function()
  return received:find('text/event-stream', 1, true) ~= nil
end)

-- Edit the buffer without saving: the new title reaches the stream.
local lnum = vim.fn.search('Write the docs') - 1
local line = vim.api.nvim_buf_get_lines(buf, lnum, lnum + 1, false)[1]
vim.api.nvim_buf_set_lines(buf, lnum, lnum + 1, false, { (line:gsub('Write the docs', 'Write the user guide')) })
wait_for('the edited title is pushed', function()
  return received:find('data: .*Write the user guide') ~= nil
end)
check(vim.bo[buf].modified and vim.fn.readfile(plan)[lnum + 1]:find('Write the docs', 1, true) ~= nil,
  'the page came from the unsaved buffer')

-- Stopping the preview (as wiping the buffer out does) ends the process.
local proc = require('prog.commands').stop_preview(buf)
check(proc ~= nil, 'a preview was running')
local result = proc:wait(TIMEOUT)
check(result.code == 0, 'prog preview exits cleanly: ' .. tostring(result.code))
socket:close()
os.exit(0)
