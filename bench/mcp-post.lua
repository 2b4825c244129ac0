-- wrk script for bench/search-server.sh: every request is a POST of the JSON body stored in the file named by the
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
