package io.mcpgateway.gateway.health;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.mcpgateway.gateway.metrics.Rounding;

/**
 * {@code GET /metrics/mcp} (REFERENCE-SPEC §4.8): the original's summary of the MCP backends' health, from the same
 * probes as {@code /health}. Public, as the original documented it (its code asked for a token).
 */
public final class BackendSummaryRoutes {

    public static final String PATH = "/metrics/mcp";

    private final BackendHealthMonitor monitor;
    private final Clock clock;

    public BackendSummaryRoutes(BackendHealthMonitor monitor, Clock clock) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void register(JavalinConfig config) {
        config.routes.get(PATH, this::summary);
    }

    private void summary(Context ctx) {
        Map<String, BackendState> states = monitor.states();
        long healthy = states.values().stream().filter(BackendState::isHealthy).count();
        OptionalDouble latency = states.values().stream().filter(s -> s.latencyMillis() != null)
                .mapToDouble(BackendState::latencyMillis).average();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("total_servers", states.size());
        summary.put("healthy_servers", healthy);
        summary.put("health_rate_percent", states.isEmpty() ? 0.0 : 100.0 * healthy / states.size());
        summary.put("avg_response_time_ms", latency.isPresent() ? Rounding.twoDecimals(latency.getAsDouble())
                : null);
        Map<String, Object> details = new LinkedHashMap<>();
        states.forEach((name, state) -> {
            Map<String, Object> server = new LinkedHashMap<>();
            server.put("status", state.status());
            server.put("last_check", state.lastCheck() == null ? null : state.lastCheck().toString());
            server.put("response_time_ms", state.latencyMillis());
            server.put("error", state.lastError());
            server.put("consecutive_failures", state.consecutiveFailures());
            details.put(name, server);
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("mcp_summary", summary);
        body.put("server_details", details);
        body.put("timestamp", clock.instant().toString());
        ctx.json(body);
    }
}
