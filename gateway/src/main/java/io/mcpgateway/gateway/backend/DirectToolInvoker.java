package io.mcpgateway.gateway.backend;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mcpgateway.gateway.error.GatewayException;
import io.mcpgateway.gateway.metrics.GatewayMetrics;

/**
 * Calls the backend once, counts the call, and turns a failure into the answer it deserves: 504 for a timeout,
 * 503 with {@code Retry-After} for everything else.
 */
public final class DirectToolInvoker implements ToolInvoker {

    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(DirectToolInvoker.class);

    private final Map<String, McpBackendClient> backends = new LinkedHashMap<>();
    private final GatewayMetrics metrics;

    public DirectToolInvoker(List<McpBackendClient> backends, GatewayMetrics metrics) {
        backends.forEach(b -> this.backends.put(b.name(), b));
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public ToolOutcome invoke(String backendName, String tool, Map<String, Object> arguments) {
        McpBackendClient backend = backends.get(backendName);
        long start = System.nanoTime();
        try {
            ToolOutcome outcome = backend.callTool(tool, arguments);
            metrics.backendCall(backendName, tool, outcome.isSuccess() ? "success" : "tool_error",
                    Duration.ofNanos(System.nanoTime() - start));
            return outcome;
        } catch (BackendFailure e) {
            metrics.backendCall(backendName, tool, e.kind().label(), Duration.ofNanos(System.nanoTime() - start));
            log.warn("Backend call {} on '{}' failed: {}", tool, backendName, e.getMessage());
            throw toGatewayException(e, backend, tool);
        }
    }

    /** The answer a backend failure deserves. */
    public static GatewayException toGatewayException(BackendFailure e, McpBackendClient backend, String tool) {
        if (e.kind() == BackendFailure.Kind.TIMEOUT) {
            return new GatewayException.Timeout(backend.name(), backend.settings().requestTimeout());
        }
        return new GatewayException.ServiceUnavailable("BACKEND_UNAVAILABLE",
                "Backend '" + backend.name() + "' is unavailable; try again shortly",
                Map.of("backend", backend.name(), "tool", tool), RETRY_AFTER);
    }
}
