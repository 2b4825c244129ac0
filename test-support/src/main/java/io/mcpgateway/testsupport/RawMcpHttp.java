package io.mcpgateway.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Sends hand-made HTTP requests to an MCP endpoint, for the wrong inputs a well-behaved SDK client never sends
 * (malformed JSON-RPC, huge bodies, foreign Host or Origin headers).
 */
public final class RawMcpHttp {

    public static final String ACCEPT = "application/json, text/event-stream";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI uri;

    public RawMcpHttp(int port) {
        this.uri = URI.create("http://127.0.0.1:" + port + "/mcp");
    }

    /** POSTs {@code body} with the headers a valid client sends, plus or overriding {@code headers} (name, value...). */
    public HttpResponse<String> post(String body, String... headers) {
        return post(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), headers);
    }

    /** POSTs bytes as they are, for bodies that are not UTF-8. */
    public HttpResponse<String> post(byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("Accept", ACCEPT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    /** GETs {@code path} with {@code headers} (name, value...). */
    public HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri.resolve(path)).timeout(Duration.ofSeconds(20)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    /** Sends {@code method} (TRACE, OPTIONS...) without a body, with {@code headers} (name, value...). */
    public HttpResponse<String> send(String method, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    /** A tools/call request body. */
    public static String toolCall(String tool, String argumentsJson) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
                + "\",\"arguments\":" + argumentsJson + "}}";
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("request to " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
