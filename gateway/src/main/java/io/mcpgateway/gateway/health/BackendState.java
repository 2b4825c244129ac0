package io.mcpgateway.gateway.health;

import java.time.Instant;

/**
 * What the last probe of a backend found.
 *
 * @param status {@code healthy}, {@code unhealthy}, or {@code unknown} before the first probe
 * @param latencyMillis how long the last probe took
 * @param lastError why the last probe failed; null when it succeeded
 * @param reported what a backend that answered its probe says of itself when it is not well ({@link #DEGRADED}: our
 *     MCP servers with a data file they could not read whole, say); null otherwise
 */
public record BackendState(String status, Instant lastCheck, Double latencyMillis, String lastError,
        int consecutiveFailures, String reported) {

    public static final String HEALTHY = "healthy";
    public static final String UNHEALTHY = "unhealthy";
    public static final String UNKNOWN = "unknown";
    /** What a backend's own {@code /health} says when it serves, but not everything it should. */
    public static final String DEGRADED = "degraded";

    public static BackendState unknown() {
        return new BackendState(UNKNOWN, null, null, null, 0, null);
    }

    /** Whether the backend serves but says it is degraded. */
    public boolean reportsDegraded() {
        return DEGRADED.equals(reported);
    }

    public boolean isHealthy() {
        return HEALTHY.equals(status);
    }
}
