package io.mcpgateway.gateway.ratelimit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The answer to one request: admitted or refused, and the state of its tightest limit for the response headers.
 *
 * @param limit the limit reported: the one with the fewest requests left, or the one that refused
 * @param remaining requests left in that limit's window after this one
 * @param reset time until that limit's window ends and its whole quota is back
 */
record RateDecision(boolean admitted, LimitWindow limit, long remaining, Duration reset) {

    static final String LIMIT_HEADER = "X-RateLimit-Limit";
    static final String REMAINING_HEADER = "X-RateLimit-Remaining";
    static final String RESET_HEADER = "X-RateLimit-Reset";

    RateDecision {
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(reset, "reset");
        if (remaining < 0) {
            throw new IllegalArgumentException("remaining must not be negative but was " + remaining);
        }
    }

    static RateDecision admitted(LimitWindow limit, long remaining, Duration reset) {
        return new RateDecision(true, limit, remaining, reset);
    }

    static RateDecision refused(LimitWindow limit, Duration reset) {
        return new RateDecision(false, limit, 0, reset);
    }

    /**
     * {@code X-RateLimit-Limit}, {@code -Remaining} and {@code -Reset}; Reset is in seconds from now (like the IETF
     * RateLimit header draft), rounded up so a client that waits that long finds the quota back.
     */
    Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(LIMIT_HEADER, Long.toString(limit.capacity()));
        headers.put(REMAINING_HEADER, Long.toString(remaining));
        headers.put(RESET_HEADER, Long.toString(resetSeconds()));
        return headers;
    }

    /** Whole seconds until the quota is back, at least 1 (a refusal always has something to wait for). */
    long resetSeconds() {
        long seconds = reset.toSeconds() + (reset.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
