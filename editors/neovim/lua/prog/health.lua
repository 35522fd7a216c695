-- `:checkhealth prog`
local M = {}

function M.check()
  vim.health.start('prog')
  if vim.fn.has('nvim-0.11') == 1 then
    vim.health.ok('Neovim ' .. tostring(vim.version()))
  else
    vim.health.error('Neovim 0.11 or newer is needed (vim.lsp.config)')
  end
  local prog = require('prog').options.cmd[1]
  if vim.fn.executable(prog) == 1 then
    local path = vim.fn.exepath(prog)
    local ok, res = pcall(function()
      return vim.system({ path, '--version' }, { text = true }):wait(5000)
    end)
    if ok and res.code == 0 then
      vim.health.ok(('`%s` is %s: %s'):format(prog, path, vim.trim(res.stdout)))
    else
      vim.health.error(('`%s --version` failed'):format(path), { 'Reinstall prog: see the README' })
    end
  else
    vim.health.error(('`%s` is not executable'):format(prog), {
      'Install it: `cargo install --locked --path crates/prog_cli` in the Prog repository',
      'or set `cmd` in setup()',
    })
  end
  local ok = pcall(vim.treesitter.language.inspect, 'prog')
  if ok then
    vim.health.ok('tree-sitter parser for prog found')
  else
    vim.health.info('no tree-sitter parser for prog: highlighting comes from the server only')
  end
end

return M
