package io.mcpgateway.gateway.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.mcpgateway.gateway.auth.BearerAuthenticator;
import io.mcpgateway.gateway.auth.Caller;
import io.mcpgateway.gateway.backend.CallProgress;
import io.mcpgateway.gateway.config.McpEndpointSettings;
import io.mcpgateway.gateway.error.GatewayException;
import io.mcpgateway.gateway.http.GzipAnswers;
import io.mcpgateway.gateway.http.HeaderLines;
import io.mcpgateway.gateway.http.JsonBodyReader;
import io.mcpgateway.gateway.http.JsonResponses;
import io.mcpgateway.gateway.http.RefusedBody;
import io.mcpgateway.gateway.http.RequestContext;
import io.mcpgateway.mcpkit.HostAndOrigin;
import io.mcpgateway.mcpkit.MirroredHeaders;
import io.mcpgateway.mcpkit.OneOriginValidator;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;

/**
 * The gateway as an MCP server: stateless Streamable HTTP at {@code POST /mcp} (any instance answers any request; no
 * session, no event stream), protected like the REST routes, with the OAuth protected resource metadata (RFC 9728)
 * that tells MCP clients where to get a token.
 *
 * <p>Checks come in the transport specification's order: Host and Origin (DNS-rebinding protection), the bearer
 * token, whose 401 names the metadata document, then the {@code MCP-Protocol-Version} header. Both eras of MCP are
 * served: requests of 2026-07-28, which name their version in every request ({@link ModernMcp}), and those of the
 * revisions that open with {@code initialize}.
 */
public final class McpRoutes {

    public static final String PATH = "/mcp";
    public static final String METADATA_PATH = "/.well-known/oauth-protected-resource";
    private static final String CANCELLED = "notifications/cancelled";

    private static final Logger log = LoggerFactory.getLogger(McpRoutes.class);

    private final McpMethods methods;
    private final McpBatches batches;
    private final CancellableCalls cancellable = new CancellableCalls();
    private final ToolCatalog catalog;
    private final ToolListSubscriptions subscriptions;
    private final BearerAuthenticator authenticator;
    private final JsonBodyReader bodies;
    private final GzipAnswers gzip;
    private final McpEndpointSettings settings;
    private final ServerTransportSecurityValidator hostAndOrigin;
    private final String issuer;

    public McpRoutes(McpWiring wiring) {
        this.catalog = new ToolCatalog(wiring.registry(), wiring.routes(), wiring.backendScopes(),
                wiring.routesWithOwnLimits(), wiring.settings());
        this.subscriptions = new ToolListSubscriptions(catalog, wiring.settings(), wiring.bodies().mapper(),
                McpMethods.serverInfo(wiring.version()), wiring.clock());
        this.methods = new McpMethods(catalog, wiring.invoker(), wiring.cache(), wiring.rateLimits(),
                wiring.schemas(), wiring.version(), wiring.toolRefresh(), subscriptions.offered(),
                wiring.bodies().mapper(), wiring.clock());
        this.batches = new McpBatches(methods, wiring.bodies().mapper(), wiring.gzip(), wiring.batchLimits(),
                wiring.clock());
        this.authenticator = Objects.requireNonNull(wiring.authenticator(), "authenticator");
        this.bodies = Objects.requireNonNull(wiring.bodies(), "bodies");
        this.gzip = Objects.requireNonNull(wiring.gzip(), "gzip");
        this.settings = wiring.settings();
        this.issuer = wiring.issuer();
        this.hostAndOrigin = OneOriginValidator.of(settings.allowedHosts(), settings.allowedOrigins());
    }

    public void register(JavalinConfig config) {
        config.routes.post(PATH, this::post);
        // MCP: the Origin of every request is checked (2025-11-25: 403 whatever the method), so a browser's pre-flight
        // from a page /mcp refuses is refused too (the CORS plugin, which allows server.cors_origins, would answer it)
        config.routes.before(PATH, ctx -> {
            if (ctx.method() == HandlerType.POST) {
                return; // checked where it is taken
            }
            // counted under /mcp whatever the method: a client's GET for an event stream is no junk path
            RequestContext.countAs(ctx, PATH);
            if (passesHostAndOrigin(ctx)) {
                if (ctx.method() == HandlerType.OPTIONS) {
                    return; // a pre-flight, or a plain OPTIONS answered with the methods (ErrorRenderer)
                }
                // POST only (no event stream to GET, no session to DELETE): a JSON-RPC error, as /mcp's other
                // refusals of a request's form and our MCP servers' 405
                ctx.header("Allow", "POST");
                refuse(ctx, 405, "METHOD_NOT_ALLOWED", JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "Method not"
                        + " allowed: /mcp takes POST only (stateless: no event stream to GET, no session to DELETE)"));
            }
            ctx.skipRemainingHandlers(); // the after-handlers too: RequestContext.end's work is done here
            RequestContext.end(ctx);
        });
        config.routes.get(METADATA_PATH, this::metadata);
        config.routes.get(METADATA_PATH + PATH, this::metadata);
    }

    private void post(Context ctx) {
        if (!passesHostAndOrigin(ctx)) {
            return;
        }
        if (!McpAccept.allowsJson(HeaderLines.joined(ctx, "Accept"))) {
            refuse(ctx, 406, "NOT_ACCEPTABLE", JsonRpc.error(null, JsonRpc.INVALID_REQUEST, "Not Acceptable", Map.of(
                    "error_type", "NotAcceptable", "detail", "this endpoint answers application/json: send Accept:"
                            + " application/json, text/event-stream")));
            return;
        }
        String version = HeaderLines.joined(ctx, "MCP-Protocol-Version"); // two lines: no one version
        Caller caller = authenticate(ctx);
        try {
            take(ctx, version, caller);
        } catch (GatewayException.Authorization e) {
            // a scope the call needs: the step-up challenge names the metadata too (MCP authorization, "Scope
            // Challenge Handling")
            throw e.withChallenge(namingMetadata(ctx, e.headers().get("WWW-Authenticate")));
        }
    }

    /** Takes an authenticated caller's message or batch. */
    private void take(Context ctx, String version, Caller caller) {
        Object body;
        try {
            body = bodies.readObjectOrArray(ctx);
        } catch (GatewayException.Validation | GatewayException.UnsupportedMediaType
                | GatewayException.RequestTimeout | GatewayException.PayloadTooLarge e) {
            // JSON-RPC's errors with the HTTP status, as the MCP servers answer (the REST envelope is not JSON-RPC)
            if (e instanceof GatewayException.PayloadTooLarge) {
                RefusedBody.drop(ctx, bodies.maxBytes()); // what is left of it, so the connection can serve on
            }
            RequestContext.noteRefusal(ctx, e);
            ctx.status(e.status()).json(JsonRpc.unreadableBody(e));
            return;
        }
        if (ModernMcp.isModern(version, body)) {
            takeModern(ctx, version, body, caller);
            return;
        }
        if (version != null && !McpMethods.PROTOCOL_VERSIONS.contains(version) && !initializes(body)) {
            // the modern error (-32022 with the versions spoken), which a dual-era client reads as "retry with one"
            refuse(ctx, ModernMcp.unsupportedVersion(requestId(body), version));
            return;
        }
        if (body instanceof List<?> batch) {
            batches.answer(ctx, batch, version, caller);
            return;
        }
        McpMessage message = McpMessage.of(body);
        switch (message.kind()) {
            case INVALID -> refuse(ctx, 400, "INVALID_REQUEST", message.refusal());
            case NOTIFICATION, RESPONSE -> {
                if (CANCELLED.equals(message.method()) && message.params() instanceof Map<?, ?> params) {
                    cancellable.cancel(caller, params.get("requestId"));
                }
                JsonResponses.withoutBody(ctx, 202); // taken, nothing to answer
            }
            case REQUEST -> answer(ctx, message, caller, false);
        }
    }

    /**
     * Takes a message of MCP 2026-07-28: one message, never a batch; a request is answered once its {@code _meta} and
     * mirrored headers pass ({@link ModernMcp#check}).
     */
    private void takeModern(Context ctx, String version, Object body, Caller caller) {
        if (body instanceof List<?>) {
            refuse(ctx, 400, "INVALID_REQUEST", JsonRpc.invalidRequest(null, "a request of MCP " + version
                    + " is one JSON-RPC message, not a batch"));
            return;
        }
        McpMessage message = McpMessage.of(body);
        switch (message.kind()) {
            case INVALID -> refuse(ctx, 400, "INVALID_REQUEST", message.refusal());
            case NOTIFICATION, RESPONSE -> JsonResponses.withoutBody(ctx, 202); // none is defined for this revision
            case REQUEST -> {
                ModernMcp.Refusal refusal = ModernMcp.check(message, MirroredHeaders.Lines.of(ctx.req()), catalog);
                if (refusal != null) {
                    refuse(ctx, refusal);
                } else if (ToolListSubscriptions.METHOD.equals(message.method()) && subscriptions.offered()) {
                    listen(ctx, message, caller);
                } else {
                    answer(ctx, message, caller, true);
                }
            }
        }
    }

    /**
     * Ends the open {@code subscriptions/listen} streams and refuses new ones: the gateway stops.
     *
     * @param replaced whether a reload replaces it with a gateway of another configuration, whose tools may differ:
     *     the streams then end without their result, so that their clients subscribe again
     */
    public void endSubscriptions(boolean replaced) {
        subscriptions.endAll(replaced);
    }

    private void listen(Context ctx, McpMessage message, Caller caller) {
        Map<String, Object> refused;
        try {
            refused = subscriptions.listen(ctx, message, caller);
        } catch (GatewayException.Authentication e) {
            throw namingMetadata(ctx, e);
        }
        if (refused != null) {
            JsonResponses.send(ctx, bodies.mapper(), refused, gzip);
        }
    }

    /** How many {@code subscriptions/listen} streams are open, for the meters. */
    public int openSubscriptions() {
        return subscriptions.openCount();
    }

    /** A single request's id, which its refusal repeats (JSON-RPC 2.0 §5); null for anything else. */
    private static Object requestId(Object body) {
        McpMessage message = body instanceof Map<?, ?> ? McpMessage.of(body) : null;
        return message != null && message.kind() == McpMessage.Kind.REQUEST ? message.id() : null;
    }

    /**
     * Whether the body is an {@code initialize} request, which negotiates the version: the header is for the requests
     * after it (transports, "Protocol Version Header"), and a client may send there the newest version it knows.
     */
    private static boolean initializes(Object body) {
        return body instanceof Map<?, ?> message && "initialize".equals(message.get("method"));
    }

    /**
     * Answers a request: with JSON, or as an event stream once the progress its client asked for arrives or its
     * backend has been silent for the keep-alive interval.
     */
    private void answer(Context ctx, McpMessage message, Caller caller, boolean modern) {
        Supplier<Map<String, Object>> answering = modern ? () -> methods.answerModern(message, caller, ctx)
                : () -> methods.answer(message, caller, ctx);
        Supplier<Map<String, Object>> call = "tools/call".equals(message.method())
                ? () -> cancellable.run(caller, message.id(), answering) : answering;
        ProgressRelay relay = ProgressRelay.of(message, ctx, bodies.mapper(), settings.keepAlive());
        if (relay == null) {
            Map<String, Object> answer = call.get();
            if (modern && !ModernMcp.METHODS.contains(message.method())) {
                // a modern server's 404 for a method it lacks, which its JSON-RPC body tells from a legacy server's
                RequestContext.note(ctx, RequestContext.ERROR_CODE, "METHOD_NOT_FOUND");
                ctx.status(404);
            }
            JsonResponses.send(ctx, bodies.mapper(), answer, gzip);
            return;
        }
        Map<String, Object> answer;
        try {
            answer = CallProgress.during(relay, call);
        } catch (RuntimeException | Error e) {
            // once the stream's status is sent, the failure can only be its last event, as a server error of JSON-RPC
            if (!relay.finish(JsonRpc.error(message.id(), JsonRpc.INTERNAL_ERROR, "Internal error"))) {
                throw e; // answered as any request's failure
            }
            log.error("MCP tool call failed after its answer became an event stream", e);
            if (e instanceof Error error) {
                throw error;
            }
            return;
        }
        if (!relay.finish(answer)) {
            JsonResponses.send(ctx, bodies.mapper(), answer, gzip);
        }
    }

    private static void refuse(Context ctx, ModernMcp.Refusal refusal) {
        refuse(ctx, refusal.status(), refusal.code(), refusal.answer());
    }

    /**
     * Refuses the request as a whole: its JSON-RPC error with the HTTP status, the code and the type the error
     * envelope has for that status noted for the access log.
     */
    private static void refuse(Context ctx, int status, String code, Map<String, Object> error) {
        RequestContext.note(ctx, "error_type", switch (status) {
            case 403 -> "AuthorizationError";
            case 405 -> "MethodNotAllowedError";
            case 421 -> "MisdirectedRequestError";
            default -> "ValidationError"; // 400, 406: the request's form
        });
        RequestContext.note(ctx, RequestContext.ERROR_CODE, code);
        ctx.status(status).json(error);
    }

    /** Checks the Host and Origin headers ({@link OneOriginValidator}); answers 421 or 403 when they fail. */
    private boolean passesHostAndOrigin(Context ctx) {
        try {
            HostAndOrigin.check(hostAndOrigin, List.of("Host", "Origin"), ctx.req());
            return true;
        } catch (ServerTransportSecurityException e) {
            boolean host = e.getStatusCode() == 421;
            refuse(ctx, e.getStatusCode(), host ? "HOST_NOT_ALLOWED" : "ORIGIN_NOT_ALLOWED",
                    JsonRpc.error(null, JsonRpc.INVALID_REQUEST, host ? "Host not allowed" : "Origin not allowed"));
            return false;
        }
    }

    /** Authenticates; a 401 names the protected resource metadata, as MCP clients expect (RFC 9728 §5.1). */
    private Caller authenticate(Context ctx) {
        try {
            return authenticator.authenticate(ctx);
        } catch (GatewayException.Authentication e) {
            throw namingMetadata(ctx, e);
        }
    }

    private GatewayException.Authentication namingMetadata(Context ctx, GatewayException.Authentication e) {
        return new GatewayException.Authentication(e.code(), e.getMessage(),
                namingMetadata(ctx, e.headers().get("WWW-Authenticate")));
    }

    private String namingMetadata(Context ctx, String challenge) {
        return challenge + ", resource_metadata=\"" + metadataUrl(ctx) + "\"";
    }

    private void metadata(Context ctx) {
        if (settings.resourceUrl() == null) {
            // The document names the resource by the request's Host: only a Host /mcp accepts, or anyone could have
            // a cache in front keep a document that sends clients elsewhere.
            try {
                HostAndOrigin.check(hostAndOrigin, List.of("Host"), ctx.req());
            } catch (ServerTransportSecurityException e) {
                throw new GatewayException.MisdirectedRequest("Host not allowed: this document names the resource"
                        + " by the request's Host, which must be one /mcp accepts");
            }
            ctx.header("Vary", "Host");
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("resource", resourceUrl(ctx));
        document.put("authorization_servers", List.of(issuer));
        document.put("bearer_methods_supported", List.of("header"));
        document.put("scopes_supported", catalog.scopes());
        document.put("resource_name", "MCP Tools Gateway");
        ctx.header("Cache-Control", "max-age=300").json(document);
    }

    private String resourceUrl(Context ctx) {
        return settings.resourceUrl() != null ? settings.resourceUrl() : origin(ctx) + PATH;
    }

    private String metadataUrl(Context ctx) {
        String resource = resourceUrl(ctx);
        java.net.URI uri = java.net.URI.create(resource);
        return uri.getScheme() + "://" + uri.getRawAuthority() + METADATA_PATH + uri.getRawPath();
    }

    private static String origin(Context ctx) {
        String host = ctx.header("Host");
        return ctx.scheme() + "://" + (host == null ? ctx.host() : host);
    }

}
