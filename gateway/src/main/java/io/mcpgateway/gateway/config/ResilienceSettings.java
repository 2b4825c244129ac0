package io.mcpgateway.gateway.config;

import java.time.Duration;

/**
 * How calls to backends are protected: retries of transient failures (read-only tools only) within a budget, a
 * circuit breaker per backend, and a bulkhead bounding concurrent calls per backend.
 *
 * @param maxAttempts attempts per call including the first (1 = no retries)
 * @param retryBudgetRatio retries allowed as a share of recent first attempts (0.2 = at most 20% extra load), and one
 *     a second whatever the traffic; 0 turns retries off
 * @param failureRateThreshold percentage of failed calls in the window that opens the breaker
 * @param minimumCalls calls the window needs before the rate counts
 * @param slidingWindowSize calls the failure rate is computed over
 * @param waitInOpen how long an open breaker fails fast before letting trial calls through
 * @param halfOpenCalls trial calls in the half-open state
 * @param maxConcurrentCalls bulkhead size per backend
 */
public record ResilienceSettings(int maxAttempts, Duration initialBackoff, Duration maxBackoff,
        double retryBudgetRatio, int failureRateThreshold, int minimumCalls, int slidingWindowSize,
        Duration waitInOpen, int halfOpenCalls, int maxConcurrentCalls) {

    public static ResilienceSettings defaults() {
        return new ResilienceSettings(3, Duration.ofMillis(100), Duration.ofSeconds(2), 0.2, 50, 10, 20,
                Duration.ofSeconds(30), 3, 64);
    }
}
