package io.mcpgateway.gateway.backend;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.mcpgateway.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stateless MCP server for fault injection: speaks just enough JSON-RPC over HTTP ({@code tools/list},
 * {@code tools/call}) and can be told how to answer each tool call — normally, with the tool's own error, with an HTTP
 * error, by dropping the connection, slowly, or never. One-off behaviours queued with {@link #next} come first (a
 * flapping backend), then the standing one set with {@link #always}. Counts the tool calls that reach it.
 */
public final class FaultyMcpServer implements AutoCloseable {

    /** How the server answers a tool call. */
    public sealed interface Behaviour {

        static Behaviour answer() {
            return new Answer();
        }

        /** The tool runs and refuses: a ValidationError result, as for bad input. */
        static Behaviour toolError() {
            return new ToolError("ValidationError", "q is not acceptable", Map.of("field", "q"));
        }

        /** A ValidationError result whose details hold a null, as a Python server's None. */
        static Behaviour toolErrorWithANullDetail() {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("field", "q");
            details.put("suggestion", null);
            return new ToolError("ValidationError", "q is not acceptable", details);
        }

        /** A JSON-RPC internal error (-32603) instead of a result, with {@code message}. */
        static Behaviour rpcError(String message) {
            return new RpcError(-32603, message, null);
        }

        /** A JSON-RPC error instead of a result: {@code code}, {@code message}, {@code data} (unless null). */
        static Behaviour rpcError(Object code, String message, Object data) {
            return new RpcError(code, message, data);
        }

        /** A successful answer carrying another request's id, as a confused server or proxy may send. */
        static Behaviour answerAnotherRequest() {
            return new OtherRequest();
        }

        /** The tool runs and fails by itself: an InternalError result whose message shows internals. */
        static Behaviour toolCrash(String message) {
            return new ToolError("InternalError", message, Map.of("field", "q"));
        }

        static Behaviour httpStatus(int status) {
            return new HttpStatus(status);
        }

        /** An HTTP error status with {@code Retry-After: seconds}. */
        static Behaviour httpStatus(int status, String retryAfter) {
            return new StatusAskingToWait(status, retryAfter);
        }

        /** An HTTP error status whose body is a JSON-RPC error of {@code code} without an id. */
        static Behaviour httpStatus(int status, int code) {
            return new StatusWithRpcError(status, code);
        }

        /** Closes the connection without a byte of answer, as a crashing or restarting server does. */
        static Behaviour dropConnection() {
            return new Drop();
        }

        /** Answers normally, after {@code delay} (or at once when the server closes). */
        static Behaviour slow(Duration delay) {
            return new Slow(delay);
        }

        /** Sends the status line, headers and half the body at once, and the rest only after {@code delay}. */
        static Behaviour slowBody(Duration delay) {
            return new SlowBody(delay);
        }

        /** Answers normally, with a result padded to about {@code bytes} bytes. */
        static Behaviour largeAnswer(int bytes) {
            return new Large(bytes);
        }

        /**
         * Answers with an event stream: {@code steps} progress notifications naming the call's progress token (none
         * without one), {@code gap} apart, then the result.
         */
        static Behaviour progress(int steps, Duration gap) {
            return new Progress(steps, gap, 200, List.of());
        }

        /**
         * Answers with status {@code status} and an event stream of the {@code data} of each event in
         * {@code events}, {@code TOKEN} in them replaced by the call's progress token, then the result.
         */
        static Behaviour events(int status, List<String> events) {
            return events(status, events, Duration.ZERO);
        }

        /** As {@link #events(int, List)}, waiting {@code gap} after each event. */
        static Behaviour events(int status, List<String> events, Duration gap) {
            return new Progress(0, gap, status, events);
        }

        /** Never answers, until {@link FaultyMcpServer#releaseHungCalls()} or close. */
        /** Answers a success whose structured content's data is {@code json} as written, well-formed or not. */
        static Behaviour rawData(String json) {
            return new RawData(json);
        }

        /** The whole JSON-RPC message, as written, with the request's id in place of {@code ID}. */
        static Behaviour rawMessage(String template) {
            return new RawMessage(template);
        }

        static Behaviour hang() {
            return new Slow(Duration.ofDays(1));
        }
    }

    record Answer() implements Behaviour {
    }

    record ToolError(String type, String message, Map<String, Object> details) implements Behaviour {
    }

    record OtherRequest() implements Behaviour {
    }

    record RpcError(Object code, String message, Object data) implements Behaviour {
    }

    record StatusWithRpcError(int status, int code) implements Behaviour {
    }

    record HttpStatus(int status) implements Behaviour {
    }

    record StatusAskingToWait(int status, String retryAfter) implements Behaviour {
    }

    record Drop() implements Behaviour {
    }

    record Slow(Duration delay) implements Behaviour {
    }

    record SlowBody(Duration delay) implements Behaviour {
    }

    record Large(int bytes) implements Behaviour {
    }

    record RawData(String json) implements Behaviour {
    }

    record RawMessage(String template) implements Behaviour {
    }

    record Progress(int steps, Duration gap, int status, List<String> events) implements Behaviour {
    }

    /** A tool it publishes, read-only or not (its {@code readOnlyHint}). */
    public record FakeTool(String name, boolean readOnly) {
    }

    private static final String SESSION = "session-1";

    private final JsonMapper mapper = Json.newMapper();
    private final String name;
    private final List<FakeTool> tools;
    private final HttpServer server;
    private final AtomicReference<Behaviour> standing = new AtomicReference<>(Behaviour.answer());
    private final Queue<Behaviour> script = new ConcurrentLinkedQueue<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Queue<Map<String, String>> callHeaders = new ConcurrentLinkedQueue<>();
    /** May hold nulls (calls without an id), so a synchronized list rather than a concurrent queue. */
    private final List<String> callRequestIds = Collections.synchronizedList(new ArrayList<>());
    private final List<String> callMeta = Collections.synchronizedList(new ArrayList<>());
    private final Queue<Map<String, String>> callTraceHeaders = new ConcurrentLinkedQueue<>();
    private final List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Long> callIds = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private final AtomicInteger mcpRequests = new AtomicInteger();
    private final Map<String, AtomicInteger> definitionVersions = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicBoolean announceListChanged =
            new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean eventStream;
    private volatile boolean sessionsRequired;
    /** The one protocol version spoken, or null for any: others are refused with 400, as old SDK servers do. */
    private volatile String onlyVersion;
    private volatile boolean initializeFails;
    private volatile boolean initializeHeld;
    private volatile boolean cancelNoticesHeld;
    private final AtomicInteger initializeRequests = new AtomicInteger();
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sessionsStarted = new AtomicInteger();
    private final List<String> sessionsEnded = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<String> streamSessions = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Tools listed with the input schema a test gave them instead of the usual one. */
    private final Map<String, Map<String, Object>> inputSchemas = new ConcurrentHashMap<>();
    private final List<Map<String, Object>> extraListed = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile int pageSize;
    private volatile int healthStatus = 200;
    private volatile int healthPadding;
    private volatile String healthSays;
    private volatile boolean listChangedInListings;
    private volatile String onlyHost;
    private final AtomicInteger listings = new AtomicInteger();
    private final Queue<OutputStream> openStreams = new ConcurrentLinkedQueue<>();
    private final AtomicInteger streamsOpened = new AtomicInteger();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile CountDownLatch release = new CountDownLatch(1);

    private FaultyMcpServer(String name, List<FakeTool> tools) throws IOException {
        this.name = name;
        this.tools = List.copyOf(tools);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/mcp", this::mcp);
        server.createContext("/health", exchange -> {
            Map<String, Object> page = new LinkedHashMap<>();
            page.put("status", healthSays != null ? healthSays : healthStatus == 200 ? "healthy" : "unhealthy");
            if (healthPadding > 0) {
                page.put("padding", "x".repeat(healthPadding));
            }
            respond(exchange, healthStatus, page);
        });
        server.start();
    }

    /** Starts a server publishing {@code tools} on a free port. */
    public static FaultyMcpServer start(String name, FakeTool... tools) {
        try {
            return new FaultyMcpServer(name, List.of(tools));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake MCP server '" + name + "'", e);
        }
    }

    public String name() {
        return name;
    }

    /** Answers its health endpoint with {@code status} from now on (200: healthy), as a server that is down does. */
    public FaultyMcpServer healthAnswers(int status) {
        healthStatus = status;
        return this;
    }

    /** Answers its health endpoint 200 with a page whose status is {@code word} from now on. */
    public FaultyMcpServer healthSays(String word) {
        healthSays = word;
        return healthAnswers(200);
    }

    /** Answers its health endpoint with {@code status} and a page of about {@code bytes} bytes from now on. */
    public FaultyMcpServer healthAnswers(int status, int bytes) {
        healthPadding = bytes;
        return healthAnswers(status);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How every tool call is answered from now on, once the queued ones are used up. */
    public FaultyMcpServer always(Behaviour behaviour) {
        standing.set(behaviour);
        return this;
    }

    /** How the next tool calls are answered, one behaviour each, before the standing one applies again. */
    public FaultyMcpServer next(Behaviour... behaviours) {
        script.addAll(List.of(behaviours));
        return this;
    }

    /** Tool calls received, of every tool. */
    public int calls() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    public int calls(String tool) {
        AtomicInteger count = calls.get(tool);
        return count == null ? 0 : count.get();
    }

    /** Tool calls being answered right now (hung or slow ones). */
    public int inFlight() {
        return inFlight.get();
    }

    /** The credentials each tool call arrived with, in order: its Authorization and X-API-Key headers, if any. */
    public List<Map<String, String>> callCredentials() {
        return List.copyOf(callHeaders);
    }

    /** The X-Request-ID each tool call arrived with, in order (null when it had none). */
    public List<String> callRequestIds() {
        synchronized (callRequestIds) {
            return Collections.unmodifiableList(new ArrayList<>(callRequestIds));
        }
    }

    /** The W3C trace context headers each tool call arrived with, in order (empty when it had none). */
    public List<Map<String, String>> callTraceHeaders() {
        return List.copyOf(callTraceHeaders);
    }

    /** The notifications clients sent, each as "method params-as-JSON in session-id", in order. */
    public List<String> notices() {
        return List.copyOf(notices);
    }

    /** The JSON-RPC ids of the tools/call requests received, in order. */
    public List<Long> callIds() {
        return List.copyOf(callIds);
    }

    /** The {@code params._meta} each tool call arrived with, as JSON, in order (null when it had none). */
    public List<String> callMeta() {
        synchronized (callMeta) {
            return Collections.unmodifiableList(new ArrayList<>(callMeta));
        }
    }

    /** How many TCP connections tool calls came over (each connection has its own client port). */
    public int connectionsSeen() {
        return clientPorts.size();
    }

    /** Requests of any kind to /mcp (initialize, tools/list, tools/call, GET). */
    public int mcpRequests() {
        return mcpRequests.get();
    }

    /** Changes the published definition of {@code tool} (its description), as a backend upgrade would. */
    public FaultyMcpServer changeDefinition(String tool) {
        definitionVersions.computeIfAbsent(tool, t -> new AtomicInteger()).incrementAndGet();
        return this;
    }

    /**
     * Answers the next tool call as an event stream that carries {@code notifications/tools/list_changed} before the
     * result, as a Streamable HTTP server may.
     */
    public FaultyMcpServer announceListChangedOnNextCall() {
        announceListChanged.set(true);
        return this;
    }

    /** Lists {@code tool} with {@code inputSchema} instead of its usual one (a string {@code q}). */
    public FaultyMcpServer listsWithInputSchema(String tool, Map<String, Object> inputSchema) {
        inputSchemas.put(tool, Map.copyOf(inputSchema));
        return this;
    }

    /** Lists these tool objects too, as given (names another tool has, names it should not use...). */
    @SafeVarargs
    public final FaultyMcpServer listsAlso(Map<String, Object>... definitions) {
        extraListed.addAll(List.of(definitions));
        return this;
    }

    /** Lists its tools {@code size} at a time, with MCP's {@code nextCursor}. */
    public FaultyMcpServer listsInPagesOf(int size) {
        pageSize = size;
        return this;
    }

    /** Answers 421 to every request to /mcp whose Host is not {@code host}, as an MCP server checking it does. */
    public FaultyMcpServer allowsOnlyHost(String host) {
        onlyHost = host;
        return this;
    }

    /** Says its tool list changed in every answer to tools/list, as a careless server may. */
    public FaultyMcpServer announcesListChangedInListings() {
        listChangedInListings = true;
        return this;
    }

    /** The tools/list requests it has answered. */
    public int listings() {
        return listings.get();
    }

    /**
     * Offers a server-to-client event stream from now on, as a stateful Streamable HTTP server does: initialize
     * starts a session, and a GET with it opens the stream. Without this, a GET is answered 405 (stateless).
     */
    public FaultyMcpServer offerEventStream() {
        eventStream = true;
        return this;
    }

    /**
     * Requires a session from now on, as the Python and TypeScript SDKs' default servers do: a POST without one is
     * answered 400, with one it did not start (or forgot) 404; initialize starts a new one.
     */
    public FaultyMcpServer requireSessions() {
        sessionsRequired = true;
        return this;
    }

    /** Answers initialize only at {@link #releaseHungCalls()} (or close), as a server slow to start a session. */
    public FaultyMcpServer holdInitialize() {
        initializeHeld = true;
        return this;
    }

    /**
     * Answers {@code notifications/cancelled} only at {@link #releaseHungCalls()} (or close), as a server whose every
     * worker is taken; each is recorded in {@link #notices()} as it arrives.
     */
    public FaultyMcpServer holdCancelNotices() {
        cancelNoticesHeld = true;
        return this;
    }

    /** Answers initialize with 503 from now on. */
    public void failInitialize() {
        initializeFails = true;
    }

    /** The initialize requests it got. */
    public int initializeRequests() {
        return initializeRequests.get();
    }

    /**
     * Speaks {@code version} alone, as a server of an older SDK: initialize answers with it, and any other request
     * whose {@code MCP-Protocol-Version} names another gets 400.
     */
    public FaultyMcpServer speakOnly(String version) {
        onlyVersion = version;
        return this;
    }

    /** Forgets every session, as a restarted server does. */
    public void forgetSessions() {
        sessions.clear();
    }

    /** Sessions initialize has started so far. */
    public int sessionsStarted() {
        return sessionsStarted.get();
    }

    /** The sessions clients ended (DELETE), in order. */
    public List<String> sessionsEnded() {
        return List.copyOf(sessionsEnded);
    }

    /** The session each event stream was opened in, in order. */
    public List<String> streamSessions() {
        return List.copyOf(streamSessions);
    }

    /** Event streams opened so far (GETs answered 200). */
    public int eventStreamsOpened() {
        return streamsOpened.get();
    }

    /** Sends {@code notifications/tools/list_changed} on every open event stream. */
    public void pushToolListChanged() throws IOException {
        byte[] event = ("event: message\ndata: " + mapper.writeValueAsString(Map.of("jsonrpc", "2.0", "method",
                "notifications/tools/list_changed")) + "\n\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (OutputStream out : openStreams) {
            synchronized (out) {
                out.write(event);
                out.flush();
            }
        }
    }

    /** Lets every hung or slow call answer now; later ones hang again. */
    public void releaseHungCalls() {
        CountDownLatch released = release;
        release = new CountDownLatch(1);
        released.countDown();
    }

    private void mcp(HttpExchange exchange) throws IOException {
        mcpRequests.incrementAndGet();
        if (onlyHost != null && !onlyHost.equals(exchange.getRequestHeaders().getFirst("Host"))) {
            respond(exchange, 421, Map.of("error", "host not allowed"));
            return;
        }
        if (exchange.getRequestMethod().equals("GET")) {
            stream(exchange);
            return;
        }
        if (exchange.getRequestMethod().equals("DELETE")) {
            String session = exchange.getRequestHeaders().getFirst("Mcp-Session-Id");
            sessionsEnded.add(String.valueOf(session));
            exchange.sendResponseHeaders(session != null && sessions.remove(session) ? 200 : 404, -1);
            exchange.close();
            return;
        }
        JsonNode request = mapper.readTree(exchange.getRequestBody());
        long id = request.path("id").asLong(0); // a string id (the gateway's initialize uses one): see initialize
        String method = request.path("method").asString("");
        String version = exchange.getRequestHeaders().getFirst("MCP-Protocol-Version");
        if (onlyVersion != null && !method.equals("initialize") && !onlyVersion.equals(version)) {
            respond(exchange, 400, Map.of("error", "Bad Request: Unsupported protocol version: " + version));
            return;
        }
        if (sessionsRequired && !method.equals("initialize")) {
            String session = exchange.getRequestHeaders().getFirst("Mcp-Session-Id");
            if (session == null || !sessions.contains(session)) {
                respond(exchange, session == null ? 400 : 404, Map.of("error", "no such session"));
                return;
            }
        }
        switch (method) {
            case "tools/list" -> listTools(exchange, id, request.path("params").path("cursor").asString("0"));
            case "tools/call" -> {
                JsonNode meta = request.path("params").get("_meta");
                callMeta.add(meta == null ? null : meta.toString());
                callIds.add(id);
                call(exchange, id, request.path("params").path("name").asString(""),
                        meta == null ? null : meta.get("progressToken"));
            }
            case "initialize" -> {
                initializeRequests.incrementAndGet();
                if (initializeHeld) {
                    awaitRelease(Duration.ofMinutes(1));
                }
                if (initializeFails) {
                    respond(exchange, 503, Map.of("error", "starting up"));
                    return;
                }
                if (sessionsRequired) {
                    String session = "session-" + sessionsStarted.incrementAndGet();
                    sessions.add(session);
                    exchange.getResponseHeaders().add("Mcp-Session-Id", session);
                } else if (eventStream) {
                    exchange.getResponseHeaders().add("Mcp-Session-Id", SESSION);
                }
                Map<String, Object> initialized = rpcResult(id, Map.of("protocolVersion",
                        onlyVersion == null ? "2025-06-18" : onlyVersion, "capabilities",
                        Map.of("tools", Map.of("listChanged", true)), "serverInfo", Map.of("name", name,
                                "version", "1")));
                initialized.put("id", request.path("id").isString() ? request.path("id").asString() : id);
                respond(exchange, 200, initialized);
            }
            default -> {
                if (method.startsWith("notifications/")) {
                    notices.add(method + " " + request.path("params") + " in "
                            + exchange.getRequestHeaders().getFirst("Mcp-Session-Id"));
                    if (cancelNoticesHeld && method.equals("notifications/cancelled")) {
                        awaitRelease(Duration.ofMinutes(1));
                    }
                    exchange.sendResponseHeaders(202, -1);
                    exchange.close();
                    return;
                }
                respond(exchange, 200, rpcResult(id, Map.of()));
            }
        }
    }

    /** Its tools and the raw extras, a page at a time when paged, in an event stream after a notification if asked. */
    private void listTools(HttpExchange exchange, long id, String cursor) throws IOException {
        listings.incrementAndGet();
        List<Map<String, Object>> all = new ArrayList<>(tools.stream().map(this::definition).toList());
        all.addAll(extraListed);
        int from = Integer.parseInt(cursor);
        int to = pageSize > 0 ? Math.min(all.size(), from + pageSize) : all.size();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("tools", all.subList(from, to));
        if (to < all.size()) {
            result.put("nextCursor", Integer.toString(to));
        }
        if (listChangedInListings) {
            respondAsStream(exchange, List.of(Map.of("jsonrpc", "2.0", "method", "notifications/tools/list_changed"),
                    rpcResult(id, result)));
        } else {
            respond(exchange, 200, rpcResult(id, result));
        }
    }

    private void call(HttpExchange exchange, long id, String tool, JsonNode progressToken) throws IOException {
        int n = calls.computeIfAbsent(tool, t -> new AtomicInteger()).incrementAndGet();
        clientPorts.add(exchange.getRemoteAddress().getPort());
        Map<String, String> credentials = new LinkedHashMap<>();
        for (String header : List.of("Authorization", "X-API-Key")) {
            String value = exchange.getRequestHeaders().getFirst(header);
            if (value != null) {
                credentials.put(header, value);
            }
        }
        callHeaders.add(credentials);
        callRequestIds.add(exchange.getRequestHeaders().getFirst("X-Request-ID"));
        Map<String, String> trace = new LinkedHashMap<>();
        for (String header : List.of("traceparent", "tracestate")) {
            List<String> lines = exchange.getRequestHeaders().get(header);
            if (lines != null) {
                trace.put(header, String.join(" | ", lines));
            }
        }
        callTraceHeaders.add(trace);
        Behaviour queued = script.poll();
        Behaviour behaviour = queued != null ? queued : standing.get();
        inFlight.incrementAndGet();
        try {
            switch (behaviour) {
                case Answer a when announceListChanged.getAndSet(false) -> respondAsStream(exchange, List.of(
                        Map.of("jsonrpc", "2.0", "method", "notifications/tools/list_changed"), success(id, tool, n)));
                case Answer a -> respond(exchange, 200, success(id, tool, n));
                case ToolError e -> respond(exchange, 200, rpcResult(id, toolResult(true, Map.of("success", false,
                        "error", Map.of("type", e.type(), "message", e.message(), "details", e.details())))));
                case OtherRequest o -> respond(exchange, 200, success(id + 1000, tool, n));
                case RpcError e -> respond(exchange, 200, Map.of("jsonrpc", "2.0", "id", id, "error",
                        e.data() == null ? Map.of("code", e.code(), "message", e.message())
                                : Map.of("code", e.code(), "message", e.message(), "data", e.data())));
                case HttpStatus s -> respond(exchange, s.status(), Map.of("error", "injected"));
                case StatusAskingToWait s -> {
                    exchange.getResponseHeaders().set("Retry-After", s.retryAfter());
                    respond(exchange, s.status(), Map.of("error", "injected"));
                }
                case StatusWithRpcError s -> respond(exchange, s.status(), ("{\"jsonrpc\":\"2.0\",\"id\":null,"
                        + "\"error\":{\"code\":" + s.code() + ",\"message\":\"injected\"}}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                case Drop d -> exchange.close();
                case Slow s -> {
                    awaitRelease(s.delay());
                    respond(exchange, 200, success(id, tool, n));
                }
                case SlowBody s -> respondSlowly(exchange, mapper.writeValueAsBytes(success(id, tool, n)), s.delay());
                case Large l -> respond(exchange, 200, rpcResult(id, toolResult(false, Map.of("success", true,
                        "data", Map.of("padding", "x".repeat(l.bytes()))))));
                case Progress p -> respondWithProgress(exchange, progressToken, p, success(id, tool, n));
                case RawData r -> respond(exchange, 200, ("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{"
                        + "\"content\":[],\"isError\":false,\"structuredContent\":{\"success\":true,\"data\":"
                        + r.json() + "}}}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                case RawMessage m -> respond(exchange, 200, m.template().replace("ID", String.valueOf(id))
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void awaitRelease(Duration delay) {
        try {
            release.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Map<String, Object> success(long id, String tool, int n) {
        return rpcResult(id, toolResult(false, Map.of("success", true,
                "data", Map.of("tool", tool, "served_by", name, "call", n))));
    }

    private Map<String, Object> toolResult(boolean isError, Map<String, Object> structured) {
        return Map.of("content", List.of(Map.of("type", "text", "text", mapper.writeValueAsString(structured))),
                "structuredContent", structured, "isError", isError);
    }

    private static Map<String, Object> rpcResult(long id, Map<String, Object> result) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("jsonrpc", "2.0");
        message.put("id", id);
        message.put("result", result);
        return message;
    }

    private Map<String, Object> definition(FakeTool tool) {
        AtomicInteger version = definitionVersions.get(tool.name());
        return Map.of("name", tool.name(), "description", "A tool for fault injection"
                        + (version == null ? "" : ", version " + (version.get() + 1)),
                "inputSchema", inputSchemas.getOrDefault(tool.name(), Map.of("type", "object", "properties",
                        Map.of("q", Map.of("type", "string")))),
                "annotations", Map.of("readOnlyHint", tool.readOnly(), "idempotentHint", tool.readOnly()));
    }

    private void respond(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        respond(exchange, status, mapper.writeValueAsBytes(body));
    }

    private void respond(HttpExchange exchange, int status, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void stream(HttpExchange exchange) throws IOException {
        String session = exchange.getRequestHeaders().getFirst("Mcp-Session-Id");
        if (!eventStream || !(SESSION.equals(session) || session != null && sessions.contains(session))) {
            exchange.getResponseHeaders().add("Allow", "POST");
            exchange.sendResponseHeaders(eventStream ? 400 : 405, -1);
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.flush();
        openStreams.add(out);
        streamSessions.add(session);
        streamsOpened.incrementAndGet();
        try {
            closing.await(); // open until the server closes
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void respondAsStream(HttpExchange exchange, List<Map<String, Object>> messages) throws IOException {
        StringBuilder stream = new StringBuilder();
        for (Map<String, Object> message : messages) {
            stream.append("event: message\ndata: ").append(mapper.writeValueAsString(message)).append("\n\n");
        }
        byte[] bytes = stream.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** An event stream of unknown length (chunked), each event sent as it is made. */
    private void respondWithProgress(HttpExchange exchange, JsonNode token, Progress progress,
            Map<String, Object> result) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(progress.status(), 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (String event : progress.events()) {
                out.write(("event: message\ndata: " + event.replace("TOKEN", String.valueOf(token)) + "\n\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.flush();
                awaitRelease(progress.gap());
            }
            for (int step = 1; token != null && step <= progress.steps(); step++) {
                out.write(("event: message\ndata: " + mapper.writeValueAsString(Map.of("jsonrpc", "2.0", "method",
                        "notifications/progress", "params", Map.of("progressToken", token, "progress", step,
                                "total", progress.steps(), "message", "step " + step))) + "\n\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.flush();
                awaitRelease(progress.gap());
            }
            out.write(("event: message\ndata: " + mapper.writeValueAsString(result) + "\n\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the gateway closed the connection
        }
    }

    private void respondSlowly(HttpExchange exchange, byte[] bytes, Duration delay) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes, 0, bytes.length / 2);
            out.flush();
            awaitRelease(delay);
            out.write(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
        } catch (IOException e) {
            // the gateway gave up on the slow body and closed the connection: what the test expects
        }
    }

    /** Releases hung calls, then stops. */
    @Override
    public void close() {
        release.countDown();
        closing.countDown();
        server.stop(0);
    }
}
