-- Neovim (headless) as a user would drive it: open a Dockerfile with ballast attached,
-- wait for the diagnostics, hover, apply a quick fix and the fix-all source action through
-- Neovim's own LSP client, and report what happened as JSON in $RESULT.
-- Works with Neovim 0.7 (vim.lsp.start_client) and later.
local ballast = os.getenv("BALLAST")
local dockerfile = os.getenv("DOCKERFILE")
local result_path = os.getenv("RESULT")
local report = { steps = {} }

local function finish()
  local file = io.open(result_path, "w")
  file:write(vim.fn.json_encode(report))
  file:close()
  vim.cmd("qa!")
end

local function fail(message)
  report.error = message
  finish()
end

vim.cmd("edit " .. vim.fn.fnameescape(dockerfile))
vim.bo.filetype = "dockerfile"
local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = "ballast",
  cmd = { ballast, "lsp" },
  root_dir = vim.fn.fnamemodify(dockerfile, ":h"),
  -- As nvim-lspconfig does: settings sent once the server is initialised.
  settings = { ballast = { select = { "BL5001", "BL5002" } } },
  on_init = function(client)
    client.notify("workspace/didChangeConfiguration", { settings = client.config.settings })
  end,
})
if not client_id then return fail("start_client failed") end
vim.lsp.buf_attach_client(bufnr, client_id)
local client = vim.lsp.get_client_by_id(client_id)

local function codes()
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = d.user_data and d.user_data.lsp or d
    table.insert(list, lsp.code or d.code)
  end
  table.sort(list)
  return list
end

local function wait_for_codes(expected)
  return vim.wait(30000, function() return table.concat(codes(), ",") == expected end, 20)
end

if not wait_for_codes("BL5001,BL5002") then
  return fail("diagnostics never arrived: " .. table.concat(codes(), ","))
end
report.first = codes()
report.encoding = client.offset_encoding

local function request(method, params)
  local responses = vim.lsp.buf_request_sync(bufnr, method, params, 10000)
  if not responses or not responses[client_id] then return nil end
  return responses[client_id].result
end

local hover = request("textDocument/hover", {
  textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = 1, character = 1 } })
report.hover = hover and hover.contents and hover.contents.value or ""

local function actions_at(line, only)
  return request("textDocument/codeAction", {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = { line = line, character = 0 }, ["end"] = { line = line, character = 0 } },
    context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, line), only = only },
  }) or {}
end

-- The quick fix for ADD, applied by Neovim.
local quick
for _, action in ipairs(actions_at(1)) do
  table.insert(report.steps, action.title)
  if action.title == "Replace ADD with COPY" then quick = action end
end
if not quick then return fail("no quick fix offered") end
vim.lsp.util.apply_workspace_edit(quick.edit, client.offset_encoding)
if not wait_for_codes("BL5002") then
  return fail("diagnostics after the quick fix: " .. table.concat(codes(), ","))
end
report.after_quick_fix = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)

-- Everything else with source.fixAll.ballast.
local fix_all = actions_at(0, { "source.fixAll" })[1]
if not fix_all then return fail("no fix-all action") end
vim.lsp.util.apply_workspace_edit(fix_all.edit, client.offset_encoding)
if not wait_for_codes("") then
  return fail("diagnostics after fix-all: " .. table.concat(codes(), ","))
end
report.after_fix_all = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
report.modified = vim.bo.modified
vim.lsp.stop_client(client_id)
vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
finish()
