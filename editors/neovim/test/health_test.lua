-- `:checkhealth prog` names the binary it found and its version:
--   nvim --headless --clean -l test/health_test.lua PROG
local prog = arg[1]
local plugin_dir = vim.fs.dirname(vim.fs.dirname(vim.fs.abspath(debug.getinfo(1, 'S').source:sub(2))))

local function check(cond, msg)
  if not cond then
    io.stderr:write('FAIL: ' .. msg .. '\n')
    os.exit(1)
  end
  io.stdout:write('ok: ' .. msg .. '\n')
end

--- The text of `:checkhealth prog` with `cmd` as the server command.
local function health(cmd)
  require('prog').setup({ cmd = cmd })
  vim.cmd('checkhealth prog')
  local text = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
  vim.cmd('bwipeout!')
  return text
end

check(prog, 'usage: nvim --headless --clean -l health_test.lua PROG')
vim.opt.runtimepath:prepend(plugin_dir)
local version = vim.trim(vim.system({ prog, '--version' }, { text = true }):wait().stdout)
check(version:match('^prog %d+%.%d+%.%d+$') ~= nil, 'prog --version prints `prog X.Y.Z`: ' .. version)

local found = health({ prog, 'lsp' })
local path = vim.fn.exepath(prog)
check(found:find(('OK `%s` is %s: %s'):format(prog, path, version), 1, true) ~= nil, 'the binary and its version')

local missing = health({ '/nonexistent/prog', 'lsp' })
check(missing:find('ERROR `/nonexistent/prog` is not executable', 1, true) ~= nil, 'a missing binary')
check(missing:find('cargo install --locked --path crates/prog_cli', 1, true) ~= nil, 'how to install it')
os.exit(0)
