package io.mcpgateway.gateway.ratelimit;

import java.time.Duration;
import java.util.Objects;

import io.github.bucket4j.Bandwidth;

/**
 * One limit: at most {@code capacity} requests per {@code window}, counted in a bucket of its own.
 *
 * <p>The bucket refills intervally: all {@code capacity} tokens come back at once when the window that began with
 * the bucket's first request ends. Within each window "20 per 10 s" holds whatever the caller's pace (a greedy refill
 * would hand back a token every 0.5 s, so a burst sent over a second would get 22 through), and the time until the
 * quota is whole again, the {@code X-RateLimit-Reset} header, is simply the time until the window ends. As with any
 * fixed window, a caller who spends most of one window's quota at its end and the next window's at its start gets up
 * to twice the capacity through in a short time across the boundary; the per-minute limit bounds the sum.
 *
 * @param name what the limit is called in keys, metrics and logs: {@code burst} or {@code per_minute}
 */
record LimitWindow(String name, long capacity, Duration window) {

    static final String BURST = "burst";
    static final String PER_MINUTE = "per_minute";
    static final Duration MINUTE = Duration.ofMinutes(1);

    LimitWindow {
        Objects.requireNonNull(name, "name");
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity of limit '" + name + "' must be positive but was " + capacity);
        }
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("window of limit '" + name + "' must be positive but was " + window);
        }
    }

    static LimitWindow burst(long capacity, Duration window) {
        return new LimitWindow(BURST, capacity, window);
    }

    static LimitWindow perMinute(long capacity) {
        return new LimitWindow(PER_MINUTE, capacity, MINUTE);
    }

    /** The bucket's limit in memory; {@code fixed-window.lua} counts the same way in Redis. */
    Bandwidth bandwidth() {
        return Bandwidth.builder().capacity(capacity).refillIntervally(capacity, window).id(name).build();
    }

    /**
     * The bucket key of one caller on one route. The limit's size is part of it, so instances configured differently
     * (or a changed configuration) never share a bucket built for other numbers.
     */
    String key(String route, String callerId) {
        // The braces make the caller's route the key's hash tag, so the keys of all its windows, which one script
        // touches at once, are in one slot of a Redis cluster (which refuses a script across slots: CROSSSLOT).
        return "ratelimit:{" + route + ":" + callerId + "}:" + name + ":" + capacity + "/" + window.toSeconds() + "s";
    }
}
