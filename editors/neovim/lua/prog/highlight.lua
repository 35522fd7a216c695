-- The server marks critical task and milestone ids with the semantic-token modifier `critical`;
-- Neovim shows such a token with the group `@lsp.mod.critical`, linked here to `ProgCritical`.
local M = {}

---@param critical_hl vim.api.keyset.highlight
function M.setup(critical_hl)
  local function apply()
    -- `default`: a colour scheme or the user may set either group themselves.
    vim.api.nvim_set_hl(0, 'ProgCritical', vim.tbl_extend('force', critical_hl, { default = true }))
    vim.api.nvim_set_hl(0, '@lsp.mod.critical', { link = 'ProgCritical', default = true })
  end
  apply()
  -- A colour scheme clears all groups when it loads.
  vim.api.nvim_create_autocmd('ColorScheme', {
    group = vim.api.nvim_create_augroup('prog.highlight', { clear = true }),
    callback = apply,
  })
end

return M
