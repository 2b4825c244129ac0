package io.mcpgateway.gateway.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;

import io.javalin.http.Context;
import io.mcpgateway.gateway.auth.BearerAuthenticator;
import io.mcpgateway.gateway.auth.Caller;
import io.mcpgateway.gateway.backend.BackendRefusals;
import io.mcpgateway.gateway.cache.ResponseCache;
import io.mcpgateway.gateway.metrics.GatewayMetrics;
import io.mcpgateway.gateway.metrics.RecentRequests;
import io.mcpgateway.gateway.metrics.RequestOutcome;
import io.mcpgateway.gateway.metrics.Rounding;
import io.mcpgateway.gateway.status.TrafficHistory;
import io.mcpgateway.text.TraceContext;

/**
 * Records every finished request, and every request Jetty refused before routing: one access log line (route, status,
 * duration, caller; JSON fields in production) and the request meters. Routes are the templates the router matched,
 * so metrics stay bounded.
 */
public final class AccessLog {

    private static final Logger log = LoggerFactory.getLogger("access");
    private static final String HIT = ResponseCache.Outcome.HIT.label();
    /** The route of requests no route took: one series for them all, whatever their paths (bounded cardinality). */
    private static final String UNMATCHED = "unmatched";
    /**
     * What load balancers and orchestrators ask every few seconds: their lines are DEBUG, answered or told 503, or an
     * idle gateway's log would be probes alone (18 lines a minute per pod under deploy/k8s' probes and a scrape) and an
     * outage would add a line per probe and pod to what the health monitor logs once.
     */
    private static final Set<String> PROBES = Set.of("/health", "/health/live", "/health/ready");
    /** The probes and what scrapers ask every few seconds: their lines are DEBUG while answered. */
    private static final Set<String> ROUTINE_ROUTES = Stream.concat(PROBES.stream(),
            Stream.of("/metrics", "/metrics/prometheus")).collect(Collectors.toUnmodifiableSet());

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
        String errorCode = notes.get(RequestContext.ERROR_CODE);
        // an MCP tool call the gateway failed is answered 200 with a tool error: counted as the status it stands for
        int outcome = RequestContext.outcomeStatus(notes, status);
        boolean verdict = status == 503 && PROBES.contains(route);
        metrics.request(method, route, status, verdict ? RequestOutcome.UNAVAILABLE : RequestOutcome.of(outcome),
                Duration.ofNanos((long) (millis * 1_000_000)));
        if (verdict) {
            history.recordVerdict(millis);
        } else {
            history.record(outcome, millis, errorCode);
        }
        boolean calledBackend = notes.containsKey("backend") && !HIT.equals(notes.get("cache"))
                // refused before it reached its backend: no call for /metrics/performance to count
                && (errorCode == null || !BackendRefusals.CODES.contains(errorCode)); // Set.of's contains(null) throws
        recent.record(route, outcome, millis, calledBackend, errorCode);
        RequestContext.batchRefusals(ctx).forEach(refusal -> recent.recordRefusal(route, refusal.status(),
                refusal.code()));
        Caller caller = BearerAuthenticator.caller(ctx);
        if (caller != null) {
            metrics.callers().increment(caller.id());
        }
        Level level = verdict || status < 400 && ROUTINE_ROUTES.contains(route) ? Level.DEBUG : Level.INFO;
        if (level == Level.DEBUG ? !log.isDebugEnabled() : !log.isInfoEnabled()) {
            return; // access lines are off (LOG_LEVEL=WARN, or access=WARN in LOG_LEVELS): nothing to format
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(RequestContext.MDC_KEY, RequestContext.id(ctx));
        fields.put(TraceContext.TRACE_ID, RequestContext.traceId(ctx));
        fields.put(BearerAuthenticator.MDC_KEY, caller == null ? null : caller.id());
        // the connection's peer (a load balancer in front is the peer): X-Forwarded-For is anyone's to write
        fields.put("client_ip", ctx.req().getRemoteAddr());
        fields.put("route", route);
        fields.put("status", Integer.toString(status));
        fields.put("duration_ms", Rounding.decimals(millis, 3));
        fields.putAll(notes);
        write(level, fields, method, ctx.path(), status, millis);
    }

    /**
     * Records a request Jetty refused before the router saw it as any other request is: its INFO line and its meters,
     * under the route {@code unmatched}. Jetty closes the connection after such a refusal, so a client cannot have
     * more lines written than it opens connections.
     */
    public void record(RefusedRequest refused) {
        int status = refused.status();
        metrics.request(refused.method(), UNMATCHED, status, refused.outcome(),
                Duration.ofNanos((long) (refused.millis() * 1_000_000)));
        history.record(status, refused.millis(), refused.errorCode());
        recent.record(UNMATCHED, status, refused.millis(), false, refused.errorCode());
        if (!log.isInfoEnabled()) {
            return;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(RequestContext.MDC_KEY, refused.requestId());
        fields.put("client_ip", refused.clientIp());
        fields.put("route", UNMATCHED);
        fields.put("status", Integer.toString(status));
        fields.put("duration_ms", Rounding.decimals(refused.millis(), 3));
        fields.put("error_type", refused.errorType());
        fields.put("error_code", refused.errorCode());
        try {
            write(Level.INFO, fields, refused.method(), refused.path(), status, refused.millis());
        } finally {
            MDC.remove(RequestContext.MDC_KEY); // no request of the router's: nothing else removes it
        }
    }

    /**
     * Writes an access line, "POST /mcp 200 CIRCUIT_OPEN 2.5ms" (the error code in text logs too), with
     * {@code fields} in the MDC while it is written, so JSON log lines carry them as named values (LOG_FORMAT=JSON).
     * The request id stays in the MDC: the request's other lines carry it until it ends.
     */
    private static void write(Level level, Map<String, String> fields, String method, String path, int status,
            double millis) {
        fields.forEach((key, value) -> {
            if (value != null) {
                MDC.put(key, value);
            }
        });
        try {
            String code = fields.get("error_code");
            Object[] line = {method, path, status, code == null ? "" : code + " ", Rounding.decimals(millis, 1)};
            if (level == Level.DEBUG) {
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
        String own = RequestContext.countedAs(ctx);
        if (own != null) {
            return own;
        }
        var endpoint = ctx.endpoints().matchedHttpEndpoint();
        return endpoint == null ? UNMATCHED : endpoint.path;
    }
}
