if vim.g.loaded_prog then
  return
end
vim.g.loaded_prog = true

vim.api.nvim_create_user_command('ProgCriticalPath', function()
  require('prog.commands').critical_path(0)
end, { desc = 'Prog: show the critical path in the quickfix list' })

vim.api.nvim_create_user_command('ProgReport', function()
  require('prog.commands').report(0)
end, { desc = 'Prog: open the HTML report of the plan' })

vim.api.nvim_create_user_command('ProgPreview', function()
  require('prog.commands').preview(0)
end, { desc = 'Prog: open a live preview of the plan in the browser' })

vim.api.nvim_create_user_command('ProgRestart', function()
  -- Disabling stops the clients; enabling again attaches a new one to every .prog buffer.
  vim.lsp.enable('prog', false)
  vim.defer_fn(function()
    vim.lsp.enable('prog')
  end, 500)
end, { desc = 'Prog: restart the language server' })
