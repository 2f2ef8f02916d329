-- wrk script: each request takes the next path from a file (one a line), so a cache cannot answer them all.
-- Usage: wrk ... -s rotate.lua http://127.0.0.1:PORT -- paths.txt
local paths = {}
local next_index = 1
local threads = 0

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
end

function request()
  local path = paths[next_index]
  next_index = next_index % #paths + 1
  return wrk.format("GET", path)
end
