package io.mcpgateway.gateway.ratelimit;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

/**
 * Buckets in Redis through Bucket4j's Lettuce proxy manager, which updates a bucket by compare-and-swap so instances
 * never lose each other's requests. Every Redis call is bounded by {@code timeout}, and calls while disconnected fail
 * at once rather than queueing, so a dead or hung Redis costs a request at most that long. Lettuce's own reconnecting
 * is off: {@link #ping()} reconnects, on the caller's schedule, and keys expire once their bucket would be full.
 */
final class RedisBucketStore implements SharedBucketStore {

    /** Keys outlive a full refill by this much, so a bucket still in use is never dropped under a caller. */
    private static final Duration KEY_GRACE = Duration.ofSeconds(5);

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
    public void ping() {
        Connection connection = current;
        if (connection == null || !connection.redis().isOpen()) {
            connection = connect();
        }
        connection.redis().sync().ping();
    }

    @Override
    public void close() {
        Connection connection = current;
        if (connection != null) {
            connection.redis().close();
        }
        client.shutdown(0, timeout.toMillis() * 5, TimeUnit.MILLISECONDS);
    }

    /** A proxy that reads and writes the bucket in Redis on each operation; fails at once when disconnected. */
    @Override
    public BucketProxy bucket(String key, LimitWindow limit) {
        Connection connection = current;
        if (connection == null || !connection.redis().isOpen()) {
            throw new RedisConnectionException("not connected to Redis");
        }
        return connection.buckets().builder().build(keyPrefix + key, limit::configuration);
    }

    /**
     * Opens a connection in place of none or a lost one (Lettuce closes a connection whose link dropped when it does
     * not reconnect itself); only the prober calls this, so two never race.
     */
    private Connection connect() {
        StatefulRedisConnection<String, byte[]> redis =
                client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        LettuceBasedProxyManager<String> buckets = Bucket4jLettuce.casBasedBuilder(redis)
                .requestTimeout(timeout)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEY_GRACE))
                .build();
        current = new Connection(redis, buckets);
        return current;
    }

    private record Connection(StatefulRedisConnection<String, byte[]> redis, LettuceBasedProxyManager<String> buckets) {
    }
}
