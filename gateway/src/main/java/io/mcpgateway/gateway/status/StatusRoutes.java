package io.mcpgateway.gateway.status;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.mcpgateway.gateway.health.BackendHealthMonitor;
import io.mcpgateway.gateway.health.BackendState;

/**
 * {@code GET /status}: a self-refreshing page for operators (served from the jar, no outside resources) with each
 * backend's health, request rate, error rate, latency and authentication failures over the last minutes;
 * {@code GET /status/data} is the JSON it draws from.
 */
public final class StatusRoutes {

    private static final String RESOURCES = "/io/mcpgateway/gateway/status/";
    /** Scripts and styles only from the gateway itself; the charts are inline SVG drawn by status.js. */
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; base-uri 'none'; frame-ancestors 'none'";

    private final TrafficHistory history;
    private final BackendHealthMonitor monitor;
    private final Function<String, String> circuitBreakers;
    private final Clock clock;
    private final byte[] page;
    private final byte[] script;
    private final byte[] style;

    /** @param circuitBreakers each backend's breaker state ({@code closed}, {@code open}, {@code half_open}) */
    public StatusRoutes(TrafficHistory history, BackendHealthMonitor monitor, Function<String, String> circuitBreakers,
            Clock clock) {
        this.history = Objects.requireNonNull(history, "history");
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.circuitBreakers = Objects.requireNonNull(circuitBreakers, "circuitBreakers");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.page = resource("status.html");
        this.script = resource("status.js");
        this.style = resource("status.css");
    }

    public void register(JavalinConfig config) {
        config.routes.get("/status", ctx -> serve(ctx, page, "text/html; charset=utf-8"));
        config.routes.get("/status/status.js", ctx -> serve(ctx, script, "text/javascript; charset=utf-8"));
        config.routes.get("/status/status.css", ctx -> serve(ctx, style, "text/css; charset=utf-8"));
        config.routes.get("/status/data", this::data);
    }

    private static void serve(Context ctx, byte[] body, String type) {
        ctx.header("Content-Security-Policy", POLICY).header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-cache").contentType(type).result(body);
    }

    private void data(Context ctx) {
        Map<String, Object> backends = new LinkedHashMap<>();
        for (Map.Entry<String, BackendState> entry : monitor.states().entrySet()) {
            BackendState state = entry.getValue();
            Map<String, Object> backend = new LinkedHashMap<>();
            backend.put("status", state.status());
            backend.put("circuit_breaker", circuitBreakers.apply(entry.getKey()));
            backend.put("latency_ms", state.latencyMillis());
            backend.put("last_error", state.lastError());
            backend.put("last_check", state.lastCheck() == null ? null : state.lastCheck().toString());
            backends.put(entry.getKey(), backend);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("generated_at", clock.instant().toString());
        body.put("interval_seconds", TrafficHistory.INTERVAL.toSeconds());
        body.put("backends", backends);
        body.put("series", history.series());
        ctx.header("Cache-Control", "no-store").json(body);
    }

    private static byte[] resource(String name) {
        try (InputStream in = StatusRoutes.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("status page resource missing from the jar: " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
