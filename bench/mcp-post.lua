-- wrk script for bench/search-server.sh and bench/gateway.sh: every request is a POST of the JSON body stored in the file named by the
-- environment variable BENCH_BODY_FILE, with the headers an MCP Streamable HTTP client sends.
--
-- The same script drives both the search server (POST /mcp, a JSON-RPC tools/call) and nginx (POST of the same
-- body to a static file), so the two sides of a comparison send byte-identical requests.
--
-- Usage: BENCH_BODY_FILE=body.json wrk -t2 -c16 -d10s --latency -s bench/mcp-post.lua http://127.0.0.1:PORT/mcp

local path = os.getenv("BENCH_BODY_FILE")
if path == nil or path == "" then
  error("set BENCH_BODY_FILE to the file holding the request body")
end

local file = assert(io.open(path, "rb"))
local body = file:read("*a")
file:close()

wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json, text/event-stream"

-- More headers from BENCH_HEADERS, "Name: value" pairs separated by "|" (bench/gateway.sh: the bearer token,
-- Cache-Control: no-cache).
for header in string.gmatch(os.getenv("BENCH_HEADERS") or "", "[^|]+") do
  local name, value = string.match(header, "^%s*([^:]+):%s*(.*)$")
  if name then
    wrk.headers[name] = value
  end
end

-- Cache-defeating mode: when the body holds the placeholder __OFFSET__ and BENCH_OFFSET_RANGE is set, every request
-- gets its own pseudo-random offset below that range, so the server computes every page afresh instead of answering
-- from its result cache (bench/search-server.sh part 2, "uncached" row).
local range = tonumber(os.getenv("BENCH_OFFSET_RANGE") or "")
if range ~= nil and range > 0 and string.find(body, "__OFFSET__", 1, true) then
  local counter = 0
  function setup(thread)
    thread:set("seed", math.random(1, 1000000))
  end
  function init(args)
    math.randomseed((seed or 1) + os.time())
  end
  function request()
    counter = counter + 1
    local offset = math.random(0, range - 1)
    local fresh = string.gsub(body, "__OFFSET__", tostring(offset))
    return wrk.format(nil, nil, nil, fresh)
  end
end
