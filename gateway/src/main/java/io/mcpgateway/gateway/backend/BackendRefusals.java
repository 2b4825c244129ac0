package io.mcpgateway.gateway.backend;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import io.mcpgateway.gateway.error.GatewayException;
import io.mcpgateway.text.Plural;

/** The 503 answers for calls the gateway refuses to make, translated from Resilience4j's refusals. */
public final class BackendRefusals {

    private static final String CIRCUIT_OPEN = "CIRCUIT_OPEN";
    private static final String BUSY = "BACKEND_BUSY";
    /** The codes of these refusals: the call never reached its backend. */
    public static final Set<String> CODES = Set.of(CIRCUIT_OPEN, BUSY);

    /** A full bulkhead frees up as soon as one call ends: asking again shortly is right. */
    static final Duration BUSY_RETRY_AFTER = Duration.ofSeconds(1);

    private BackendRefusals() {
    }

    /** The backend's circuit breaker is open ({@code CallNotPermittedException}). */
    static GatewayException.ServiceUnavailable circuitOpen(String backend, String tool, Duration retryAfter) {
        return new GatewayException.ServiceUnavailable(CIRCUIT_OPEN, "Backend '" + backend
                + "' is failing, so calls to it are paused; try again in " + retryAfter.toSeconds() + " s",
                Map.of("backend", backend, "tool", tool, "retry_after_seconds", retryAfter.toSeconds()), retryAfter);
    }

    /** The backend has as many calls in flight as its bulkhead allows ({@code BulkheadFullException}). */
    static GatewayException.ServiceUnavailable busy(String backend, String tool, int maxConcurrentCalls) {
        return new GatewayException.ServiceUnavailable(BUSY, "Backend '" + backend + "' has "
                + maxConcurrentCalls + " calls in flight, its limit; try again shortly",
                Map.of("backend", backend, "tool", tool, "max_concurrent_calls", maxConcurrentCalls), BUSY_RETRY_AFTER);
    }

    /**
     * The gateway's connections to the backend are all in use and {@code maxQueued} calls wait for one: the gateway's
     * own limit, which says nothing of the backend (it was not called), so not "unavailable".
     */
    static GatewayException.ServiceUnavailable connectionsBusy(String backend, String tool, int maxQueued) {
        return new GatewayException.ServiceUnavailable(BUSY, "The gateway's connections to backend '"
                + backend + "' are all in use and their queue (" + Plural.of(maxQueued, "call") + " at most) is full;"
                + " try again shortly",
                Map.of("backend", backend, "tool", tool, "max_queued_calls", maxQueued), BUSY_RETRY_AFTER);
    }
}
