package io.mcpgateway.gateway.ratelimit;

import java.time.Duration;
import java.util.Objects;

/**
 * How one bucket stood at a check of all a request's buckets ({@link BucketStore#tryConsume}).
 *
 * @param hadRoom whether it had a token for the request; the check took one from each bucket only if all had
 * @param remaining tokens left after the check
 * @param reset time until its window ends and its whole quota is back; zero while no window is under way (full)
 */
record BucketProbe(LimitWindow limit, boolean hadRoom, long remaining, Duration reset) {

    BucketProbe {
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(reset, "reset");
        if (remaining < 0 || remaining > limit.capacity()) {
            throw new IllegalArgumentException("remaining of limit '" + limit.name() + "' must be within 0.."
                    + limit.capacity() + " but was " + remaining);
        }
        if (reset.isNegative()) {
            throw new IllegalArgumentException("reset must not be negative but was " + reset);
        }
    }

    /** A bucket with no window under way: its whole quota is there. */
    static BucketProbe full(LimitWindow limit) {
        return new BucketProbe(limit, true, limit.capacity(), Duration.ZERO);
    }
}
