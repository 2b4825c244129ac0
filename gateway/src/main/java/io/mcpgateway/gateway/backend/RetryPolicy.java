package io.mcpgateway.gateway.backend;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mcpgateway.gateway.config.ResilienceSettings;
import io.mcpgateway.gateway.metrics.GatewayMetrics;

/**
 * Decides, for one backend, whether a failed attempt is tried again and after how long. A retry needs all of: a
 * transient failure (no HTTP answer, or 500/502/503/504), a tool that declares itself read-only, attempts left, a
 * start before the call's deadline, and a token from the backend's {@link RetryBudget}. The wait is exponential
 * backoff with full jitter: uniform in [0, min(max backoff, initial backoff × 2^(retry − 1))], so callers that failed
 * together do not come back together.
 */
final class RetryPolicy {

    private static final Logger log = LoggerFactory.getLogger(RetryPolicy.class);

    /**
     * HTTP statuses that say "not now" rather than "never": the server or a proxy in front of it failed. A 4xx says the
     * request itself is wrong (429 asks us to slow down), so repeating it cannot help.
     */
    private static final Set<Integer> TRANSIENT_STATUSES = Set.of(500, 502, 503, 504);

    private final String backend;
    private final ResilienceSettings settings;
    private final RetrySafeTools safeTools;
    private final RetryBudget budget;
    private final GatewayMetrics metrics;
    private final DoubleSupplier random;

    /** @param random uniform in [0, 1), the jitter */
    RetryPolicy(String backend, ResilienceSettings settings, RetrySafeTools safeTools, GatewayMetrics metrics,
            Clock clock, DoubleSupplier random) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.safeTools = Objects.requireNonNull(safeTools, "safeTools");
        this.budget = new RetryBudget(settings.retryBudgetRatio(), clock);
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A call made its first attempt, which earns the backend a share of a retry. */
    void recordFirstAttempt() {
        budget.recordFirstAttempt();
    }

    /**
     * The wait before trying {@code tool} again after {@code failure}, or empty when the failure is the answer.
     *
     * @param attemptsMade attempts made so far in this call, the failed one included
     */
    Optional<Duration> backoffAfter(BackendFailure failure, String tool, int attemptsMade, Deadline deadline) {
        if (!isTransient(failure) || attemptsMade >= settings.maxAttempts() || Thread.currentThread().isInterrupted()
                || !safeTools.allowsRetry(backend, tool)) {
            return Optional.empty();
        }
        Duration backoff = fullJitter(attemptsMade);
        Duration asked = failure.retryAfter();
        if (asked != null) { // the backend said when: sooner would be refused again, and add to its load
            if (asked.compareTo(settings.maxBackoff()) > 0) {
                metrics.backendRetry(backend, "refused_retry_after");
                log.debug("Not retrying {} on '{}': it asked to be called again in {} s", tool, backend,
                        asked.toSeconds());
                return Optional.empty();
            }
            backoff = asked.compareTo(backoff) > 0 ? asked : backoff;
        }
        if (!deadline.allowsStartAfter(backoff)) {
            metrics.backendRetry(backend, "refused_deadline");
            log.debug("Not retrying {} on '{}': the total timeout would pass first", tool, backend);
            return Optional.empty();
        }
        if (!budget.tryTakeRetry()) {
            metrics.backendRetry(backend, "refused_budget");
            log.debug("Not retrying {} on '{}': its retry budget is spent", tool, backend);
            return Optional.empty();
        }
        metrics.backendRetry(backend, "retried");
        // INFO, after the failed attempt's WARN: without it a retried failure read as the same failure twice
        log.info("Retrying {} on '{}' (attempt {} of {}) in {} ms", tool, backend, attemptsMade + 1,
                settings.maxAttempts(), backoff.toMillis());
        return Optional.of(backoff);
    }

    /**
     * Refused or reset connections and gateway-class HTTP errors pass; a timeout does not (the backend is slow, most
     * likely overloaded, and the attempt already spent most of the call's time), nor does a protocol error (the same
     * request gets the same wrong answer).
     */
    static boolean isTransient(BackendFailure failure) {
        return failure.kind() == BackendFailure.Kind.UNAVAILABLE
                && (failure.httpStatus() == BackendFailure.NO_HTTP_STATUS
                        || TRANSIENT_STATUSES.contains(failure.httpStatus()));
    }

    private Duration fullJitter(int retry) {
        long initial = settings.initialBackoff().toMillis();
        long ceiling = Math.min(settings.maxBackoff().toMillis(), initial << Math.min(retry - 1, 30));
        return Duration.ofMillis((long) (random.getAsDouble() * ceiling));
    }

    /** Retries this backend may still make now. */
    double retriesAvailable() {
        return budget.available();
    }
}
