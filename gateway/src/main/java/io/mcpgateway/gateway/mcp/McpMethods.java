package io.mcpgateway.gateway.mcp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.javalin.http.Context;
import io.mcpgateway.gateway.auth.BearerAuthenticator;
import io.mcpgateway.gateway.auth.Caller;
import io.mcpgateway.gateway.backend.JsonRpcRefusal;
import io.mcpgateway.gateway.backend.OnBehalfOf;
import io.mcpgateway.gateway.backend.ResultForm;
import io.mcpgateway.gateway.backend.ToolErrors;
import io.mcpgateway.gateway.backend.ToolInvoker;
import io.mcpgateway.gateway.backend.ToolOutcome;
import io.mcpgateway.gateway.cache.CacheDirectives;
import io.mcpgateway.gateway.cache.ResponseCache;
import io.mcpgateway.gateway.config.RouteSettings;
import io.mcpgateway.gateway.error.ErrorRenderer;
import io.mcpgateway.gateway.error.GatewayException;
import io.mcpgateway.gateway.http.ClientHangUp;
import io.mcpgateway.gateway.http.RequestContext;
import io.mcpgateway.gateway.ratelimit.RateLimitGuard;
import io.mcpgateway.gateway.toolmeta.ArgumentSchemaValidator;
import io.mcpgateway.gateway.toolmeta.BackendTool;
import io.mcpgateway.mcpkit.McpParamsChecks;
import io.mcpgateway.text.Echoed;
import tools.jackson.databind.json.JsonMapper;

/**
 * The MCP methods the gateway answers for an authenticated caller: {@code initialize}, {@code ping},
 * {@code tools/list} and {@code tools/call} up to MCP 2025-11-25, {@code server/discover}, {@code tools/list} and
 * {@code tools/call} in MCP 2026-07-28 ({@link ModernMcp}); tool calls are routed to the tool's backend through the
 * same invoker, cache and rate limits as the REST routes. Failures of a tool (bad arguments, backend down) are tool
 * results with {@code isError}, as MCP prescribes; protocol misuse is a JSON-RPC error.
 */
final class McpMethods {

    /** Newest first; a client asking for another version gets the newest. */
    static final List<String> PROTOCOL_VERSIONS = List.of("2025-11-25", "2025-06-18", "2025-03-26");
    /** The rate-limit bucket all MCP tool calls of a caller share. */
    static final RouteSettings MCP_ROUTE = new RouteSettings("POST", McpRoutes.PATH, "", "", List.of());

    private static final Logger log = LoggerFactory.getLogger(McpMethods.class);
    private static final String INSTRUCTIONS = "The tools of every backend behind this gateway. Names of the form"
            + " <backend>___<tool> say which backend a tool belongs to.";
    /** How long a client may keep the answer to server/discover: what it says changes only with the gateway. */
    private static final Duration DISCOVERY_FRESH_FOR = Duration.ofHours(1);

    private final ToolCatalog catalog;
    private final ToolInvoker invoker;
    private final ResponseCache cache;
    private final RateLimitGuard rateLimits;
    private final ArgumentSchemaValidator schemas;
    private final String version;
    private final Duration toolsFreshFor;
    private final boolean subscriptionsOffered;
    private final JsonMapper mapper;
    private final Clock clock;

    /**
     * @param toolsFreshFor how long a client may keep a tool list: how often the backends' lists are read again
     * @param subscriptionsOffered whether clients of MCP 2026-07-28 may hear of list changes
     *     ({@code subscriptions/listen}, which {@link ToolListSubscriptions} answers)
     */
    McpMethods(ToolCatalog catalog, ToolInvoker invoker, ResponseCache cache, RateLimitGuard rateLimits,
            ArgumentSchemaValidator schemas, String version, Duration toolsFreshFor, boolean subscriptionsOffered,
            JsonMapper mapper, Clock clock) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.invoker = Objects.requireNonNull(invoker, "invoker");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.rateLimits = Objects.requireNonNull(rateLimits, "rateLimits");
        this.schemas = Objects.requireNonNull(schemas, "schemas");
        this.version = Objects.requireNonNull(version, "version");
        this.toolsFreshFor = Objects.requireNonNull(toolsFreshFor, "toolsFreshFor");
        this.subscriptionsOffered = subscriptionsOffered;
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The JSON-RPC answer to one request. */
    Map<String, Object> answer(McpMessage request, Caller caller, Context ctx) {
        return answer(request, caller, ctx, Instant.MAX);
    }

    /**
     * The JSON-RPC answer to one request whose tool call, if any, must end by {@code notAfter} (a batch's end) as
     * well as within its backend's limits.
     */
    Map<String, Object> answer(McpMessage request, Caller caller, Context ctx, Instant notAfter) {
        Object id = request.id();
        String method = request.method();
        String shapeProblem = McpParamsChecks.shapeProblem(request.params());
        if (shapeProblem != null) {
            return JsonRpc.error(id, JsonRpc.INVALID_PARAMS, shapeProblem); // as the servers
        }
        Map<String, Object> params = paramsOf(request);
        return switch (method) {
            case "initialize" -> McpParamsChecks.initializeReadable(request.params())
                    ? JsonRpc.result(id, initialize(params))
                    : JsonRpc.error(id, JsonRpc.INVALID_PARAMS, McpParamsChecks.INITIALIZE_PROBLEM); // as the servers
            case "ping" -> JsonRpc.result(id, Map.of());
            case "tools/list" -> McpParamsChecks.hasCursor(params)
                    ? JsonRpc.error(id, JsonRpc.INVALID_PARAMS, McpParamsChecks.CURSOR_PROBLEM)
                    : JsonRpc.result(id, Map.of("tools", listFor(caller)));
            case "tools/call" -> call(id, params, caller, ctx, notAfter, false);
            default -> JsonRpc.error(id, JsonRpc.METHOD_NOT_FOUND, "Method not found: "
                    + Echoed.clip(method, McpParamsChecks.ECHOED_NAME)
                    + ". This gateway answers initialize, ping, tools/list and tools/call, and in MCP "
                    + ModernMcp.VERSIONS.get(0) + " (its MCP-Protocol-Version header) " + modernMethods());
        };
    }

    /**
     * The JSON-RPC answer to a request of MCP 2026-07-28 whose {@code _meta} and headers
     * {@link ModernMcp#check passed}.
     * {@code initialize} and {@code ping} are not methods of that revision.
     */
    Map<String, Object> answerModern(McpMessage request, Caller caller, Context ctx) {
        Object id = request.id();
        Map<String, Object> params = paramsOf(request);
        Map<String, Object> answer = switch (request.method()) {
            case "server/discover" -> JsonRpc.result(id, discover());
            case "tools/list" -> McpParamsChecks.hasCursor(params)
                    ? JsonRpc.error(id, JsonRpc.INVALID_PARAMS, McpParamsChecks.CURSOR_PROBLEM)
                    : JsonRpc.result(id, cacheable(Map.of("tools", listFor(caller)), toolsFreshFor,
                            "private")); // the list depends on the caller's scopes
            case "tools/call" -> call(id, params, caller, ctx, Instant.MAX, true);
            default -> JsonRpc.error(id, JsonRpc.METHOD_NOT_FOUND, "Method not found: "
                    + Echoed.clip(request.method(), McpParamsChecks.ECHOED_NAME) + ". This gateway answers "
                    + modernMethods() + " in MCP " + ModernMcp.VERSIONS.get(0));
        };
        return ModernMcp.completed(answer, serverInfo());
    }

    /** The methods of MCP 2026-07-28 answered, as a list in words. */
    private String modernMethods() {
        return String.join(", ", ModernMcp.METHODS) + (subscriptionsOffered ? ", " + ToolListSubscriptions.METHOD : "");
    }

    /**
     * Refuses with one step-up challenge (403) naming every scope they need the {@code tools/call} requests among
     * {@code requests} of tools whose scopes the caller lacks; anything else passes, to be answered (an unknown tool
     * too, with its JSON-RPC error).
     */
    void requireScopes(List<McpMessage> requests, Caller caller) {
        Set<String> needed = new LinkedHashSet<>();
        for (McpMessage request : requests) {
            if (request.method().equals("tools/call") && paramsOf(request).get("name") instanceof String name) {
                catalog.find(name).ifPresent(tool -> needed.addAll(tool.requiredScopes()));
            }
        }
        BearerAuthenticator.requireAll(caller, List.copyOf(needed));
    }

    /**
     * A refusal that answers a single request with an HTTP status of its own (a rate limit's 429), as the JSON-RPC
     * error of one request among others: a server error (-32000) with the REST error envelope as its data.
     */
    Map<String, Object> serverError(Object id, GatewayException e, Context ctx) {
        return JsonRpc.error(id, JsonRpc.SERVER_ERROR, e.getMessage(),
                ErrorRenderer.envelope(e, RequestContext.id(ctx), clock.instant()));
    }

    @SuppressWarnings("unchecked") // Jackson reads a JSON object as a map with string keys
    private static Map<String, Object> paramsOf(McpMessage request) {
        return request.params() instanceof Map<?, ?> params ? (Map<String, Object>) params : Map.of();
    }

    private List<Map<String, Object>> listFor(Caller caller) {
        return catalog.visibleTo(caller).stream().map(ExposedTool::definition).toList();
    }

    private Map<String, Object> serverInfo() {
        return serverInfo(version);
    }

    /** How the gateway names itself to MCP clients. */
    static Map<String, Object> serverInfo(String version) {
        return Map.of("name", "mcp-tools-gateway", "version", version);
    }

    private Map<String, Object> discover() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("supportedVersions", ModernMcp.ALL_VERSIONS);
        // list changes are told on subscriptions/listen streams (earlier revisions' clients have none to hear them)
        result.put("capabilities", Map.of("tools", subscriptionsOffered ? Map.of("listChanged", true) : Map.of()));
        result.put("instructions", INSTRUCTIONS);
        return cacheable(result, DISCOVERY_FRESH_FOR, "public");
    }

    /** A result with the caching hints MCP 2026-07-28 requires of lists and discovery. */
    private static Map<String, Object> cacheable(Map<String, Object> result, Duration freshFor, String scope) {
        Map<String, Object> hinted = new LinkedHashMap<>(result);
        hinted.put("ttlMs", freshFor.toMillis());
        hinted.put("cacheScope", scope);
        return hinted;
    }

    private Map<String, Object> initialize(Map<String, Object> params) {
        Object requested = params.get("protocolVersion");
        String negotiated = requested instanceof String v && PROTOCOL_VERSIONS.contains(v) ? v
                : PROTOCOL_VERSIONS.get(0);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("protocolVersion", negotiated);
        result.put("capabilities", Map.of("tools", Map.of("listChanged", false)));
        result.put("serverInfo", serverInfo());
        result.put("instructions", INSTRUCTIONS);
        return result;
    }

    /** @param modern whether the client speaks MCP 2026-07-28, whose hang-up cancels whatever tool it called */
    private Map<String, Object> call(Object id, Map<String, Object> params, Caller caller, Context ctx,
            Instant notAfter, boolean modern) {
        if (!McpParamsChecks.namesATool(params)) {
            return JsonRpc.error(id, JsonRpc.INVALID_PARAMS, McpParamsChecks.TOOL_NAME_PROBLEM); // as the servers
        }
        String name = (String) params.get("name");
        Object rawArguments = params.get("arguments");
        if (rawArguments != null && !(rawArguments instanceof Map<?, ?>)) {
            return JsonRpc.error(id, JsonRpc.INVALID_PARAMS, "params.arguments must be an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> arguments = rawArguments == null ? Map.of() : (Map<String, Object>) rawArguments;
        ExposedTool tool = catalog.find(name).orElse(null);
        if (tool == null) {
            ExposedTool held = catalog.findHeld(name).orElse(null);
            if (held != null) { // as the REST routes answer it, for a caller who may call it
                BearerAuthenticator.requireAll(caller, held.requiredScopes());
                return JsonRpc.result(id, errorResult(ToolErrors.held(held.tool().backend(), held.tool().name()),
                        held.tool(), ctx));
            }
            String unlisted = unlistedNote();
            RequestContext.noteToolFailure(ctx, catalog.mayBeUnlisted(name)
                    // a tool of a backend down since start-up: the outage REST callers see as 503
                    ? new GatewayException.ServiceUnavailable("TOOL_UNAVAILABLE", "Unknown tool", Map.of(),
                            GatewayException.ServiceUnavailable.RETRY_AFTER)
                    // any other name is the caller's mistake, whatever is down: no name can make up server errors
                    : new GatewayException.Validation("UNKNOWN_TOOL", "Unknown tool", Map.of()));
            return JsonRpc.error(id, JsonRpc.INVALID_PARAMS, "Unknown tool: "
                    + Echoed.clip(name, McpParamsChecks.ECHOED_NAME) + ". tools/list gives the tools"
                    + unlisted);
        }
        BearerAuthenticator.requireAll(caller, tool.requiredScopes());
        rateLimits.admit(caller, catalog.limitRoute(tool, MCP_ROUTE), ctx);
        try {
            // The arguments are checked only when the tool is called: the cache keeps no outcome of unchecked ones.
            // The request is noted as one for the tool once they passed (or a hit shows they had), not when refused.
            ResponseCache.Result cached = cache.get(tool.tool(), caller, arguments, ResultForm.WHOLE,
                    CacheDirectives.of(ctx), notAfter, () -> {
                        schemas.requireValid(tool.tool().inputSchema(), arguments, "Invalid arguments for " + name,
                                name);
                        RequestContext.noteTool(ctx, tool.tool().backend(), tool.tool().name());
                        // MCP 2026-07-28: "closing the SSE response stream is the cancellation signal"
                        return ClientHangUp.watch(ctx, modern || tool.tool().isReadOnly(),
                                () -> invoker.invoke(tool.tool().backend(), tool.tool().name(), arguments,
                                        ResultForm.WHOLE, OnBehalfOf.of(caller), notAfter));
                    });
            RequestContext.noteTool(ctx, tool.tool().backend(), tool.tool().name());
            RequestContext.note(ctx, "cache", cached.cache().label());
            ToolOutcome outcome = cached.outcome();
            if (!ToolErrors.passesOn(outcome)) {
                throw ToolErrors.failure(tool.tool().backend(), tool.tool().name(), outcome);
            }
            if (!outcome.isSuccess()) { // the tool's own error, passed on as it came: counted as its REST route does
                RequestContext.noteToolFailure(ctx, ToolErrors.failure(tool.tool().backend(), tool.tool().name(),
                        outcome));
            }
            if (outcome.result() instanceof JsonRpcRefusal refusal) { // as the backend answered it
                return JsonRpc.error(id, refusal.code(), refusal.message(), refusal.data());
            }
            // The gateway's invokers always keep the backend's CallToolResult; an outcome without one is a bug.
            return JsonRpc.result(id, outcome.result() != null ? outcome.result()
                    : errorResult(new GatewayException.Internal(), tool.tool(), ctx));
        } catch (GatewayException e) {
            // Arguments the schema refuses, the backend failed (down, timed out, breaker open) or its tool failed by
            // itself (its message withheld): a tool failure the agent can read and act on.
            log.debug("MCP tool call {} failed: {}", name, e.getMessage());
            return JsonRpc.result(id, errorResult(e, tool.tool(), ctx));
        }
    }

    /** What an unknown tool may be: one of a backend that has not listed its tools yet (down since start-up). */
    private String unlistedNote() {
        List<String> unlisted = catalog.unlisted();
        return unlisted.isEmpty() ? "" : "; backends that have not listed their tools yet, which may have it: "
                + String.join(", ", unlisted) + " (see /health)";
    }

    /**
     * A tool error the gateway itself answers, shaped as the tools shape theirs: the error envelope its REST routes
     * answer with (type, code, message, details, request_id, timestamp) as structured content and, as JSON, as the
     * text, so an agent that parses the first text item (REFERENCE-SPEC 4.4) reads the gateway's refusals like a
     * tool's own errors. Structured content must meet the tool's output schema (MCP 2025-06-18), and a client SDK
     * checks it even in an error: a tool whose schema does not take the envelope (a third party's) gets the text only.
     */
    private Map<String, Object> errorResult(GatewayException e, BackendTool tool, Context ctx) {
        RequestContext.noteToolFailure(ctx, e);
        Map<String, Object> envelope = ErrorRenderer.envelope(e, RequestContext.id(ctx), clock.instant());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("content", List.of(Map.of("type", "text", "text", mapper.writeValueAsString(envelope))));
        Map<String, Object> outputSchema = tool.outputSchema();
        if (outputSchema == null || schemas.meets(outputSchema, envelope)) {
            result.put("structuredContent", envelope);
        }
        result.put("isError", true);
        return result;
    }
}
