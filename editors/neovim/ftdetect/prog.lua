vim.filetype.add({ extension = { prog = 'prog' } })
