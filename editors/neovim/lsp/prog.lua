-- The default client configuration, found by `vim.lsp.config('prog')` (Neovim 0.11+) on the
-- runtimepath; `require('prog').setup()` layers the user's options over it.
---@type vim.lsp.Config
return {
  cmd = { 'prog', 'lsp' },
  filetypes = { 'prog' },
  root_markers = { '.git' },
  init_options = { inlayHints = { float = true } },
  settings = { prog = { inlayHints = { float = true } } },
}
