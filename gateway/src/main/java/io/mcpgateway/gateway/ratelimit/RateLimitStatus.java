package io.mcpgateway.gateway.ratelimit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where rate limits are counted now, for {@code /health}.
 *
 * @param enabled whether any limit is on
 * @param store {@code redis} (shared by all instances) or {@code local} (this instance only)
 * @param redis {@code up}, {@code down} (counting locally meanwhile) or {@code not_configured}
 * @param since when the current store took over; empty without Redis
 * @param fallbacks how often this instance has fallen back to local counting since it started
 * @param lastError while Redis is down, why its last call failed, in words without its address or password
 *     ({@code /health} is public): "authentication failed", "connection refused", "timed out"...
 */
public record RateLimitStatus(boolean enabled, String store, String redis, Optional<Instant> since, long fallbacks,
        Optional<String> lastError) {

    public static final String STORE_REDIS = "redis";
    public static final String STORE_LOCAL = "local";
    public static final String REDIS_UP = "up";
    public static final String REDIS_DOWN = "down";
    public static final String REDIS_NOT_CONFIGURED = "not_configured";

    public RateLimitStatus {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(lastError, "lastError");
    }

    static RateLimitStatus localOnly(boolean enabled) {
        return new RateLimitStatus(enabled, STORE_LOCAL, REDIS_NOT_CONFIGURED, Optional.empty(), 0, Optional.empty());
    }

    static RateLimitStatus shared(Instant since, long fallbacks) {
        return new RateLimitStatus(true, STORE_REDIS, REDIS_UP, Optional.of(since), fallbacks, Optional.empty());
    }

    static RateLimitStatus fallenBack(Instant since, long fallbacks, String lastError) {
        return new RateLimitStatus(true, STORE_LOCAL, REDIS_DOWN, Optional.of(since), fallbacks,
                Optional.of(lastError));
    }
}
