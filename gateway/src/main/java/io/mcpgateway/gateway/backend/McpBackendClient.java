package io.mcpgateway.gateway.backend;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import io.mcpgateway.gateway.config.BackendSettings;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls a stateless Streamable HTTP MCP server with plain JSON-RPC POSTs: one request, one answer, no session. It
 * measured about 4x faster than the SDK client for this (ARCHITECTURE.md), which is the gateway's hot path. The
 * caller's token is never sent: backends see only the gateway.
 */
public final class McpBackendClient {

    /** The protocol revision the gateway speaks to backends. */
    public static final String PROTOCOL_VERSION = "2025-06-18";

    private final BackendSettings settings;
    private final HttpClient http;
    private final JsonMapper mapper;
    private final AtomicLong ids = new AtomicLong();

    public McpBackendClient(BackendSettings settings, HttpClient http, JsonMapper mapper) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = Objects.requireNonNull(http, "http");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    public String name() {
        return settings.name();
    }

    public BackendSettings settings() {
        return settings;
    }

    /** Calls {@code tool}; a tool's own error is an outcome, a failure to get one is a {@link BackendFailure}. */
    public ToolOutcome callTool(String tool, Map<String, Object> arguments) throws BackendFailure {
        return callTool(tool, arguments, settings.requestTimeout());
    }

    /**
     * Calls {@code tool}, waiting at most {@code timeout} for the answer: the request timeout, or less when the
     * caller's overall deadline is nearer.
     */
    public ToolOutcome callTool(String tool, Map<String, Object> arguments, Duration timeout) throws BackendFailure {
        JsonNode result = request("tools/call", Map.of("name", tool, "arguments", arguments), timeout);
        return ToolResultReader.read(result, mapper).withResult(result);
    }

    /** The backend's {@code tools/list} result ({@code {"tools": [...]}}). */
    public JsonNode listTools() throws BackendFailure {
        return request("tools/list", Map.of(), settings.requestTimeout());
    }

    private JsonNode request(String method, Map<String, Object> params, Duration timeout) throws BackendFailure {
        long id = ids.incrementAndGet();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jsonrpc", "2.0");
        body.put("id", id);
        body.put("method", method);
        body.put("params", params);
        HttpRequest request = HttpRequest.newBuilder(settings.mcpEndpoint())
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", PROTOCOL_VERSION)
                .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)))
                .build();
        HttpResponse<byte[]> response = send(request, timeout);
        if (response.statusCode() != 200) {
            throw new BackendFailure(BackendFailure.Kind.UNAVAILABLE, name(), response.statusCode(),
                    "backend '" + name() + "' answered HTTP " + response.statusCode() + " to " + method);
        }
        JsonNode message = JsonRpcResponses.parse(response, id, mapper, name());
        JsonNode error = message.get("error");
        if (error != null && !error.isNull()) {
            throw new BackendFailure(BackendFailure.Kind.PROTOCOL, name(), "backend '" + name() + "' answered "
                    + method + " with JSON-RPC error " + error.path("code").asInt() + ": "
                    + error.path("message").asString(""));
        }
        JsonNode result = message.get("result");
        if (result == null || !result.isObject()) {
            throw new BackendFailure(BackendFailure.Kind.PROTOCOL, name(), "backend '" + name()
                    + "' answered " + method + " without a result");
        }
        return result;
    }

    private HttpResponse<byte[]> send(HttpRequest request, Duration timeout) throws BackendFailure {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new BackendFailure(BackendFailure.Kind.TIMEOUT, name(), "backend '" + name()
                    + "' did not answer within " + timeout.toMillis() + " ms");
        } catch (ConnectException e) {
            throw new BackendFailure(BackendFailure.Kind.UNAVAILABLE, name(), "backend '" + name()
                    + "' refused the connection");
        } catch (IOException e) {
            throw new BackendFailure(BackendFailure.Kind.UNAVAILABLE, name(), "backend '" + name() + "' failed: "
                    + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendFailure(BackendFailure.Kind.UNAVAILABLE, name(), "interrupted");
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
}
