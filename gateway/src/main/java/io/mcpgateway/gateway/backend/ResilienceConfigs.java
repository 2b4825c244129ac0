package io.mcpgateway.gateway.backend;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.RetryConfig;
import io.mcpgateway.gateway.config.ResilienceSettings;

/** The Resilience4j configurations our {@link ResilienceSettings} stand for. */
final class ResilienceConfigs {

    /** Failures that say nothing of the backend: its circuit breaker does not count them. */
    private static final Set<BackendFailure.Kind> NOT_THE_BACKENDS = EnumSet.of(BackendFailure.Kind.BUSY,
            BackendFailure.Kind.NOT_SENT, BackendFailure.Kind.TOO_LARGE, BackendFailure.Kind.REFUSED);

    private ResilienceConfigs() {
    }

    /**
     * Count-based window; only backend failures count, so a tool's own error result (the caller's bad input) is a
     * success here and can never open the breaker. Open moves to half-open by itself after the wait, so
     * {@code /health} shows it without waiting for a caller.
     */
    static CircuitBreakerConfig circuitBreaker(ResilienceSettings settings, Clock clock) {
        return CircuitBreakerConfig.custom()
                .slidingWindow(settings.slidingWindowSize(), settings.minimumCalls(),
                        CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(settings.failureRateThreshold())
                .waitDurationInOpenState(settings.waitInOpen())
                .permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordException(BackendFailure.class::isInstance)
                // a batch's end cut it, its client cancelled it, the gateway's own pool was full, its request
                // unsendable, the answer over the gateway's size bound, the call refused as a whole by the backend:
                // not the backend's failing
                .ignoreException(e -> e instanceof BatchTimeUp || e instanceof CallCancelled
                        || e instanceof BackendFailure failure
                        && NOT_THE_BACKENDS.contains(failure.kind()))
                .writableStackTraceEnabled(false)
                .clock(clock)
                .build();
    }

    /**
     * A semaphore that never queues: a backend that hangs holds at most its share of calls, and the rest are refused
     * at once instead of piling up behind it.
     */
    static BulkheadConfig bulkhead(ResilienceSettings settings) {
        return BulkheadConfig.custom()
                .maxConcurrentCalls(settings.maxConcurrentCalls())
                .maxWaitDuration(Duration.ZERO)
                .writableStackTraceEnabled(false)
                .build();
    }

    /**
     * Retries only what {@link RetryPolicy} allowed, after the wait it chose: the policy knows the tool, the budget
     * and the deadline, which a shared {@code Retry} cannot.
     */
    static RetryConfig retry(ResilienceSettings settings) {
        return RetryConfig.<ToolOutcome>custom()
                .maxAttempts(settings.maxAttempts())
                .retryOnException(RetryableFailure.class::isInstance)
                .intervalBiFunction((attempt, outcome) -> outcome.isLeft()
                        && outcome.getLeft() instanceof RetryableFailure retryable ? retryable.backoff().toMillis() : 0L)
                .failAfterMaxAttempts(false)
                .build();
    }
}
