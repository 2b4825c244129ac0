package io.mcpgateway.gateway.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import io.javalin.http.Context;
import io.mcpgateway.gateway.auth.BearerAuthenticator;
import io.mcpgateway.gateway.auth.Caller;
import io.mcpgateway.gateway.cache.ResponseCache;
import io.mcpgateway.gateway.metrics.GatewayMetrics;
import io.mcpgateway.gateway.metrics.RecentRequests;
import io.mcpgateway.gateway.metrics.Rounding;
import io.mcpgateway.gateway.status.TrafficHistory;

/**
 * Records every finished request: one access log line (route, status, duration, caller; JSON fields in production)
 * and the request meters. Routes are the templates the router matched, so metrics stay bounded.
 */
public final class AccessLog {

    private static final Logger log = LoggerFactory.getLogger("access");
    private static final String HIT = ResponseCache.Outcome.HIT.label();
    /**
     * What load balancers, orchestrators and scrapers ask every few seconds: answered, their lines are DEBUG, or an
     * idle gateway's log would be probes alone (18 lines a minute per pod under deploy/k8s' probes and a scrape).
     */
    private static final Set<String> ROUTINE_ROUTES = Set.of("/health", "/health/live", "/health/ready", "/metrics",
            "/metrics/prometheus");

    private final GatewayMetrics metrics;
    private final TrafficHistory history;
    private final RecentRequests recent;

    public AccessLog(GatewayMetrics metrics, TrafficHistory history, RecentRequests recent) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.history = Objects.requireNonNull(history, "history");
        this.recent = Objects.requireNonNull(recent, "recent");
    }

    public void record(Context ctx, Float millis) {
        String route = route(ctx);
        int status = ctx.status().getCode();
        String method = HeadAsGet.method(ctx);
        Map<String, String> notes = RequestContext.notes(ctx);
        // an MCP tool call the gateway failed is answered 200 with a tool error: counted as the status it stands for
        int outcome = RequestContext.outcomeStatus(notes, status);
        metrics.request(method, route, status, outcome, Duration.ofNanos((long) (millis * 1_000_000)));
        history.record(outcome, millis, notes.get("error_code"));
        boolean calledBackend = notes.containsKey("backend") && !HIT.equals(notes.get("cache"));
        recent.record(route, outcome, millis, calledBackend, notes.get("error_code"));
        RequestContext.batchRefusals(ctx).forEach(refusal -> recent.recordRefusal(route, refusal.status(),
                refusal.code()));
        Caller caller = BearerAuthenticator.caller(ctx);
        if (caller != null) {
            metrics.callers().increment(caller.id());
        }
        boolean routine = status < 400 && ROUTINE_ROUTES.contains(route);
        if (routine ? !log.isDebugEnabled() : !log.isInfoEnabled()) {
            return; // access lines are off (LOG_LEVEL=WARN, or access=WARN in LOG_LEVELS): nothing to format
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(RequestContext.MDC_KEY, RequestContext.id(ctx));
        fields.put(BearerAuthenticator.MDC_KEY, caller == null ? null : caller.id());
        // the connection's peer (a load balancer in front is the peer): X-Forwarded-For is anyone's to write
        fields.put("client_ip", ctx.req().getRemoteAddr());
        fields.put("route", route);
        fields.put("status", Integer.toString(status));
        fields.put("duration_ms", Rounding.decimals(millis, 3));
        fields.putAll(notes);
        // The fields go in the MDC, so JSON log lines carry them as named values (LOG_FORMAT=JSON).
        fields.forEach((key, value) -> {
            if (value != null) {
                MDC.put(key, value);
            }
        });
        try {
            String code = notes.get("error_code"); // in text logs too: "POST /mcp 200 CIRCUIT_OPEN 2.5ms"
            Object[] line = {method, ctx.path(), status, code == null ? "" : code + " ", Rounding.decimals(millis, 1)};
            if (routine) {
                log.debug("{} {} {} {}{}ms", line);
            } else {
                log.info("{} {} {} {}{}ms", line);
            }
        } finally {
            fields.keySet().forEach(key -> {
                if (!key.equals(RequestContext.MDC_KEY)) {
                    MDC.remove(key);
                }
            });
        }
    }

    /** The path template of the HTTP endpoint that served the request (not a before/after handler's "*"). */
    private static String route(Context ctx) {
        var endpoint = ctx.endpoints().matchedHttpEndpoint();
        return endpoint == null ? "unmatched" : endpoint.path;
    }
}
