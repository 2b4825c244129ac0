package io.mcpgateway.gateway.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;

/**
 * Buckets in Redis, each request one {@link FixedWindowScript} call (EVALSHA) that Redis runs atomically, on its own
 * clock, on all the request's buckets, whether it is admitted or refused. Every Redis call is bounded by
 * {@code timeout}, and calls while disconnected fail at once rather than queueing, so a dead or hung Redis costs a
 * request at most that long. Lettuce's own reconnecting is off: {@link #ping()} reconnects, on the caller's schedule,
 * and keys expire once their bucket would be full. A caller's keys share a hash tag, so a cluster takes the script.
 *
 * <p>This replaced Bucket4j's Lettuce compare-and-swap proxy: concurrent requests on one key all read the bucket, one
 * write wins and the others retry, so a burst of 30 requests of one caller on a fresh gateway queued hundreds of
 * commands on the connection, passed the 200 ms timeout, and switched the instance to full local buckets that let the
 * whole burst through. A script is one round trip per request whatever the concurrency.
 */
final class RedisBucketStore implements SharedBucketStore {

    /** Keys outlive a full refill by this much, so a bucket still in use is never dropped under a caller. */
    private static final Duration KEY_GRACE = Duration.ofSeconds(5);
    /**
     * What {@link #ping()} runs the script on: a PING passes where the script fails (a cluster refusing its keys, a
     * read-only replica after a failover, a full memory), and requests would fall back, come back, and fail again.
     */
    private static final List<LimitBucket> PROBE = Stream.of(LimitWindow.burst(Integer.MAX_VALUE,
            Duration.ofSeconds(1)), LimitWindow.perMinute(Integer.MAX_VALUE))
            .map(limit -> new LimitBucket(limit.key("probe", "probe"), limit))
            .toList(); // keys as a request's: two windows of one caller
    /**
     * Ends every key. The compare-and-swap proxy kept its buckets as strings under the bare keys; a script meeting one
     * (or an instance of that version meeting a hash) fails on its type, so during a rolling update each version
     * counts in keys of its own instead of falling back to local counting.
     */
    private static final String KEY_SUFFIX = ":window";

    private final RedisClient client;
    private final Duration timeout;
    private final String keyPrefix;
    private volatile Connection current;

    /** @param keyPrefix put before every key (rate_limits.redis_key_prefix) */
    RedisBucketStore(String url, Duration timeout, String keyPrefix) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(timeout);
        this.client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).keepAlive(true).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
    }

    @Override
    public List<BucketProbe> tryConsume(List<LimitBucket> buckets) {
        String[] keys = buckets.stream().map(bucket -> keyPrefix + bucket.key() + KEY_SUFFIX).toArray(String[]::new);
        return FixedWindowScript.probes(buckets, run(keys, FixedWindowScript.arguments(buckets, KEY_GRACE)));
    }

    @Override
    public void ping() {
        Connection connection = current;
        if (connection == null || !connection.redis().isOpen()) {
            connection = connect();
        }
        tryConsume(PROBE);
    }

    @Override
    public void close() {
        Connection connection = current;
        if (connection != null) {
            connection.redis().close();
        }
        client.shutdown(0, timeout.toMillis() * 5, TimeUnit.MILLISECONDS);
    }

    /** One script call on the buckets {@code keys}; fails at once when disconnected. */
    private List<Object> run(String[] keys, String[] arguments) {
        Connection connection = current;
        if (connection == null || !connection.redis().isOpen()) {
            throw new RedisConnectionException("not connected to Redis");
        }
        try {
            return connection.commands().evalsha(connection.scriptSha(), ScriptOutputType.MULTI, keys, arguments);
        } catch (RedisNoScriptException e) {
            // Redis restarted or its scripts were flushed since we connected; EVAL caches the script again.
            return connection.commands().eval(FixedWindowScript.TEXT, ScriptOutputType.MULTI, keys, arguments);
        }
    }

    /**
     * Opens a connection in place of none or a lost one (Lettuce closes a connection whose link dropped when it does
     * not reconnect itself) and loads the script, which also warms the calls requests will make; only the prober
     * calls this, so two never race.
     */
    private Connection connect() {
        StatefulRedisConnection<String, String> redis = client.connect(StringCodec.UTF8);
        try {
            current = new Connection(redis, redis.sync().scriptLoad(FixedWindowScript.TEXT));
            return current;
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
    }

    private record Connection(StatefulRedisConnection<String, String> redis, String scriptSha) {

        RedisCommands<String, String> commands() {
            return redis.sync();
        }
    }
}
