package io.mcpgateway.gateway.backend;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import io.mcpgateway.gateway.backend.http1.AbortSignal;
import io.mcpgateway.gateway.backend.http1.FinalEvent;
import io.mcpgateway.gateway.config.BackendSettings;
import io.mcpgateway.json.ResultHints;
import io.mcpgateway.mcpkit.MirroredHeaders;
import io.mcpgateway.mcpkit.ModernRequests;
import io.mcpgateway.text.Echoed;
import io.mcpgateway.text.RequestIds;
import io.mcpgateway.text.TraceContext;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls a Streamable HTTP MCP server with plain JSON-RPC POSTs: one request, one answer, no session unless the server
 * asks for one ({@link BackendSession}). It measured about 4x faster than the SDK client for this (ARCHITECTURE.md),
 * which is the gateway's hot path. The caller's token is never sent: backends see only the gateway.
 */
public final class McpBackendClient implements AutoCloseable {

    /** The protocol revision the gateway speaks to backends. */
    public static final String PROTOCOL_VERSION = "2025-06-18";
    /** The versions the gateway speaks to backends: its own, and the older one a server may answer it with. */
    static final List<String> PROTOCOL_VERSIONS = List.of(PROTOCOL_VERSION, "2025-03-26");
    /** The Accept of a POST: a Streamable HTTP server may answer with JSON or with an event stream. */
    static final String ACCEPT_ANSWERS = "application/json, text/event-stream";
    /** Who the gateway says it is to backends. */
    static final Map<String, Object> CLIENT_INFO = Map.of("name", "mcp-tools-gateway", "version", "1.0.0");

    private static final Logger log = LoggerFactory.getLogger(McpBackendClient.class);
    /** The largest event handed to a call's progress listener: a progress notification is a few hundred bytes. */
    private static final int MAX_PROGRESS_EVENT_BYTES = 16 * 1024;
    /** How long telling a backend of a cancelled call may take: it is answered at once, if at all. */
    private static final Duration CANCEL_TIMEOUT = Duration.ofSeconds(5);
    /** JSON-RPC's code for a message its receiver could not parse. */
    private static final int JSON_RPC_PARSE_ERROR = -32700;

    private final BackendSettings settings;
    /** Parsed once: a URI parse per call showed in perf profiles of bench/gateway.sh. */
    private final URI endpoint;
    private final BackendConnections connections;
    private final BackendCredentials credentials;
    private final JsonMapper mapper;
    private final BackendSession session;
    private final BackendEra era;
    /** A tool's input schema by its name, for the arguments it mirrors into headers (MCP 2026-07-28); null if none. */
    private volatile Function<String, Map<String, Object>> inputSchemas = tool -> null;
    private final AtomicLong ids = new AtomicLong();
    private volatile Runnable toolListChanged = () -> { };
    private volatile Runnable callRefused = () -> { };
    /**
     * Cancel notices being sent: they take connections from the calls' pool outside the bulkhead, each up to
     * {@link #CANCEL_TIMEOUT}, so timed-out calls (which any caller can bring about) must not fill it for the calls
     * behind them. A quarter of the connections at most; a notice beyond that is dropped, as one lost on the way is.
     */
    private final Semaphore cancelsInFlight;

    public McpBackendClient(BackendSettings settings, BackendConnections connections, BackendCredentials credentials,
            JsonMapper mapper) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.endpoint = settings.mcpEndpoint();
        this.connections = Objects.requireNonNull(connections, "connections");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.era = new BackendEra(settings.name(), mapper);
        this.session = new BackendSession(settings.name(), endpoint, connections, credentials, mapper, era);
        this.cancelsInFlight = new Semaphore(Math.max(1, settings.pool().maxConnections() / 4));
    }

    public String name() {
        return settings.name();
    }

    public BackendSettings settings() {
        return settings;
    }

    /** What to do when the backend says {@code notifications/tools/list_changed} in one of its answers. */
    public void onToolListChanged(Runnable listener) {
        this.toolListChanged = Objects.requireNonNull(listener, "listener");
    }

    /**
     * What to do when the backend refuses a call with invalid params (JSON-RPC -32602, which MCP servers also answer
     * for a tool they do not have): the tool may have changed or gone since the gateway read the backend's tools.
     */
    public void onCallRefused(Runnable listener) {
        this.callRefused = Objects.requireNonNull(listener, "listener");
    }

    /** Where the input schemas of the backend's tools are found, for a backend of MCP 2026-07-28. */
    public void useInputSchemas(Function<String, Map<String, Object>> lookup) {
        this.inputSchemas = Objects.requireNonNull(lookup, "lookup");
    }

    public BackendConnections connections() {
        return connections;
    }

    BackendCredentials credentials() {
        return credentials;
    }

    BackendSession session() {
        return session;
    }

    BackendEra era() {
        return era;
    }

    JsonMapper mapper() {
        return mapper;
    }

    /** Calls {@code tool}; a tool's own error is an outcome, a failure to get one is a {@link BackendFailure}. */
    public ToolOutcome callTool(String tool, Map<String, Object> arguments) throws BackendFailure {
        return callTool(tool, arguments, ResultForm.WHOLE, null, settings.requestTimeout());
    }

    /**
     * Calls {@code tool}, waiting at most {@code timeout} for the answer: the request timeout, or less when the
     * caller's overall deadline is nearer; {@code form} says whether the text copy of structured content may be left
     * out; {@code caller}, when not null, whom the call is made for.
     */
    public ToolOutcome callTool(String tool, Map<String, Object> arguments, ResultForm form, OnBehalfOf caller,
            Duration timeout) throws BackendFailure {
        long id = ids.incrementAndGet();
        Map<String, Object> meta = new LinkedHashMap<>();
        if (form == ResultForm.STRUCTURED_ONLY) {
            meta.put(ResultHints.STRUCTURED_ONLY, true);
        }
        if (caller != null && settings.sendCaller()) {
            meta.put(OnBehalfOf.META_KEY, caller.meta());
        }
        CallProgress.Listener progress = CallProgress.current();
        FinalEvent response = JsonRpcResponses.responseTo(id);
        if (progress != null) {
            meta.put("progressToken", id); // unique among the calls of a session the gateway shares
            response = new RelayingProgress(response, progress, id);
            CallProgress.awaitingAnswer();
        }
        Map<String, Object> params = meta.isEmpty() ? Map.of("name", tool, "arguments", arguments)
                : Map.of("name", tool, "arguments", arguments, "_meta", meta);
        BackendConnections.Answer answer;
        try {
            answer = send(id, "tools/call", params, timeout, response);
        } catch (BackendFailure e) {
            if (e.kind() == BackendFailure.Kind.TIMEOUT) {
                cancel(id);
            }
            throw e;
        }
        ToolCallScanner.Scanned scanned = answer.contentType().startsWith("application/json")
                ? ToolCallScanner.scan(answer.body(), id) : null;
        if (scanned != null) {
            ToolOutcome outcome = ToolOutcome.success(scanned.data()).withResult(scanned.result());
            return scanned.reusable() ? outcome : outcome.notReusable();
        }
        JsonNode message = messageOf(answer, id);
        JsonNode error = message.get("error");
        JsonRpcRefusal refusal = error != null && error.isObject() ? JsonRpcRefusal.of(error) : null;
        if (refusal != null) {
            log.debug("Backend '{}' refused tools/call {} with JSON-RPC error {}", name(), tool, refusal.code());
            if (refusal.code() == JsonRpcRefusal.INVALID_PARAMS) {
                callRefused.run();
            }
            return refusal.outcome();
        }
        JsonNode result = resultOf(message, "tools/call");
        ToolOutcome outcome;
        try {
            outcome = ToolResultReader.read(result, mapper).withResult(result);
        } catch (RuntimeException e) { // a shape nobody foresaw is the backend's answer at fault, not a 500
            throw new BackendFailure(BackendFailure.Kind.PROTOCOL, name(), "backend '" + name()
                    + "' answered tools/call with a result the gateway cannot read");
        }
        return result.path("_meta").path(ResultHints.NO_STORE).booleanValue(false) ? outcome.notReusable() : outcome;
    }

    /**
     * Tells a backend that keeps sessions that the call {@code id} is given up ({@code notifications/cancelled}: it
     * timed out, or its own client cancelled it, {@link AbortSignal}), in the background: such a server runs a call on
     * after its connection closed, where a stateless one ends it with the connection (the timeout closes it). Whether
     * the notice arrives changes nothing for the caller.
     */
    private void cancel(long id) {
        String sessionId = session.id();
        if (sessionId == null) {
            return;
        }
        if (!cancelsInFlight.tryAcquire()) {
            log.debug("Backend '{}' is not told of the cancelled call {}: other notices are being sent", name(), id);
            return;
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("requestId", id);
        params.put("reason", AbortSignal.currentAborted() ? "its client cancelled it"
                : "the gateway's time for the call ran out");
        byte[] notice = mapper.writeValueAsBytes(Map.of("jsonrpc", "2.0", "method", "notifications/cancelled",
                "params", params));
        // the headers are made on the notice's own thread: renewing a backend token may wait, the caller's answer not
        Map<String, String> context = MDC.getCopyOfContextMap();
        Thread.ofVirtual().name("backend-cancel").start(() -> {
            if (context != null) {
                MDC.setContextMap(context); // the request's id, for the notice's header and the log
            }
            try {
                connections.post(endpoint, notice, headers(credentials, ACCEPT_ANSWERS, sessionId,
                        session.protocolVersion()), CANCEL_TIMEOUT);
            } catch (BackendFailure e) {
                log.debug("Backend '{}' was not told of the cancelled call {}: {}", name(), id, e.getMessage());
            } finally {
                cancelsInFlight.release();
            }
        });
    }

    /** One page of the backend's tools: the first for a null {@code cursor}, else the one it names. */
    public JsonNode listTools(String cursor) throws BackendFailure {
        return request("tools/list", cursor == null ? Map.of() : Map.of("cursor", cursor), settings.requestTimeout());
    }

    private JsonNode request(String method, Map<String, Object> params, Duration timeout) throws BackendFailure {
        long id = ids.incrementAndGet();
        return resultOf(messageOf(send(id, method, params, timeout, JsonRpcResponses.responseTo(id)), id), method);
    }

    /**
     * Hands the events before the response of an answer of status 200 to {@code progress}, as they arrive: a
     * notification of progress is at most a few hundred bytes, so only events that could be one are shown to it.
     */
    private record RelayingProgress(FinalEvent response, CallProgress.Listener progress, long token)
            implements FinalEvent {

        @Override
        public boolean isFinal(byte[] data) {
            if (response.isFinal(data)) {
                return true;
            }
            if (data.length <= MAX_PROGRESS_EVENT_BYTES) {
                try {
                    progress.notified(data, token);
                } catch (RuntimeException e) { // the relay's failure, not the backend's: the call goes on unheard
                    log.warn("A tool call's progress could not be relayed", e);
                }
            }
            return false;
        }

        @Override
        public FinalEvent forStatus(int status) {
            return status == 200 ? this : response;
        }
    }

    /**
     * Posts a request; {@code response} tells the event that answers it in an event-stream answer, which is read no
     * further.
     */
    private BackendConnections.Answer send(long id, String method, Map<String, Object> params, Duration timeout,
            FinalEvent response) throws BackendFailure {
        // every post of this call, and a session's start, within the call's one timeout
        Exchange exchange = new Exchange(id, method, params, response, System.nanoTime() + timeout.toNanos(),
                timeout);
        BackendConnections.Answer answer = era.modern() ? sendModern(exchange, true) : sendLegacy(exchange, true);
        if (answer.status() != 200) {
            throw BackendFailure.httpStatus(name(), answer, method, isParseError(answer));
        }
        return answer;
    }

    /** One call's request and its time, which every post of it shares. */
    private record Exchange(long id, String method, Map<String, Object> params, FinalEvent response, long deadline,
            Duration timeout) {
    }

    /**
     * Posts a request as the revisions that open with {@code initialize} have it: no {@code _meta} of the protocol's,
     * a session when the backend wants one. When {@code maySwitch}, a 400 that only a server of 2026-07-28 gives has
     * the request sent again in that form, and one that such a server may give (invalid params) has it tried in that
     * form, which is believed if it is answered. Neither 400 means the request ran.
     */
    private BackendConnections.Answer sendLegacy(Exchange call, boolean maySwitch) throws BackendFailure {
        byte[] bytes = body(call.id(), call.method(), call.params());
        String sessionId = session.id();
        String version = session.protocolVersion();
        BackendConnections.Answer answer = post(bytes, () -> headers(credentials, ACCEPT_ANSWERS, sessionId, version),
                call);
        BackendEra.Verdict verdict = sessionId == null ? era.judge(answer) : BackendEra.Verdict.OTHER;
        if (verdict == BackendEra.Verdict.MODERN) {
            if (!maySwitch) {
                return answer; // tried in this form after one of 2026-07-28 was refused: the backend is of that one
            }
            era.become(true);
            return sendModern(call, false);
        }
        if (verdict == BackendEra.Verdict.MAYBE_MODERN && maySwitch) {
            BackendConnections.Answer modern = sendModern(call, false);
            if (modern.status() == 200) {
                era.become(true);
                return modern;
            }
        }
        if (session.wanted(answer, sessionId)) {
            String started = session.renew(sessionId, answer.status(), left(call.deadline(), call.timeout()));
            if (started != null || !session.protocolVersion().equals(version)) { // a session, or an older version
                answer = post(bytes, headers(credentials, ACCEPT_ANSWERS, started, session.protocolVersion()),
                        call.response(), call.deadline(), call.timeout());
            }
        }
        return answer;
    }

    /**
     * Posts a request as MCP 2026-07-28 has it: its version, the gateway's capabilities (none) and identity in
     * {@code _meta}, the version, method, tool name and mirrored arguments in headers, no session. When
     * {@code maySwitch}, a 400 that is no error of that revision's has the request tried in the earlier form (the
     * backend may have been replaced by a server of that era), which is believed only if it is answered: any other
     * 400 (a proxy's page for headers too large, say) must not turn a backend of 2026-07-28 back call after call.
     */
    private BackendConnections.Answer sendModern(Exchange call, boolean maySwitch) throws BackendFailure {
        byte[] bytes = body(call.id(), call.method(), withModernMeta(call.params()));
        BackendConnections.Answer answer = post(bytes, () -> modernHeaders(call.method(), call.params()), call);
        if (maySwitch && era.judge(answer) == BackendEra.Verdict.OTHER && answer.status() == 400) {
            try {
                BackendConnections.Answer legacy = sendLegacy(call, false);
                if (legacy.status() == 200) {
                    era.become(false);
                    return legacy;
                }
            } catch (BackendFailure e) { // its session could not be started: the backend's own answer stands
                log.debug("Backend '{}' refused a request of MCP {} and one of before: {}", name(),
                        BackendEra.MODERN_VERSION, e.getMessage());
            }
        }
        return answer;
    }

    /** {@code params} with the {@code _meta} of MCP 2026-07-28: its version, no client capabilities, the gateway. */
    private static Map<String, Object> withModernMeta(Map<String, Object> params) {
        Map<String, Object> meta = new LinkedHashMap<>();
        if (params.get("_meta") instanceof Map<?, ?> own) {
            own.forEach((key, value) -> meta.put(String.valueOf(key), value));
        }
        meta.put(ModernRequests.PROTOCOL_VERSION, BackendEra.MODERN_VERSION);
        meta.put(ModernRequests.CLIENT_CAPABILITIES, Map.of());
        meta.put("io.modelcontextprotocol/clientInfo", CLIENT_INFO);
        Map<String, Object> with = new LinkedHashMap<>(params);
        with.put("_meta", meta);
        return with;
    }

    /** A request whose answer is read as it arrives: its body (null for a GET) and headers. */
    record StreamRequest(byte[] body, Map<String, String> headers) {
    }

    /**
     * The {@code subscriptions/listen} request of MCP 2026-07-28 for the backend's tool list changes
     * ({@link BackendEventStream}).
     */
    StreamRequest toolListSubscription() throws BackendFailure {
        Map<String, Object> params = Map.of("notifications", Map.of("toolsListChanged", true));
        return new StreamRequest(body(ids.incrementAndGet(), "subscriptions/listen", withModernMeta(params)),
                modernHeaders("subscriptions/listen", params));
    }

    /** The headers of a request of MCP 2026-07-28: the mirrored values besides the usual ones. */
    private Map<String, String> modernHeaders(String method, Map<String, Object> params) throws BackendFailure {
        Map<String, String> headers = headers(credentials, ACCEPT_ANSWERS, null, BackendEra.MODERN_VERSION);
        headers.put(ModernRequests.METHOD_HEADER, method);
        if ("tools/call".equals(method) && params.get("name") instanceof String tool) {
            headers.put(MirroredHeaders.NAME, MirroredHeaders.encode(tool));
            Map<String, Object> inputSchema = inputSchemas.apply(tool);
            if (inputSchema != null && params.get("arguments") instanceof Map<?, ?> arguments) {
                @SuppressWarnings("unchecked") // the gateway's own map of the caller's arguments, keyed by name
                Map<String, Object> named = (Map<String, Object>) arguments;
                headers.putAll(MirroredHeaders.headersFor(inputSchema, named));
            }
        }
        return headers;
    }

    private byte[] body(long id, String method, Map<String, Object> params) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jsonrpc", "2.0");
        body.put("id", id);
        body.put("method", method);
        body.put("params", params);
        return mapper.writeValueAsBytes(body);
    }

    /** Where a request's headers come from, made again when a renewed credential must replace a refused one. */
    @FunctionalInterface
    private interface Headers {
        Map<String, String> make() throws BackendFailure;
    }

    /** Posts once, and once more with fresh credentials when the backend refused a renewable token. */
    private BackendConnections.Answer post(byte[] bytes, Headers headers, Exchange call) throws BackendFailure {
        Map<String, String> sent = headers.make();
        BackendConnections.Answer answer = post(bytes, sent, call.response(), call.deadline(), call.timeout());
        if (answer.status() == 401 && credentials.refused(sent)) {
            // a renewable token had expired or was revoked: once more with the current one
            answer = post(bytes, headers.make(), call.response(), call.deadline(), call.timeout());
        }
        return answer;
    }

    /** Whether a 400's body is a JSON-RPC parse error (-32700): the backend's parser refused what this call held. */
    private boolean isParseError(BackendConnections.Answer answer) {
        if (answer.status() != 400 || !answer.contentType().startsWith("application/json")) {
            return false;
        }
        try {
            return mapper.readTree(answer.body()).path("error").path("code").asInt(0) == JSON_RPC_PARSE_ERROR;
        } catch (JacksonException e) {
            return false;
        }
    }

    /** The JSON-RPC response an answer carries, read as a tree; anything else is a failure. */
    private JsonNode messageOf(BackendConnections.Answer answer, long id) throws BackendFailure {
        try {
            return JsonRpcResponses.parse(answer.contentType(), answer.body(), id, mapper, name(), this::notified);
        } catch (BackendFailure e) {
            // another request's answer, or none: the connection it came on may be out of step, with this call's own
            // answer still to come on it for whichever call uses it next
            answer.outOfStep().run();
            throw e;
        }
    }

    /** The result of a JSON-RPC response; a JSON-RPC error or a missing result is a failure. */
    private JsonNode resultOf(JsonNode message, String method) throws BackendFailure {
        JsonNode error = message.get("error");
        if (error != null && !error.isNull()) {
            // the backend's message for the log alone, on one line and bounded as a tool's own error message: a
            // failed tools/list is shown by the public /health, and the message is the backend's to write
            throw BackendFailure.withLogDetail(BackendFailure.Kind.PROTOCOL, name(), "backend '" + name()
                    + "' answered " + method + " with JSON-RPC error " + codeOf(error), "(its message: '"
                    + Echoed.oneLine(error.path("message").asString(""), ToolErrors.LOGGED_MESSAGE_CHARS) + "')");
        }
        JsonNode result = message.get("result");
        if (result == null || !result.isObject()) {
            throw new BackendFailure(BackendFailure.Kind.PROTOCOL, name(), "backend '" + name()
                    + "' answered " + method + " without a result");
        }
        return result;
    }

    /** One POST of the call; an event-stream answer is read up to {@code response}, the event that answers it. */
    /** An error's code as the log shows it: one that is no integer a long holds is the backend's text, clipped. */
    private static String codeOf(JsonNode error) {
        JsonNode code = error.path("code");
        return code.isIntegralNumber() && code.canConvertToLong() ? Long.toString(code.longValue())
                : "'" + Echoed.oneLine(code.toString(), 40) + "'";
    }

    private BackendConnections.Answer post(byte[] body, Map<String, String> headers, FinalEvent response,
            long deadline, Duration timeout) throws BackendFailure {
        return connections.post(endpoint, body, headers, left(deadline, timeout), response);
    }

    /** The time left before {@code deadline}; none left is the call's timeout. */
    private Duration left(long deadline, Duration timeout) throws BackendFailure {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new BackendFailure(BackendFailure.Kind.TIMEOUT, name(), "backend '" + name()
                    + "' did not answer within " + timeout.toMillis() + " ms");
        }
        return Duration.ofNanos(left);
    }

    /**
     * The headers of every request the gateway sends a backend's MCP endpoint: its own credentials, the protocol
     * version, what it accepts, for a server that keeps sessions the session and, when a client's request is being
     * served (its id is in the MDC), that request's id, so the backend's log lines of the call carry it too, and its
     * W3C trace context ({@link TraceContext}), so the backend's spans join the caller's trace.
     *
     * @param session the {@code Mcp-Session-Id}, or null
     * @param version the protocol version agreed on ({@link BackendSession#protocolVersion()})
     */
    static Map<String, String> headers(BackendCredentials credentials, String accept, String session,
            String version) throws BackendFailure {
        Map<String, String> headers = new LinkedHashMap<>(credentials.headers());
        headers.put("Accept", accept);
        headers.put("MCP-Protocol-Version", version);
        String requestId = MDC.get(RequestIds.MDC_KEY);
        if (requestId != null) {
            headers.put(RequestIds.HEADER, requestId);
        }
        TraceContext.addTo(headers);
        if (session != null) {
            headers.put(BackendConnections.SESSION_HEADER, session);
        }
        return headers;
    }

    private void notified(String method) {
        if ("notifications/tools/list_changed".equals(method)) {
            toolListChanged.run();
        }
    }

    static Map<String, Object> toMap(JsonNode node, JsonMapper mapper) {
        try {
            return node != null && node.isObject()
                    ? mapper.convertValue(node, new TypeReference<Map<String, Object>>() { }) : Map.of();
        } catch (JacksonException e) {
            return Map.of();
        }
    }

    @Override
    public void close() {
        session.end();
        connections.close();
    }
}
