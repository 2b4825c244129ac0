package io.mcpgateway.gateway.backend;

import java.time.Duration;
import java.util.Objects;

/**
 * A failed attempt that {@link RetryPolicy} allowed to be tried again after {@code backoff}: the only exception the
 * backend's Resilience4j {@code Retry} retries, and the carrier of the wait it sleeps.
 */
final class RetryableFailure extends Exception {

    private final BackendFailure failure;
    private final Duration backoff;

    RetryableFailure(BackendFailure failure, Duration backoff) {
        super(failure.getMessage(), failure, false, false);
        this.failure = failure;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
    }

    BackendFailure failure() {
        return failure;
    }

    Duration backoff() {
        return backoff;
    }
}
