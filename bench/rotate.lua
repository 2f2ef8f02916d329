-- wrk script: each request takes the next path from a file (one a line), so a cache cannot answer them all.
-- Usage: wrk ... -s rotate.lua http://127.0.0.1:PORT -- paths.txt [distinct]
-- With "distinct", each request also gets a parameter of its own (n=thread-count), which the portal ignores but the
-- output cache keys on: every request is computed.
local paths = {}
local next_index = 1
local threads = 0
local distinct = false
local sent = 0

function setup(thread)
  threads = threads + 1
  thread:set("offset", threads * 7)
end

function init(args)
  local file = assert(io.open(args[1], "r"))
  for line in file:lines() do
    if #line > 0 then paths[#paths + 1] = line end
  end
  file:close()
  next_index = (offset or 0) % #paths + 1
  distinct = args[2] == "distinct"
end

function request()
  local path = paths[next_index]
  next_index = next_index % #paths + 1
  if distinct then
    sent = sent + 1
    path = path .. (path:find("?", 1, true) and "&" or "?") .. "n=" .. (offset or 0) .. "-" .. sent
  end
  return wrk.format("GET", path)
end
