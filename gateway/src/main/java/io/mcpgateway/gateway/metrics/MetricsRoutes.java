package io.mcpgateway.gateway.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.mcpgateway.mcpkit.ServerMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * {@code GET /metrics} (a JSON summary for people and scripts) and {@code GET /metrics/prometheus} (the text format
 * for scrapers), both read from the same meters.
 */
public final class MetricsRoutes {

    private final GatewayMetrics metrics;
    private final PrometheusMeterRegistry prometheus;
    private final String version;
    private final Clock clock;
    private final Instant started;

    public MetricsRoutes(GatewayMetrics metrics, PrometheusMeterRegistry prometheus, String version, Instant started,
            Clock clock) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.prometheus = Objects.requireNonNull(prometheus, "prometheus");
        this.version = version;
        this.clock = clock;
        this.started = Objects.requireNonNull(started, "started");
    }

    public void register(JavalinConfig config) {
        config.routes.get("/metrics", this::json);
        config.routes.get("/metrics/prometheus", ctx -> ctx.contentType(ServerMetrics.PROMETHEUS_CONTENT_TYPE)
                .result(prometheus.scrape()));
    }

    private void json(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service", "mcp-tools-gateway");
        body.put("version", version);
        body.put("timestamp", clock.instant().toString());
        body.put("uptime_seconds", Duration.between(started, clock.instant()).toSeconds());
        body.put("latency_window_seconds", GatewayMetrics.LATENCY_WINDOW.toSeconds());
        body.put("requests", requests());
        body.put("auth", auth());
        body.put("busiest_callers", metrics.callers().top(10));
        body.put("backends", backends());
        body.put("resilience", new ResilienceSummary(metrics.registry()).byBackend());
        body.put("rate_limits", rateLimits());
        ctx.json(body);
    }

    private Map<String, Object> requests() {
        long total = 0;
        long errors = 0;
        List<Map<String, Object>> endpoints = new ArrayList<>();
        for (Meter meter : metrics.registry().find(GatewayMetrics.REQUESTS).timers()) {
            Timer timer = (Timer) meter;
            total += timer.count();
            // a probe's 503 (unavailable) is the verdict it asked for: no error, or outages would be counted per probe
            errors += RequestOutcome.isError(timer.getId().getTag("outcome")) ? timer.count() : 0;
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("method", timer.getId().getTag("method"));
            entry.put("route", timer.getId().getTag("route"));
            entry.put("status", Integer.parseInt(timer.getId().getTag("status")));
            // an MCP tool call the gateway failed inside a 200 is a 200 with outcome server_error or client_error
            entry.put("outcome", timer.getId().getTag("outcome"));
            entry.put("count", timer.count());
            entry.putAll(latency(timer));
            endpoints.add(entry);
        }
        Map<String, Object> requests = new LinkedHashMap<>();
        requests.put("total", total);
        requests.put("errors", errors);
        requests.put("by_endpoint", endpoints);
        return requests;
    }

    private Map<String, Object> auth() {
        long successes = 0;
        Map<String, Long> failures = new LinkedHashMap<>();
        for (Meter meter : metrics.registry().find(GatewayMetrics.AUTH).counters()) {
            Counter counter = (Counter) meter;
            if ("success".equals(counter.getId().getTag("result"))) {
                successes += (long) counter.count();
            } else {
                failures.merge(counter.getId().getTag("reason"), (long) counter.count(), Long::sum);
            }
        }
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("successes", successes);
        auth.put("failures", failures.values().stream().mapToLong(Long::longValue).sum());
        auth.put("failures_by_reason", failures);
        return auth;
    }

    private List<Map<String, Object>> backends() {
        List<Map<String, Object>> calls = new ArrayList<>();
        for (Meter meter : metrics.registry().find(GatewayMetrics.BACKEND_CALLS).timers()) {
            Timer timer = (Timer) meter;
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("backend", timer.getId().getTag("backend"));
            entry.put("tool", timer.getId().getTag("tool"));
            entry.put("outcome", timer.getId().getTag("outcome"));
            entry.put("count", timer.count());
            entry.putAll(latency(timer));
            calls.add(entry);
        }
        return calls;
    }

    /** Requests refused with 429, in total and per route template. */
    private Map<String, Object> rateLimits() {
        Map<String, Long> byRoute = new TreeMap<>();
        for (Meter meter : metrics.registry().find(GatewayMetrics.RATE_LIMIT_REJECTIONS).counters()) {
            byRoute.merge(meter.getId().getTag("route"), (long) ((Counter) meter).count(), Long::sum);
        }
        Map<String, Object> limits = new LinkedHashMap<>();
        limits.put("rejections", byRoute.values().stream().mapToLong(Long::longValue).sum());
        limits.put("rejections_by_route", byRoute);
        return limits;
    }

    /**
     * A timer's latency figures. Its percentiles are bucket bounds of a histogram kept to one significant digit, so
     * one may lie above the largest value recorded (a p99 of 19.9 ms beside a maximum of 19.0): they are shown at
     * most the maximum, which no percentile can exceed.
     */
    static Map<String, Object> latency(Timer timer) {
        Map<String, Object> latency = new LinkedHashMap<>();
        HistogramSnapshot snapshot = timer.takeSnapshot(); // the maximum and percentiles of one moment
        double max = snapshot.max(TimeUnit.MILLISECONDS);
        latency.put("mean_ms", round(timer.mean(TimeUnit.MILLISECONDS)));
        latency.put("max_ms", round(max));
        for (ValueAtPercentile p : snapshot.percentileValues()) {
            latency.put("p" + Math.round(p.percentile() * 100) + "_ms",
                    round(Math.min(p.value(TimeUnit.MILLISECONDS), max)));
        }
        return latency;
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
