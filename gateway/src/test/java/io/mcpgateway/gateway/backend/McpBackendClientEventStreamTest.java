package io.mcpgateway.gateway.backend;

import static io.mcpgateway.testsupport.ScriptedServer.readRequest;
import static io.mcpgateway.testsupport.ScriptedServer.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mcpgateway.gateway.config.BackendSettings;
import io.mcpgateway.gateway.config.ConnectionPoolSettings;
import io.mcpgateway.gateway.config.OutboundCredentials;
import io.mcpgateway.json.Json;
import io.mcpgateway.testsupport.ScriptedServer;

/**
 * Backends that answer calls with an event stream as third-party servers do: some keep the stream open after the
 * response (Streamable HTTP lets them), some end their lines with a bare CR (server-sent events allow it).
 */
@Timeout(60)
class McpBackendClientEventStreamTest {

    /** Far longer than any answer here takes: a call that waits for a stream's end fails at it. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
    private static final String RESULT = "{\"structuredContent\":{\"success\":true,\"data\":{\"answer\":42}},"
            + "\"content\":[]}";
    private static final String LIST_CHANGED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}";

    private final CountDownLatch testOver = new CountDownLatch(1);
    private ScriptedServer server;
    private McpBackendClient client;

    @AfterEach
    void stop() throws IOException {
        testOver.countDown();
        if (client != null) {
            client.close();
        }
        server.close();
    }

    private McpBackendClient client() {
        URI base = server.uri("");
        BackendSettings defaults = BackendSettings.withDefaults("alpha", base);
        BackendSettings settings = new BackendSettings("alpha", base, "/mcp", "/health", true,
                defaults.connectTimeout(), REQUEST_TIMEOUT, defaults.totalTimeout(), ConnectionPoolSettings.defaults(),
                OutboundCredentials.none(), List.of(), true);
        client = new McpBackendClient(settings, new BackendConnections(settings), Map::of, Json.newMapper());
        return client;
    }

    /** The request's JSON-RPC id, as the gateway writes it (a number, or the session start's string). */
    static String id(String request) {
        int at = request.indexOf("\"id\":") + 5;
        int end = at;
        while (end < request.length() && request.charAt(end) != ',' && request.charAt(end) != '}') {
            end++;
        }
        return request.substring(at, end);
    }

    /** The outcome's data as JSON, however it was read (a tree, or a slice of the answer). */
    private static String data(ToolOutcome outcome) {
        assertThat(outcome.isSuccess()).isTrue();
        return Json.newMapper().writeValueAsString(outcome.data());
    }

    private static String response(String id, String result) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":" + result + "}";
    }

    /** Calls the tool, and checks its result and the one list_changed notification the stream carried before it. */
    private void assertTheCallReturnsItsResultAndTheListChangedBeforeIt() throws Exception {
        AtomicInteger listChanged = new AtomicInteger();
        McpBackendClient backend = client();
        backend.onToolListChanged(listChanged::incrementAndGet);

        ToolOutcome outcome = backend.callTool("lookup", Map.of());

        assertThat(data(outcome)).isEqualTo("{\"answer\":42}");
        assertThat(listChanged).hasValue(1);
    }

    /** A chunked event stream of {@code events}, one chunk each, whose end is not sent. */
    private static void openStream(Socket socket, String extraFields, String... events) throws IOException {
        StringBuilder stream = new StringBuilder("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                + extraFields + "Transfer-Encoding: chunked\r\n\r\n");
        for (String event : events) {
            String text = "event: message\ndata: " + event + "\n\n";
            stream.append(Integer.toHexString(text.getBytes(StandardCharsets.UTF_8).length)).append("\r\n")
                    .append(text).append("\r\n");
        }
        send(socket, stream.toString());
    }

    @Test
    void aToolCallAnsweredOnAStreamLeftOpenReturnsItsResultAndTheNotificationBeforeIt() throws Exception {
        server = new ScriptedServer(socket -> {
            String request = readRequest(socket.getInputStream());
            openStream(socket, "", LIST_CHANGED, response(id(request), RESULT));
            testOver.await(); // the stream stays open: as a server that ends it late, or never
        });

        assertTheCallReturnsItsResultAndTheListChangedBeforeIt();
    }

    @Test
    void numbersReadFromAnEventStreamArePassedOnAsWrittenNotRoundedOrMadeInfinite() throws Exception {
        String numbers = "{\"big\":1e400,\"fine\":0.10000000000000000000001,\"long\":12345678901234567890123}";
        AtomicInteger calls = new AtomicInteger();
        server = new ScriptedServer(socket -> {
            InputStream in = socket.getInputStream();
            for (String request; (request = readRequest(in)) != null; ) {
                // the structured content, then a result with the data as JSON in its text only
                String result = calls.incrementAndGet() == 1
                        ? "{\"structuredContent\":{\"success\":true,\"data\":" + numbers + "},\"content\":[]}"
                        : "{\"content\":[{\"type\":\"text\",\"text\":\"" + numbers.replace("\"", "\\\"") + "\"}]}";
                String event = "event: message\ndata: " + response(id(request), result) + "\n\n";
                send(socket, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Length: "
                        + event.length() + "\r\n\r\n" + event);
            }
        });
        McpBackendClient backend = client();

        String exact = "{\"big\":1E+400,\"fine\":0.10000000000000000000001,\"long\":12345678901234567890123}";
        assertThat(data(backend.callTool("lookup", Map.of()))).isEqualTo(exact);
        assertThat(data(backend.callTool("lookup", Map.of()))).isEqualTo(exact);
    }

    @Test
    void mediaTypesAreReadWhateverTheirCase() throws Exception {
        AtomicInteger connections = new AtomicInteger();
        server = new ScriptedServer(socket -> {
            String request = readRequest(socket.getInputStream());
            if (connections.incrementAndGet() == 1) {
                // an event stream left open: read as one, the call ends at its response, not at its timeout
                String event = "event: message\ndata: " + response(id(request), RESULT) + "\n\n";
                send(socket, "HTTP/1.1 200 OK\r\nContent-Type: Text/Event-Stream; Charset=UTF-8\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(event.length()) + "\r\n"
                        + event + "\r\n");
                testOver.await();
            } else {
                String answer = response(id(request), RESULT);
                send(socket, "HTTP/1.1 200 OK\r\nContent-Type: Application/JSON\r\nContent-Length: "
                        + answer.length() + "\r\n\r\n" + answer);
            }
        });
        McpBackendClient backend = client();

        assertThat(data(backend.callTool("lookup", Map.of()))).isEqualTo("{\"answer\":42}");
        assertThat(data(backend.callTool("lookup", Map.of()))).isEqualTo("{\"answer\":42}");
    }

    @Test
    void aSessionWhoseInitializeIsAnsweredOnAStreamLeftOpenStartsAndServesTheCall() throws Exception {
        server = new ScriptedServer(socket -> {
            InputStream in = socket.getInputStream();
            for (String request; (request = readRequest(in)) != null; ) {
                if (request.contains("\"method\":\"initialize\"")) {
                    openStream(socket, "Mcp-Session-Id: s-1\r\n", response(id(request), "{\"protocolVersion\":"
                            + "\"2025-06-18\",\"capabilities\":{},\"serverInfo\":{\"name\":\"x\",\"version\":\"1\"}}"));
                    testOver.await();
                } else if (!request.contains("Mcp-Session-Id: s-1")) {
                    send(socket, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
                } else if (request.contains("notifications/initialized")) {
                    send(socket, "HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n");
                } else {
                    String answer = response(id(request), RESULT);
                    send(socket, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                            + answer.length() + "\r\n\r\n" + answer);
                }
            }
        });

        ToolOutcome outcome = client().callTool("lookup", Map.of());

        assertThat(data(outcome)).isEqualTo("{\"answer\":42}");
    }

    @Test
    void aStreamWhoseLinesEndWithABareCrIsRead() throws Exception {
        server = new ScriptedServer(socket -> {
            InputStream in = socket.getInputStream();
            for (String request; (request = readRequest(in)) != null; ) {
                String stream = ("event: message\rdata: " + LIST_CHANGED + "\r\revent: message\rdata: "
                        + response(id(request), RESULT) + "\r\r");
                send(socket, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Length: "
                        + stream.length() + "\r\n\r\n" + stream);
            }
        });

        assertTheCallReturnsItsResultAndTheListChangedBeforeIt();
    }
}
