package io.mcpgateway.gateway.browser;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Chrome DevTools Protocol client over the JDK's WebSocket: commands (optionally to an attached target's session)
 * answered by id, and every event kept in arrival order for the test to look at.
 */
public final class DevToolsConnection implements WebSocket.Listener, AutoCloseable {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final JsonMapper mapper;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;

    private DevToolsConnection(URI endpoint, HttpClient http, JsonMapper mapper) {
        this.mapper = mapper;
        this.socket = http.newWebSocketBuilder().connectTimeout(COMMAND_TIMEOUT).buildAsync(endpoint, this).join();
    }

    public static DevToolsConnection open(URI endpoint, HttpClient http, JsonMapper mapper) {
        return new DevToolsConnection(endpoint, http, mapper);
    }

    /** Sends a browser-level command and waits for its result; a protocol error fails. */
    public JsonNode send(String method, Map<String, ?> params) {
        return send(null, method, params);
    }

    /** Sends a command to the session of an attached target and waits for its result. */
    public JsonNode send(String sessionId, String method, Map<String, ?> params) {
        long id = ids.incrementAndGet();
        ObjectNode message = mapper.createObjectNode().put("id", id).put("method", method);
        message.set("params", mapper.valueToTree(params));
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        synchronized (socket) {
            socket.sendText(message.toString(), true).join();
        }
        try {
            JsonNode response = answer.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (response.has("error")) {
                throw new IllegalStateException(method + " failed: " + response.path("error"));
            }
            return response.path("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " was interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(method + " got no answer", e);
        } finally {
            pending.remove(id);
        }
    }

    /** The params of every event of this method that the session received so far. */
    public List<JsonNode> events(String sessionId, String method) {
        return events.stream().filter(e -> method.equals(e.path("method").asString()))
                .filter(e -> sessionId.equals(e.path("sessionId").asString()))
                .map(e -> e.path("params")).toList();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            JsonNode message = mapper.readTree(partial.toString());
            partial.setLength(0);
            if (message.has("id")) {
                CompletableFuture<JsonNode> answer = pending.get(message.path("id").asLong());
                if (answer != null) {
                    answer.complete(message);
                }
            } else {
                events.add(message);
            }
        }
        webSocket.request(1);
        return null;
    }

    /**
     * Says goodbye, then aborts the socket, so that it does not outlive the browser: once, in CI, the HttpClient's
     * close() waited for it with Chromium long gone.
     */
    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(2, TimeUnit.SECONDS)
                .whenComplete((closed, e) -> socket.abort());
    }
}
