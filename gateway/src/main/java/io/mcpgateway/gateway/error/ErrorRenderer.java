package io.mcpgateway.gateway.error;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.javalin.config.JavalinConfig;
import io.javalin.config.JavalinState;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.mcpgateway.gateway.http.HeadAsGet;
import io.mcpgateway.gateway.http.RefusedBody;
import io.mcpgateway.gateway.http.RequestContext;
import io.mcpgateway.text.Echoed;

/**
 * Renders every failure as the error envelope with its status and headers, in one place (STYLE rule 6). Gateway
 * exceptions are rendered as they say; Javalin's own (no route, wrong method) are translated first; anything else is
 * logged here with its stack trace and answered as a bare InternalError.
 */
public final class ErrorRenderer {

    private static final Logger log = LoggerFactory.getLogger(ErrorRenderer.class);
    /**
     * Answers whose cause is logged where it is met, so the access line (which names the code) is enough: refusals
     * made without calling the backend, one per request while a breaker is open or a bulkhead full (the breaker's
     * opening is logged once; a WARN each made a 2-s load test log 1,398), and backend failures, each attempt of which
     * the backend client logs at WARN with its cause and the backend's address (a second WARN per answer repeated it),
     * a tool no backend offers now, whose backend's outage or drop of it the health monitor and the tool listing log
     * once, and a tool's own failure, which {@code ToolErrors} logs with the tool's message.
     */
    private static final Set<String> LOGGED_WHERE_MET = Set.of("CIRCUIT_OPEN", "BACKEND_BUSY",
            "IDENTITY_PROVIDER_UNAVAILABLE", "BACKEND_UNAVAILABLE", "BACKEND_TIMEOUT", "BACKEND_INVALID_RESPONSE",
            "TOOL_UNAVAILABLE", "TOOL_NOT_SERVABLE", "CANCELLED", "TOOL_FAILED");
    private static final int MAX_ECHOED_PATH = 256;
    /** The most of a refusal's message a log line holds (a schema refusal lists up to 20 violations). */
    private static final int LOGGED_MESSAGE_CHARS = 4_000;

    private final Clock clock;
    private final long maxRequestBytes;

    /** @param maxRequestBytes the request body limit, which bounds how much of a refused body is read and dropped */
    public ErrorRenderer(Clock clock, long maxRequestBytes) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxRequestBytes = maxRequestBytes;
    }

    public void register(JavalinConfig config) {
        JavalinState javalin = config.unsafe;
        config.routes.exception(GatewayException.class, (e, ctx) -> render(e, ctx));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> {
            if (e.getStatus() == 405 && isPlainOptions(ctx)) {
                ctx.status(204).header("Allow", allowedMethods(e) + ",OPTIONS");
                ctx.res().setContentType(null); // Javalin's default type, for no content
            } else if (!isAnsweredPreflight(e, ctx)) {
                if (e.getStatus() == 405) {
                    RequestContext.countAs(ctx, routeTemplate(javalin, ctx.path()));
                }
                render(translate(e, ctx), ctx);
            } else if (!List.of(allowedMethods(e).split(",")).contains(ctx.header("Access-Control-Request-Method"))) {
                // the plugin approves whatever method is asked for: not one the path refuses (a DELETE, say)
                ctx.res().setHeader("Access-Control-Allow-Methods", null);
            }
        });
        config.routes.exception(Exception.class, (e, ctx) -> {
            log.error("Unexpected failure on {} {}", HeadAsGet.method(ctx), ctx.path(), e);
            render(new GatewayException.Internal(), ctx);
        });
    }

    /**
     * An {@code OPTIONS} that is no CORS pre-flight asks which methods the path takes (RFC 9110, 9.3.7): a path with
     * routes answers 204 with them in {@code Allow}, another 404 as for any method.
     */
    public static boolean isPlainOptions(Context ctx) {
        return "OPTIONS".equals(ctx.req().getMethod()) && ctx.header("Access-Control-Request-Method") == null;
    }

    /**
     * A CORS pre-flight ({@code OPTIONS} with {@code Access-Control-Request-Method}) the CORS plugin answered already:
     * no route takes OPTIONS, so Javalin then refuses it with 405, which is no error of the request's (it was logged
     * "200 METHOD_NOT_ALLOWED"). Without CORS, or from an origin it does not allow, a pre-flight is still a 405.
     */
    private static boolean isAnsweredPreflight(HttpResponseException e, Context ctx) {
        return e.getStatus() == 405 && "OPTIONS".equals(ctx.req().getMethod())
                && ctx.header("Access-Control-Request-Method") != null
                && ctx.res().getHeader("Access-Control-Allow-Origin") != null;
    }

    private static GatewayException translate(HttpResponseException e, Context ctx) {
        return switch (e.getStatus()) {
            case 404 -> noRoute(ctx);
            case 405 -> new GatewayException.MethodNotAllowed(HeadAsGet.method(ctx), ctx.path(), allowedMethods(e));
            case 413 -> new GatewayException.PayloadTooLarge(-1);
            default -> e.getStatus() >= 500 ? new GatewayException.Internal()
                    : GatewayException.Validation.of("The request was rejected (HTTP " + e.getStatus() + ")");
        };
    }

    /**
     * The template of the routes a refused method's path has, so that a 405 is counted under its route, as the
     * answered requests of that path are, instead of with the paths no route takes.
     */
    private static String routeTemplate(JavalinState javalin, String path) {
        return javalin.internalRouter.allHttpHandlers().stream().filter(route -> route.matches(path))
                .map(route -> route.endpoint.path).findFirst().orElse(null);
    }

    /** The refusal of a request to a path without routes. */
    public static GatewayException noRoute(Context ctx) {
        String path = Echoed.clip(ctx.path(), MAX_ECHOED_PATH);
        return new GatewayException.NotFound("No route for " + HeadAsGet.method(ctx) + " " + path,
                Map.of("path", path));
    }

    /**
     * Javalin lists the methods a path allows in the details of its 405: its routes' own, so HEAD, which the gateway
     * answers wherever it answers GET ({@link HeadAsGet}), is added.
     */
    private static String allowedMethods(HttpResponseException e) {
        String allowed = e.getDetails().get("availableMethods");
        if (allowed == null || allowed.isBlank()) {
            return "POST";
        }
        List<String> methods = List.of(allowed.replaceAll("[\\[\\]\\s]", "").split(","));
        return String.join(",", methods) + (methods.contains("GET") && !methods.contains("HEAD") ? ",HEAD" : "");
    }

    /** The error envelope of {@code e}, as a REST answer has it; for refusals answered in other shapes too. */
    public static Map<String, Object> envelope(GatewayException e, String requestId, Instant at) {
        return envelope(e.type(), e.code(), e.getMessage(), e.details(), requestId, at);
    }

    /** The error envelope, {@code {"success": false, "error": {...}}}, of every error answer the gateway writes. */
    static Map<String, Object> envelope(String type, String code, String message, Map<String, ?> details,
            String requestId, Instant at) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", type);
        error.put("code", code);
        error.put("message", message);
        error.put("details", details);
        error.put("request_id", requestId);
        error.put("timestamp", at.toString());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("error", error);
        return body;
    }

    public void render(GatewayException e, Context ctx) {
        Map<String, Object> body = envelope(e, RequestContext.id(ctx), clock.instant());
        e.headers().forEach(ctx::header);
        if (e.status() == 413) {
            RefusedBody.drop(ctx, maxRequestBytes);
        }
        RequestContext.noteRefusal(ctx, e);
        ctx.status(e.status()).json(body);
        // the message may repeat a caller's input or a tool's own error text: on one line, so that in a text log it
        // cannot pass for lines of the gateway's own (a forged access line, say)
        String message = Echoed.oneLine(e.getMessage(), LOGGED_MESSAGE_CHARS);
        if (e.status() >= 500 && !LOGGED_WHERE_MET.contains(e.code())) {
            log.warn("{} {} answered {} {}: {}", HeadAsGet.method(ctx), ctx.path(), e.status(), e.type(), message);
        } else {
            log.debug("{} {} answered {} {}: {}", HeadAsGet.method(ctx), ctx.path(), e.status(), e.type(), message);
        }
    }
}
