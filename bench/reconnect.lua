-- wrk script: ask the server to close every 50th connection use, so wrk reconnects and the
-- load spreads over both gunicorn workers (a kept-alive connection stays with one worker, and
-- 16 connections opened at once can all land on the same one).
local count = 0
local normal = nil
local closing = nil

init = function(args)
  normal = wrk.format()
  closing = wrk.format(nil, nil, { ["Connection"] = "close" })
end

request = function()
  count = count + 1
  if count % 50 == 0 then
    return closing
  end
  return normal
end
