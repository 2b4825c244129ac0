package io.mcpgateway.gateway.backend;

import static io.mcpgateway.gateway.error.GatewayException.ServiceUnavailable.RETRY_AFTER;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mcpgateway.gateway.backend.http1.AbortSignal;
import io.mcpgateway.gateway.error.GatewayException;
import io.mcpgateway.gateway.metrics.GatewayMetrics;

/**
 * Calls the backend once, counts the call, and turns a failure into the answer it deserves: 504 for a timeout,
 * 503 with {@code Retry-After} for everything else. {@link ResilientToolInvoker} makes each of its attempts here.
 */
public final class DirectToolInvoker {

    private static final Logger log = LoggerFactory.getLogger(DirectToolInvoker.class);
    /** The outcome of a backend call its client ended, in the metrics: not the backend's timeout. */
    private static final String CANCELLED = "cancelled";

    private final Map<String, McpBackendClient> backends = new LinkedHashMap<>();
    private final GatewayMetrics metrics;

    public DirectToolInvoker(List<McpBackendClient> backends, GatewayMetrics metrics) {
        backends.forEach(b -> this.backends.put(b.name(), b));
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** The configured backend of that name. */
    McpBackendClient backend(String name) {
        McpBackendClient backend = backends.get(name);
        if (backend == null) {
            throw new IllegalArgumentException("No backend is configured with the name '" + name + "'");
        }
        return backend;
    }

    /** One call that waits at most {@code timeout}, counted in the metrics by its outcome. */
    ToolOutcome attempt(McpBackendClient backend, String tool, Map<String, Object> arguments, ResultForm form,
            OnBehalfOf caller, Duration timeout) throws BackendFailure {
        long start = System.nanoTime();
        try {
            ToolOutcome outcome = backend.callTool(tool, arguments, form, caller, timeout);
            metrics.backendCall(backend.name(), tool, outcome.isSuccess() ? "success" : "tool_error",
                    Duration.ofNanos(System.nanoTime() - start));
            return outcome;
        } catch (BackendFailure e) {
            boolean endedForItsClient = AbortSignal.currentAborted(); // a cancellation, a hang-up: no backend fault
            metrics.backendCall(backend.name(), tool, endedForItsClient ? CANCELLED : e.kind().label(),
                    Duration.ofNanos(System.nanoTime() - start));
            if (endedForItsClient) {
                log.debug("Backend call {} on '{}' ended: its client cancelled it or hung up", tool, backend.name());
            } else {
                log.warn("Backend call {} on '{}' failed ({}): {} ({})", tool, backend.name(), e.kind().label(),
                        e.forLog(), backend.settings().mcpEndpoint());
            }
            throw e;
        }
    }

    /**
     * The answer a backend failure deserves.
     *
     * @param timeoutLimit the time limit a timeout is reported against
     */
    static GatewayException toGatewayException(BackendFailure e, McpBackendClient backend, String tool,
            Duration timeoutLimit) {
        if (e.kind() == BackendFailure.Kind.TIMEOUT) {
            return new GatewayException.Timeout(backend.name(), timeoutLimit);
        }
        if (e.kind() == BackendFailure.Kind.NOT_SENT) { // logged by attempt(); the reason is the gateway's own
            return new GatewayException.Internal();
        }
        if (e.kind() == BackendFailure.Kind.BUSY) { // not called: the gateway's own connections were all taken
            return BackendRefusals.connectionsBusy(backend.name(), tool, backend.settings().pool().maxQueued());
        }
        if (e.kind() == BackendFailure.Kind.TOO_LARGE) { // the same call would be as large again
            return new GatewayException.ServiceUnavailable("BACKEND_INVALID_RESPONSE", "Backend '" + backend.name()
                    + "' answered this call with more than the gateway passes on (max_response_bytes, "
                    + backend.settings().pool().maxResponseBytes() + " bytes); ask for a smaller result",
                    Map.of("backend", backend.name(), "tool", tool, "max_response_bytes",
                            backend.settings().pool().maxResponseBytes()), RETRY_AFTER);
        }
        if (e.kind() == BackendFailure.Kind.REFUSED) { // this call, not every call: asked again, refused again
            return new GatewayException.Validation("BACKEND_REFUSED_REQUEST", "Backend '" + backend.name()
                    + "' refused this call as a whole (HTTP " + e.httpStatus() + "): the arguments are past a limit"
                    + " of the backend's own, most likely their size or nesting", Map.of("backend", backend.name(),
                    "tool", tool, "backend_status", e.httpStatus()));
        }
        if (e.kind() == BackendFailure.Kind.PROTOCOL) { // up, but broken: "try again shortly" would mislead
            return new GatewayException.ServiceUnavailable("BACKEND_INVALID_RESPONSE", "Backend '" + backend.name()
                    + "' answered this call with something the gateway cannot use; the gateway's log has what"
                    + " under this request's id", Map.of("backend", backend.name(),
                    "tool", tool), RETRY_AFTER);
        }
        Duration asked = e.retryAfter();
        boolean later = asked != null && asked.compareTo(RETRY_AFTER) > 0; // the backend knows when better
        return new GatewayException.ServiceUnavailable("BACKEND_UNAVAILABLE", "Backend '" + backend.name()
                + (e.httpStatus() == 429 ? "' is limiting its calls (HTTP 429)" : "' is unavailable")
                + (later ? "; it asks to be called again in " + asked.toSeconds() + " s" : "; try again shortly"),
                later ? Map.of("backend", backend.name(), "tool", tool, "retry_after_seconds", asked.toSeconds())
                        : Map.of("backend", backend.name(), "tool", tool), later ? asked : RETRY_AFTER);
    }
}
