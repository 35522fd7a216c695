-- Prog plans in Neovim: the language server client, inlay hints, the critical-path highlight and
-- the commands. `require('prog').setup(opts)` turns it all on; see the README for the options.
local M = {}

---@class prog.Options
---@field cmd? string[] How to start the server; default `{ 'prog', 'lsp' }` (prog on PATH).
---@field inlay_hints? boolean Turn inlay hints on in .prog buffers (default true).
---@field float_hints? boolean Ask the server for float hints: `float 3d`, `critical` (default true).
---@field baseline_hints? boolean Ask the server for variance hints against the program's baseline: `+3d` (default true).
---@field critical_hl? vim.api.keyset.highlight How critical task ids look (default: red, bold).
---@field lsp? vim.lsp.Config Anything else for `vim.lsp.config`.

---@type prog.Options
M.defaults = {
  cmd = { 'prog', 'lsp' },
  inlay_hints = true,
  float_hints = true,
  baseline_hints = true,
  critical_hl = { fg = '#e5484d', ctermfg = 'red', bold = true },
  lsp = {},
}

---@type prog.Options
M.options = vim.deepcopy(M.defaults)

--- The client configuration for `vim.lsp.config('prog', ...)` from the options.
---@param opts prog.Options
---@return vim.lsp.Config
function M.lsp_config(opts)
  local hints = { inlayHints = { float = opts.float_hints, baseline = opts.baseline_hints } }
  return vim.tbl_deep_extend('force', {
    cmd = opts.cmd,
    init_options = hints,
    settings = { prog = hints },
  }, opts.lsp or {})
end

---@param opts? prog.Options
function M.setup(opts)
  M.options = vim.tbl_deep_extend('force', vim.deepcopy(M.defaults), opts or {})
  require('prog.highlight').setup(M.options.critical_hl)
  if vim.fn.has('nvim-0.11') == 0 then
    vim.notify('prog.nvim needs Neovim 0.11 or newer for vim.lsp.config', vim.log.levels.ERROR)
    return
  end
  vim.lsp.config('prog', M.lsp_config(M.options))
  vim.lsp.enable('prog')

  local group = vim.api.nvim_create_augroup('prog.lsp', { clear = true })
  vim.api.nvim_create_autocmd('LspAttach', {
    group = group,
    callback = function(args)
      local client = vim.lsp.get_client_by_id(args.data.client_id)
      if client and client.name == 'prog' and M.options.inlay_hints then
        vim.lsp.inlay_hint.enable(true, { bufnr = args.buf })
      end
    end,
  })
end

return M
