package io.mcpgateway.gateway.ratelimit;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mcpgateway.gateway.config.RateLimitSettings;
import io.mcpgateway.gateway.metrics.GatewayMetrics;

/**
 * The gateway's rate limiting, built from its settings: the guard RestRoutes calls, the status {@code /health} shows,
 * and the Redis connection to close at shutdown. Counts in memory by default; with {@code redis_url}, in Redis shared
 * by every instance, falling back to memory while Redis does not answer. The buckets in memory outlive a configuration
 * reload: the gateway replacing this one counts on in them ({@link #open}), so a reload does not give every caller a
 * full quota again.
 */
public final class RateLimits implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RateLimits.class);

    private final RateLimitGuard guard;
    private final Supplier<RateLimitStatus> status;
    private final Runnable closing;
    /** The buckets in memory: all of them, or Redis's fallback; null when no limit is on. */
    private final LocalBucketStore local;

    private RateLimits(RateLimitGuard guard, Supplier<RateLimitStatus> status, Runnable closing,
            LocalBucketStore local) {
        this.guard = guard;
        this.status = status;
        this.closing = closing;
        this.local = local;
    }

    /**
     * Rate limiting for {@code settings} that counts on in the buckets in memory of {@code predecessor} (null: none),
     * the rate limiting of the gateway this one replaces on a reload. Both count in them while the replaced one
     * finishes its requests. A bucket's key names its limit (capacity and window), so a limit the reload changed
     * counts in a bucket of its own from the start, and one it left alone counts on.
     */
    public static RateLimits open(RateLimitSettings settings, GatewayMetrics metrics, Clock clock,
            RateLimits predecessor) {
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(clock, "clock");
        if (!settings.anyOn()) {
            log.info("Rate limits per caller: off (no limit per minute or per burst, on any route)");
            return new RateLimits(RateLimitGuard.NONE, () -> RateLimitStatus.localOnly(false), () -> { }, null);
        }
        log.info("Rate limits per caller: {} per minute, {} per {} s (0 = off), {} routes with their own, counted {}",
                settings.perMinute(), settings.burst(), settings.burstWindow().toSeconds(), settings.routes().size(),
                settings.redisUrl() == null ? "in memory" : "in Redis, shared by all instances while it answers");
        LocalBucketStore local = predecessor != null && predecessor.local != null ? predecessor.local
                : LocalBucketStore.inMemory();
        if (settings.redisUrl() == null) {
            return new RateLimits(new BucketRateLimitGuard(new RateLimiter(settings, local), metrics),
                    () -> RateLimitStatus.localOnly(true), () -> { }, local);
        }
        FailoverBucketStore store = new FailoverBucketStore(
                new RedisBucketStore(settings.redisUrl(), settings.redisTimeout(), settings.redisKeyPrefix()), local, clock)
                .probeEvery(settings.redisProbeInterval());
        return new RateLimits(new BucketRateLimitGuard(new RateLimiter(settings, store), metrics), store::status,
                store::close, local);
    }

    public RateLimitGuard guard() {
        return guard;
    }

    public RateLimitStatus status() {
        return status.get();
    }

    /** Stops probing Redis and closes its connection. */
    @Override
    public void close() {
        closing.run();
    }
}
