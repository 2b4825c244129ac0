package io.mcpgateway.gateway.backend;

import static io.mcpgateway.testsupport.ScriptedServer.readRequest;
import static io.mcpgateway.testsupport.ScriptedServer.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mcpgateway.gateway.config.BackendSettings;
import io.mcpgateway.gateway.config.ConnectionPoolSettings;
import io.mcpgateway.gateway.config.OutboundCredentials;
import io.mcpgateway.json.Json;
import io.mcpgateway.testsupport.ScriptedServer;

/**
 * A backend (or a proxy in front of it) that sent one answer too many on a keep-alive connection, such as a stray
 * duplicate whose bytes arrived late: every later exchange on that connection reads the answer meant for the one
 * before it. The gateway sees "answered another request" and must not use that connection again; kept in the pool, it
 * failed every call made on it for as long as calls kept it busy (a drill: one stray answer under steady load failed
 * every following call and opened the backend's circuit breaker).
 */
@Timeout(60)
class McpBackendClientStaleAnswerTest {

    private static final String RESULT = "{\"structuredContent\":{\"success\":true,\"data\":{\"answer\":42}},"
            + "\"content\":[]}";

    @AutoClose
    private ScriptedServer server;
    @AutoClose
    private McpBackendClient client; // closed before or after the server: either way its connections end

    private static String answer(String id) {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":" + RESULT + "}";
        return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n"
                + body;
    }

    @Test
    void aConnectionThatAnsweredAnotherRequestIsNotUsedAgain() throws Exception {
        // each connection answers its first request, then is one answer behind: the second request gets the first's
        // answer again (the stray one), each later one the answer of the request before it
        server = new ScriptedServer(socket -> {
            InputStream in = socket.getInputStream();
            String owed = null;
            for (String request; (request = readRequest(in)) != null; ) {
                String id = McpBackendClientEventStreamTest.id(request);
                if (owed == null) {
                    send(socket, answer(id));
                    owed = id; // the stray: the same answer once more, with the next request
                } else {
                    send(socket, answer(owed));
                    owed = id;
                }
            }
        });
        URI base = server.uri("");
        BackendSettings defaults = BackendSettings.withDefaults("alpha", base);
        BackendSettings settings = new BackendSettings("alpha", base, "/mcp", "/health", true,
                defaults.connectTimeout(), defaults.requestTimeout(), defaults.totalTimeout(),
                ConnectionPoolSettings.defaults(), OutboundCredentials.none(), List.of(), true);
        client = new McpBackendClient(settings, new BackendConnections(settings), Map::of, Json.newMapper());

        assertThat(client.callTool("lookup", Map.of()).isSuccess()).isTrue();
        assertThatThrownBy(() -> client.callTool("lookup", Map.of())).isInstanceOf(BackendFailure.class)
                .hasMessageContaining("answered another request");

        assertThat(client.callTool("lookup", Map.of()).isSuccess())
                .as("the next call, on a connection of its own").isTrue();
        assertThat(server.accepted()).isEqualTo(2);
    }
}
