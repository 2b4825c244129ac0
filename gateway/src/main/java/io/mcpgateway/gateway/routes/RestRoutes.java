package io.mcpgateway.gateway.routes;

import static io.mcpgateway.gateway.error.GatewayException.ServiceUnavailable.RETRY_AFTER;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.mcpgateway.gateway.auth.BearerAuthenticator;
import io.mcpgateway.gateway.auth.Caller;
import io.mcpgateway.gateway.backend.OnBehalfOf;
import io.mcpgateway.gateway.backend.ResultForm;
import io.mcpgateway.gateway.backend.ToolErrors;
import io.mcpgateway.gateway.backend.ToolInvoker;
import io.mcpgateway.gateway.cache.CacheDirectives;
import io.mcpgateway.gateway.cache.ResponseCache;
import io.mcpgateway.gateway.backend.ToolOutcome;
import io.mcpgateway.gateway.config.RouteSettings;
import io.mcpgateway.gateway.error.GatewayException;
import io.mcpgateway.gateway.http.ClientHangUp;
import io.mcpgateway.gateway.http.GzipAnswers;
import io.mcpgateway.gateway.http.JsonBodyReader;
import io.mcpgateway.gateway.http.JsonResponses;
import io.mcpgateway.gateway.http.RequestContext;
import io.mcpgateway.gateway.metrics.Rounding;
import io.mcpgateway.gateway.ratelimit.RateLimitGuard;
import io.mcpgateway.gateway.toolmeta.ArgumentSchemaValidator;
import io.mcpgateway.gateway.toolmeta.BackendTool;
import io.mcpgateway.gateway.toolmeta.ToolRegistry;

/**
 * The REST routes of the route table: each authenticates, checks the body against the tool's input schema, calls the
 * tool on its backend with the body as arguments, and answers the success envelope with the tool's data, or the
 * error envelope (400 for the tool's own validation errors, 503/504 when the backend fails).
 */
public final class RestRoutes {

    private final List<RouteSettings> routes;
    private final ToolInvoker invoker;
    private final ResponseCache cache;
    private final RateLimitGuard rateLimits;
    private final ToolRegistry registry;
    private final BearerAuthenticator authenticator;
    private final JsonBodyReader bodies;
    private final GzipAnswers gzip;
    private final ToolInputValidator validator;
    private final Set<String> disabledBackends;
    private final Clock clock;

    public RestRoutes(List<RouteSettings> routes, ToolInvoker invoker, ResponseCache cache, RateLimitGuard rateLimits,
            ToolRegistry registry, BearerAuthenticator authenticator, JsonBodyReader bodies, GzipAnswers gzip,
            ArgumentSchemaValidator schemaValidator, Collection<String> disabledBackends, Clock clock) {
        this.routes = List.copyOf(routes);
        this.invoker = Objects.requireNonNull(invoker, "invoker");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.rateLimits = Objects.requireNonNull(rateLimits, "rateLimits");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.bodies = Objects.requireNonNull(bodies, "bodies");
        this.gzip = Objects.requireNonNull(gzip, "gzip");
        this.validator = new ToolInputValidator(schemaValidator);
        this.disabledBackends = Set.copyOf(disabledBackends);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void register(JavalinConfig config) {
        for (RouteSettings route : routes) {
            config.routes.addHttpHandler(HandlerType.findOrDefault(route.method()), route.path(), ctx -> handle(route, ctx));
        }
    }

    private void handle(RouteSettings route, Context ctx) {
        Caller caller = authenticator.authenticate(ctx);
        BearerAuthenticator.requireAll(caller, route.requiredScopes());
        rateLimits.admit(caller, route, ctx);
        boolean byQuery = route.method().equals("GET");
        Map<String, Object> request = byQuery ? null : bodies.readArguments(ctx);
        if (disabledBackends.contains(route.backend())) {
            throw disabled(route);
        }
        if (registry.isHeld(route.backend(), route.tool())) {
            throw ToolErrors.held(route.backend(), route.tool());
        }
        BackendTool tool = registry.find(route.backend(), route.tool()).orElseThrow(() -> registry.whyLeftOut(
                route.backend(), route.tool()).map(why -> notServable(route, why)).orElseGet(() -> unavailable(route)));
        ToolInputValidator.Source source = byQuery ? ToolInputValidator.Source.QUERY : ToolInputValidator.Source.BODY;
        Map<String, Object> arguments = ToolInputValidator.declaredArguments(tool, byQuery
                ? QueryArguments.of(ctx.queryString(), tool.inputSchema(), bodies.mapper()) : request, source);
        long[] start = {System.nanoTime()}; // of the lookup, or of the call once the arguments passed
        // The REST answer is made of the structured content only: the backend need not send its text copy.
        // The arguments are checked only when the tool is called: the cache keeps no outcome of unchecked ones.
        // The request is noted as one for the tool once they passed (or a hit shows they had), not when refused.
        ResponseCache.Result result = cache.get(tool, caller, arguments, ResultForm.STRUCTURED_ONLY,
                CacheDirectives.of(ctx), () -> {
                    validator.validate(tool, arguments, source);
                    RequestContext.noteTool(ctx, route.backend(), route.tool());
                    start[0] = System.nanoTime();
                    return ClientHangUp.watch(ctx, tool, () -> invoker.invoke(route.backend(), route.tool(),
                            arguments, ResultForm.STRUCTURED_ONLY, OnBehalfOf.of(caller)));
                });
        RequestContext.noteTool(ctx, route.backend(), route.tool());
        ctx.header("X-Cache", result.cache().name().replace('_', '-'));
        if (result.cache() == ResponseCache.Outcome.HIT) {
            ctx.header("Age", Long.toString(result.ageSeconds())); // RFC 9111 §5.1: how long the cache kept it
        }
        ToolOutcome outcome = result.outcome();
        // a hit called no backend: its lookup is the gateway's time, not the backend's (latency analysis reads this)
        double backendMillis = result.cache() == ResponseCache.Outcome.HIT ? 0
                : (System.nanoTime() - start[0]) / 1_000_000.0;
        RequestContext.note(ctx, "backend_ms", Rounding.decimals(backendMillis, 3));
        RequestContext.note(ctx, "cache", result.cache().label());
        if (!outcome.isSuccess()) {
            throw ToolErrors.failure(route.backend(), route.tool(), outcome);
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("request_id", RequestContext.id(ctx));
        metadata.put("timestamp", clock.instant().toString());
        metadata.put("processing_time_ms", RequestContext.elapsedMillis(ctx));
        metadata.put("backend", route.backend());
        metadata.put("tool", route.tool());
        if ("true".equalsIgnoreCase(ctx.header("X-Debug"))) {
            double total = RequestContext.elapsedMillis(ctx);
            metadata.put("debug", Map.of("backend_ms", round(backendMillis), "gateway_ms", round(total - backendMillis),
                    "caller", caller.id(), "cache", result.cache().label()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("data", outcome.data());
        body.put("metadata", metadata);
        JsonResponses.send(ctx, bodies.mapper(), body, gzip);
    }

    private static GatewayException disabled(RouteSettings route) {
        return new GatewayException.ServiceUnavailable("BACKEND_DISABLED", "The tool " + route.tool()
                + " is not available: backend '" + route.backend() + "' is disabled in the gateway's configuration",
                Map.of("backend", route.backend(), "tool", route.tool()), RETRY_AFTER);
    }

    /** The backend lists the tool in a form the gateway does not serve: its operators, not an outage, can mend it. */
    private static GatewayException notServable(RouteSettings route, String why) {
        return new GatewayException.ServiceUnavailable("TOOL_NOT_SERVABLE", "The tool " + route.tool()
                + " is not available: backend '" + route.backend() + "' lists it in a form the gateway does not"
                + " serve: " + why, Map.of("backend", route.backend(), "tool", route.tool(), "reason", why),
                RETRY_AFTER);
    }

    private static GatewayException unavailable(RouteSettings route) {
        return new GatewayException.ServiceUnavailable("TOOL_UNAVAILABLE", "The tool " + route.tool()
                + " is not available: backend '" + route.backend() + "' cannot be reached or does not offer it",
                Map.of("backend", route.backend(), "tool", route.tool()), RETRY_AFTER);
    }

    private static double round(double millis) {
        return Math.round(millis * 1000.0) / 1000.0;
    }
}
