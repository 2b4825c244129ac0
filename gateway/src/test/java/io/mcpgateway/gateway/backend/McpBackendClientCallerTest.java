package io.mcpgateway.gateway.backend;

import static io.mcpgateway.testsupport.ScriptedServer.readRequest;
import static io.mcpgateway.testsupport.ScriptedServer.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mcpgateway.gateway.config.BackendSettings;
import io.mcpgateway.json.Json;
import io.mcpgateway.testsupport.ScriptedServer;

/** Whom a call is for reaches a backend in the call's {@code _meta}, unless its settings say not to tell it. */
@Timeout(60)
class McpBackendClientCallerTest {

    private static final OnBehalfOf ALICE = new OnBehalfOf("alice@example.com", "web-app", Set.of("b", "a"));

    private final List<String> requests = new CopyOnWriteArrayList<>();
    @AutoClose
    private ScriptedServer server;
    @AutoClose
    private McpBackendClient client; // closed before or after the server: either way its connections end

    private void callWith(boolean sendCaller) throws Exception {
        server = new ScriptedServer(socket -> {
            InputStream in = socket.getInputStream();
            for (String request; (request = readRequest(in)) != null; ) {
                requests.add(request);
                String body = "{\"jsonrpc\":\"2.0\",\"id\":" + McpBackendClientEventStreamTest.id(request)
                        + ",\"result\":{\"content\":[]}}";
                send(socket, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                        + "\r\n\r\n" + body);
            }
        });
        URI base = server.uri("");
        BackendSettings defaults = BackendSettings.withDefaults("alpha", base);
        BackendSettings settings = new BackendSettings("alpha", base, "/mcp", "/health", true,
                defaults.connectTimeout(), defaults.requestTimeout(), defaults.totalTimeout(), defaults.pool(),
                defaults.credentials(), List.of(), sendCaller);
        client = new McpBackendClient(settings, new BackendConnections(settings), Map::of, Json.newMapper());

        assertThat(client.callTool("lookup", Map.of(), ResultForm.WHOLE, ALICE, defaults.requestTimeout())
                .isSuccess()).isTrue();
    }

    @Test
    void theCallerIsToldByDefault() throws Exception {
        callWith(BackendSettings.withDefaults("alpha", URI.create("http://127.0.0.1:1")).sendCaller());

        assertThat(requests).singleElement().asString().contains("\"io.mcpgateway/caller\":{\"subject\":"
                + "\"alice@example.com\",\"client_id\":\"web-app\",\"scopes\":[\"a\",\"b\"]}");
    }

    @Test
    void aBackendNotToBeToldLearnsNothingOfTheCaller() throws Exception {
        callWith(false);

        assertThat(requests).singleElement().asString().contains("\"name\":\"lookup\"")
                .doesNotContain("io.mcpgateway/caller", "alice", "web-app");
    }
}
