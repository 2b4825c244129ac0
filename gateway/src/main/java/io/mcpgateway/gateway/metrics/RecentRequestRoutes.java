package io.mcpgateway.gateway.metrics;

import static io.mcpgateway.gateway.metrics.Rounding.twoDecimals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.mcpgateway.gateway.error.GatewayException;

/**
 * {@code GET /metrics/performance} and {@code GET /metrics/security} (REFERENCE-SPEC §4.8): summaries of the last
 * {@code limit} requests (default 100, at most {@value RecentRequests#CAPACITY}; 0 or less: none) and security
 * events. Public, as the original documented them (its code asked for a token).
 */
public final class RecentRequestRoutes {

    public static final String PERFORMANCE_PATH = "/metrics/performance";
    public static final String SECURITY_PATH = "/metrics/security";
    static final int DEFAULT_LIMIT = 100;

    private final RecentRequests recent;

    public RecentRequestRoutes(RecentRequests recent) {
        this.recent = Objects.requireNonNull(recent, "recent");
    }

    public void register(JavalinConfig config) {
        config.routes.get(PERFORMANCE_PATH, this::performance);
        config.routes.get(SECURITY_PATH, this::security);
    }

    private void performance(Context ctx) {
        int limit = limit(ctx);
        List<RecentRequests.Request> requests = recent.lastRequests(limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("performance_summary", summary(requests));
        Map<String, Map<String, Object>> byRoute = new TreeMap<>();
        for (RecentRequests.Request request : requests) {
            Map<String, Object> entry = byRoute.computeIfAbsent(request.route(), route -> newEndpointEntry());
            entry.merge("count", 1, (a, b) -> (int) a + (int) b);
            entry.merge("total_duration_ms", request.millis(), (a, b) -> (double) a + (double) b);
            entry.merge("mcp_calls", request.calledBackend() ? 1 : 0, (a, b) -> (int) a + (int) b);
            @SuppressWarnings("unchecked")
            Map<String, Integer> statuses = (Map<String, Integer>) entry.get("status_codes");
            statuses.merge(Integer.toString(request.status()), 1, Integer::sum);
        }
        byRoute.values().forEach(entry -> {
            int count = (int) entry.get("count");
            entry.put("total_duration_ms", twoDecimals((double) entry.get("total_duration_ms")));
            entry.put("avg_duration_ms", twoDecimals((double) entry.get("total_duration_ms") / count));
            entry.put("avg_mcp_calls", twoDecimals((double) (int) entry.get("mcp_calls") / count));
        });
        body.put("endpoint_breakdown", byRoute);
        body.put("data_range", Map.of("limit", limit, "actual_records", requests.size()));
        ctx.json(body);
    }

    private void security(Context ctx) {
        int limit = limit(ctx);
        List<RecentRequests.SecurityEvent> events = recent.lastEvents(limit);
        Map<String, Long> types = new TreeMap<>();
        Map<String, Map<String, Long>> byRoute = new TreeMap<>();
        for (RecentRequests.SecurityEvent event : events) {
            types.merge(event.type(), 1L, Long::sum);
            byRoute.computeIfAbsent(event.route(), route -> new TreeMap<>()).merge(event.type(), 1L, Long::sum);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("total_events", events.size());
        summary.put("event_types", types);
        // as the original counted them: every refusal of credentials or permissions, not rate limits
        summary.put("total_auth_failures", events.stream().filter(e -> !e.type().equals("rate_limited")).count());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("security_summary", summary);
        body.put("endpoint_breakdown", byRoute);
        body.put("data_range", Map.of("limit", limit, "actual_records", events.size()));
        ctx.json(body);
    }

    private static Map<String, Object> newEndpointEntry() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("count", 0);
        entry.put("total_duration_ms", 0.0);
        entry.put("mcp_calls", 0);
        entry.put("status_codes", new TreeMap<String, Integer>());
        return entry;
    }

    /** Count, mean, extremes and percentiles as the original took them (sorted[int(n * p)]), to 2 decimals. */
    private static Map<String, Object> summary(List<RecentRequests.Request> requests) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("total_requests", requests.size());
        if (requests.isEmpty()) {
            summary.put("message", "No performance data available");
            return summary;
        }
        List<Double> sorted = new ArrayList<>(requests.stream().map(RecentRequests.Request::millis).sorted().toList());
        int n = sorted.size();
        summary.put("avg_duration_ms", twoDecimals(sorted.stream().mapToDouble(Double::doubleValue).sum() / n));
        summary.put("min_duration_ms", twoDecimals(sorted.get(0)));
        summary.put("max_duration_ms", twoDecimals(sorted.get(n - 1)));
        summary.put("p50_duration_ms", twoDecimals(sorted.get((int) (n * 0.50))));
        summary.put("p95_duration_ms", twoDecimals(sorted.get((int) (n * 0.95))));
        summary.put("p99_duration_ms", twoDecimals(sorted.get((int) (n * 0.99))));
        return summary;
    }

    private static int limit(Context ctx) {
        String given = ctx.queryParam("limit");
        if (given == null) {
            return DEFAULT_LIMIT;
        }
        try {
            // any whole number, however many digits: a larger one than is kept means all of them
            BigInteger asked = new BigInteger(given.strip());
            return asked.max(BigInteger.ZERO).min(BigInteger.valueOf(RecentRequests.CAPACITY)).intValueExact();
        } catch (NumberFormatException e) {
            throw new GatewayException.Validation("INVALID_QUERY_PARAMETER", "Query parameter 'limit' must be a whole"
                    + " number: how many of the latest to summarise (0 or less: none; at most "
                    + RecentRequests.CAPACITY + " are kept, a larger one gives them all)", Map.of("parameter", "limit"));
        }
    }
}
