-- One bucket of a LimitWindow: capacity tokens, all back at once when its window is over; a window starts at the
-- bucket's first use, and the next at the first call that finds the last one over (so a caller's quota is never
-- back before a whole window has passed since that window's first call).
-- Redis runs one script at a time, so concurrent requests on a key never race, and its TIME is the one clock every
-- gateway instance reads.
-- KEYS[1]: the bucket, a hash {tokens, start (microseconds)}.
-- ARGV: capacity, window (microseconds), grace (milliseconds) the key outlives its window, 'consume' or 'refund'.
-- Returns {1 if a token was taken else 0, tokens left, microseconds until the window ends}.

-- Redis before 5 replicates a script by its text, which would not replay TIME: replicate its writes instead.
if redis.replicate_commands then redis.replicate_commands() end

local capacity = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])

local state = redis.call('HMGET', KEYS[1], 'tokens', 'start')
local tokens = tonumber(state[1])
local start = tonumber(state[2])
if tokens == nil or start == nil or now >= start + window then
  tokens = capacity
  start = now
end

local consumed = 0
if ARGV[4] == 'consume' then
  if tokens > 0 then
    tokens = tokens - 1
    consumed = 1
  end
else
  tokens = math.min(capacity, tokens + 1)
end

local untilReset = start + window - now
-- written as integers, not left to how Redis formats a Lua number (a double)
redis.call('HSET', KEYS[1], 'tokens', string.format('%d', tokens), 'start', string.format('%d', start))
-- once the window is over the bucket would be full, the same as no key
redis.call('PEXPIRE', KEYS[1], math.ceil(untilReset / 1000) + tonumber(ARGV[3]))
return {consumed, tokens, untilReset}
