-- `:ProgCriticalPath`, `:ProgReport` and `:ProgPreview`.
local M = {}

---@param bufnr integer
---@return vim.lsp.Client?
local function client_for(bufnr)
  local client = vim.lsp.get_clients({ bufnr = bufnr, name = 'prog' })[1]
  if not client then
    vim.notify('prog: no language server attached to this buffer', vim.log.levels.WARN)
  end
  return client
end

--- Asks the server for the critical path and puts it, in order, in the quickfix list.
---@param bufnr? integer
---@param on_done? fun(ids: string[]?) called with the ids once the list is filled (for tests and scripts)
function M.critical_path(bufnr, on_done)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local client = client_for(bufnr)
  if not client then
    return on_done and on_done(nil)
  end
  local command = {
    title = 'Show Critical Path',
    command = 'prog.showCriticalPath',
    arguments = { vim.uri_from_bufnr(bufnr) },
  }
  client:exec_cmd(command, { bufnr = bufnr }, function(err, result)
    if err then
      vim.notify('prog: ' .. err.message, vim.log.levels.ERROR)
      return on_done and on_done(nil)
    end
    -- Steps in order: { id, title, start, finish, location = LSP Location or nil }.
    local steps = vim.tbl_filter(function(step)
      return type(step) == 'table' and type(step.id) == 'string'
    end, type(result) == 'table' and result or {})
    local ids, items = {}, {}
    for i, step in ipairs(steps) do
      ids[i] = step.id
      local loc = type(step.location) == 'table' and step.location or nil
      local item = { text = ('%d/%d %s  %s'):format(i, #steps, step.id, step.title or '') }
      if loc then
        item.filename = vim.uri_to_fname(loc.uri)
        item.lnum = loc.range.start.line + 1
        item.col = loc.range.start.character + 1
      end
      items[i] = item
    end
    vim.fn.setqflist({}, ' ', { title = 'Prog: critical path', items = items })
    if #items > 0 then
      -- Show the list but stay in the plan: `:cc N` or <CR> in the list jumps to a step.
      vim.cmd('botright copen | wincmd p')
    else
      vim.notify('prog: the plan has no critical path')
    end
    if on_done then
      on_done(ids)
    end
  end)
end

--- Runs `prog report` on the plan and opens the HTML report.
---@param bufnr? integer
function M.report(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local file = vim.api.nvim_buf_get_name(bufnr)
  if vim.bo[bufnr].modified then
    vim.api.nvim_buf_call(bufnr, function()
      vim.cmd('silent write')
    end)
  end
  local out = vim.fn.tempname() .. '.html'
  local prog = require('prog').options.cmd[1]
  vim.system({ prog, 'report', file, '--format', 'html', '--output', out }, { text = true }, function(res)
    vim.schedule(function()
      if res.code ~= 0 then
        vim.notify('prog report failed: ' .. vim.trim(res.stderr or ''), vim.log.levels.ERROR)
      else
        vim.ui.open(out)
      end
    end)
  end)
end

--- Running previews by buffer: the `prog preview --stdin` process and its address.
---@type table<integer, { proc: vim.SystemObj, timer: uv.uv_timer_t, url: string? }>
local previews = {}

--- Quiet time after the last change before the page is asked for again.
local PREVIEW_DEBOUNCE_MS = 100

--- Opens the plan's report in the browser and keeps it current as the buffer changes: a
--- `prog preview --stdin` process serves it on 127.0.0.1 and is fed the page the language server
--- computes from the unsaved text (`prog/preview`). It stops when the buffer is wiped out.
---@param bufnr? integer
---@param on_url? fun(url: string) called with the address once it is known (for tests and scripts)
function M.preview(bufnr, on_url)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local running = previews[bufnr]
  if running and running.url then
    vim.ui.open(running.url)
    return on_url and on_url(running.url)
  end
  local client = client_for(bufnr)
  if not client then
    return
  end
  local prog = require('prog').options.cmd[1]
  local preview = {}
  previews[bufnr] = preview
  preview.proc = vim.system({ prog, 'preview', '--stdin', vim.api.nvim_buf_get_name(bufnr) }, {
    stdin = true,
    stdout = function(_, data)
      local url = not preview.url and data and data:match('(http://127%.0%.0%.1:%d+/)')
      if url then
        preview.url = url
        vim.schedule(function()
          vim.ui.open(url)
          if on_url then
            on_url(url)
          end
        end)
      end
    end,
  }, function()
    if previews[bufnr] == preview then
      previews[bufnr] = nil
    end
  end)

  local function push()
    if previews[bufnr] ~= preview or not vim.api.nvim_buf_is_valid(bufnr) then
      return
    end
    -- With a buffer, the client sends its pending didChange before the request.
    client:request('prog/preview', { textDocument = { uri = vim.uri_from_bufnr(bufnr) } }, function(err, page)
      if not err and type(page) == 'string' and previews[bufnr] == preview then
        preview.proc:write(vim.json.encode(page) .. '\n')
      end
    end, bufnr)
  end
  local timer = assert(vim.uv.new_timer())
  preview.timer = timer
  vim.api.nvim_buf_attach(bufnr, false, {
    on_lines = function()
      if previews[bufnr] ~= preview then
        return true -- detach
      end
      timer:stop()
      timer:start(PREVIEW_DEBOUNCE_MS, 0, vim.schedule_wrap(push))
    end,
  })
  vim.api.nvim_create_autocmd({ 'BufWipeout', 'VimLeavePre' }, {
    group = vim.api.nvim_create_augroup('prog.preview.' .. bufnr, { clear = true }),
    buffer = bufnr,
    callback = function()
      M.stop_preview(bufnr)
    end,
  })
  push()
end

--- Stops the preview of a buffer: closing its standard input ends `prog preview`.
---@param bufnr integer
---@return vim.SystemObj? proc the process, to wait for
function M.stop_preview(bufnr)
  local preview = previews[bufnr]
  previews[bufnr] = nil
  if preview then
    preview.timer:close()
    preview.proc:write(nil)
    return preview.proc
  end
end

return M
