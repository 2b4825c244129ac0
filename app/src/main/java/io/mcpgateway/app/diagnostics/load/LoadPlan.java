package io.mcpgateway.app.diagnostics.load;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import io.mcpgateway.app.diagnostics.DurationConverter;

/**
 * What a load test sends: one request, repeated by {@code concurrency} workers until {@code requests} have been sent
 * or {@code duration} has passed (exactly one of the two).
 *
 * @param body the JSON body; null for none (GET)
 * @param token the bearer token; null to send none
 * @param headers more request headers, for example {@code Cache-Control: no-cache}
 * @param timeout how long one request may take before it counts as failed
 */
record LoadPlan(URI target, String method, String body, String token, Map<String, String> headers, int concurrency,
        long requests, Duration duration, Duration timeout) {

    static final int MAX_CONCURRENCY = 1000;
    static final long MAX_REQUESTS = 1_000_000;
    static final Duration MAX_DURATION = Duration.ofHours(1);

    LoadPlan {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(timeout, "timeout");
        headers = Map.copyOf(headers);
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("--concurrency must be between 1 and " + MAX_CONCURRENCY + " but was "
                    + concurrency);
        }
        if ((requests > 0) == (duration != null)) {
            throw new IllegalArgumentException("give either --requests or --duration");
        }
        if (requests > MAX_REQUESTS) {
            throw new IllegalArgumentException("--requests must be between 1 and " + MAX_REQUESTS + " but was "
                    + requests);
        }
        if (duration != null && (duration.toMillis() < 1 || duration.compareTo(MAX_DURATION) > 0)) {
            throw new IllegalArgumentException("--duration must be between 1ms and 1h but was "
                    + DurationConverter.shown(duration));
        }
    }

    LoadPlan withToken(String newToken) {
        return new LoadPlan(target, method, body, newToken, headers, concurrency, requests, duration, timeout);
    }

    boolean byCount() {
        return duration == null;
    }

    /** Workers that will have something to send: no more than the requests. */
    int workers() {
        return byCount() ? (int) Math.min(concurrency, requests) : concurrency;
    }

    /** For example "100 POST requests" or "POST requests for 30 s". */
    String describe() {
        return byCount() ? requests + " " + method + (requests == 1 ? " request" : " requests")
                : method + " requests for " + (duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s"
                        : duration.toMillis() + " ms");
    }
}
