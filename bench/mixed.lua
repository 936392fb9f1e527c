-- wrk script for bench/reliability.py: each request picks a random path from the file named by
-- the PATHS environment variable (one path a line), and every 50th request closes its connection
-- so the load spreads over both gunicorn workers.
local paths = {}
local count = 0

init = function(args)
  for line in io.lines(os.getenv("PATHS")) do
    paths[#paths + 1] = line
  end
  math.randomseed(os.time() + (args[1] and tonumber(args[1]) or 0))
end

request = function()
  count = count + 1
  local path = paths[math.random(#paths)]
  if count % 50 == 0 then
    return wrk.format("GET", path, { ["Connection"] = "close" })
  end
  return wrk.format("GET", path)
end
