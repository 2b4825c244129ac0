package io.mcpgateway.gateway.http;

import java.time.Duration;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import io.javalin.http.Context;
import io.mcpgateway.gateway.auth.BearerAuthenticator;
import io.mcpgateway.gateway.auth.Caller;
import io.mcpgateway.gateway.metrics.GatewayMetrics;

/**
 * Records every finished request: one access log line (route, status, duration, caller; JSON fields in production)
 * and the request meters. Routes are the templates the router matched, so metrics stay bounded.
 */
public final class AccessLog {

    private static final Logger log = LoggerFactory.getLogger("access");

    private final GatewayMetrics metrics;

    public AccessLog(GatewayMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    public void record(Context ctx, Float millis) {
        String route = route(ctx);
        int status = ctx.status().getCode();
        metrics.request(ctx.method().name(), route, status, Duration.ofNanos((long) (millis * 1_000_000)));
        Caller caller = BearerAuthenticator.caller(ctx);
        if (caller != null) {
            metrics.callers().increment(caller.id());
        }
        try (var r = MDC.putCloseable("route", route);
                var s = MDC.putCloseable("status", Integer.toString(status));
                var d = MDC.putCloseable("duration_ms", String.format(java.util.Locale.ROOT, "%.3f", millis));
                var c = MDC.putCloseable(BearerAuthenticator.MDC_KEY, caller == null ? null : caller.id());
                var id = MDC.putCloseable(RequestContext.MDC_KEY, RequestContext.id(ctx))) {
            log.info("{} {} {} {}ms", ctx.method().name(), ctx.path(), status, String.format(java.util.Locale.ROOT,
                    "%.1f", millis));
        }
    }

    private static String route(Context ctx) {
        try {
            return ctx.endpoint().path;
        } catch (RuntimeException e) {
            return "unmatched"; // Javalin throws when no endpoint matched (404)
        }
    }
}
