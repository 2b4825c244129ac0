-- Checks one request against the buckets of all its LimitWindows, all or nothing: takes one token from every bucket
-- when each has one, and none otherwise. A refused request writes nothing, so it leaves every bucket as it was (a
-- window not under way stays so).
-- A bucket holds capacity tokens, all back at once when its window is over; a window starts at the bucket's first
-- use, and the next at the first call that takes a token after the last one is over (so a caller's quota is never
-- back before a whole window has passed since that window's first call).
-- Redis runs one script at a time, so concurrent requests on a key never race, and its TIME is the one clock every
-- gateway instance reads.
-- KEYS: the buckets, each a hash {tokens, start (microseconds)}.
-- ARGV: grace (milliseconds) a key outlives its window, then per key its capacity and window (microseconds).
-- Returns per key {1 if it had a token else 0, tokens left, microseconds until its window ends (0: none under way)}.

-- Redis before 5 replicates a script by its text, which would not replay TIME: replicate its writes instead.
if redis.replicate_commands then redis.replicate_commands() end

local grace = tonumber(ARGV[1])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])

local buckets = {}
local admitted = true
for i, key in ipairs(KEYS) do
  local capacity = tonumber(ARGV[2 * i])
  local window = tonumber(ARGV[2 * i + 1])
  local state = redis.call('HMGET', key, 'tokens', 'start')
  local tokens = tonumber(state[1])
  local start = tonumber(state[2])
  if tokens == nil or start == nil or now >= start + window then
    -- no window under way: the bucket is full, and a window starts with the token taken from it
    tokens = capacity
    start = nil
  end
  buckets[i] = {tokens = tokens, start = start, window = window}
  admitted = admitted and tokens > 0
end

local reply = {}
for i, bucket in ipairs(buckets) do
  local hadRoom = bucket.tokens > 0 and 1 or 0
  local tokens = bucket.tokens
  local start = bucket.start
  if admitted then
    tokens = tokens - 1
    start = start or now
    -- written as integers, not left to how Redis formats a Lua number (a double)
    redis.call('HSET', KEYS[i], 'tokens', string.format('%d', tokens), 'start', string.format('%d', start))
    -- once the window is over the bucket would be full, the same as no key
    redis.call('PEXPIRE', KEYS[i], math.ceil((start + bucket.window - now) / 1000) + grace)
  end
  local untilReset = 0
  if start then
    untilReset = start + bucket.window - now
  end
  reply[i] = {hadRoom, tokens, untilReset}
end
return reply
