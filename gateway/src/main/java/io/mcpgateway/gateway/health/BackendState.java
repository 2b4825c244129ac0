package io.mcpgateway.gateway.health;

import java.time.Instant;

/**
 * What the last probe of a backend found.
 *
 * @param status {@code healthy}, {@code unhealthy}, or {@code unknown} before the first probe
 * @param latencyMillis how long the last probe took
 * @param lastError why the last probe failed; null when it succeeded
 */
public record BackendState(String status, Instant lastCheck, Double latencyMillis, String lastError,
        int consecutiveFailures) {

    public static final String HEALTHY = "healthy";
    public static final String UNHEALTHY = "unhealthy";
    public static final String UNKNOWN = "unknown";

    public static BackendState unknown() {
        return new BackendState(UNKNOWN, null, null, null, 0);
    }

    public boolean isHealthy() {
        return HEALTHY.equals(status);
    }
}
