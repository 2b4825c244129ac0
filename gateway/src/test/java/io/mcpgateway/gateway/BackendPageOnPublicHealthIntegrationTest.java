package io.mcpgateway.gateway;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * What a backend answered instead of a JSON-RPC response is described for the log only: /health is public, and the
 * first characters of a proxy's or a wrong server's page may name internal addresses.
 */
@Timeout(60)
class BackendPageOnPublicHealthIntegrationTest {

    private static final String INTERNAL = "10.20.30.40:8081";

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A backend whose /mcp answers every request with {@code type} and {@code body}, and whose /health is 200. */
    private static HttpServer backendAnswering(String type, String body, String... headers) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health", e -> answer(e, 200, "application/json", "{\"status\":\"healthy\"}"));
        server.createContext("/mcp", e -> {
            for (int i = 0; i < headers.length; i += 2) {
                e.getResponseHeaders().add(headers[i], headers[i + 1]);
            }
            answer(e, 200, type, body);
        });
        server.start();
        return server;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a JSON-RPC error naming a host", "a Content-Encoding naming a host"})
    void whatABackendWroteInAFailedListingIsNotShownOnTheHealthPage(String how) throws IOException {
        HttpServer backend = how.startsWith("a JSON-RPC") ? backendAnswering("application/json",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32000,\"message\":\"upstream " + INTERNAL
                        + " refused\"}}")
                : backendAnswering("application/json", "{}", "Content-Encoding", "br; via=" + INTERNAL);
        try (GatewayFixture system = new GatewayFixture(Map.of("MCP_SEARCH_SERVER_URL",
                "http://127.0.0.1:" + backend.getAddress().getPort()))) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThatJson(system.get("/health").body())
                    .inPath("backends.restaurant-search.last_error").asString()
                    .startsWith("its tools cannot be listed"));

            assertThat(system.get("/health").body()).doesNotContain(INTERNAL);
            assertThat(system.get("/status/data").body()).doesNotContain(INTERNAL);
        } finally {
            backend.stop(0);
        }
    }

    @Test
    void theStartOfAPageABackendAnsweredIsNotShownOnTheHealthPage() throws IOException {
        HttpServer wrongServer = backendAnswering("text/html",
                "<html>upstream " + INTERNAL + " (app-7.internal) refused the connection</html>");
        try (GatewayFixture system = new GatewayFixture(Map.of("MCP_SEARCH_SERVER_URL",
                "http://127.0.0.1:" + wrongServer.getAddress().getPort()))) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThatJson(system.get("/health").body())
                    .inPath("backends.restaurant-search.last_error").asString()
                    .startsWith("its tools cannot be listed"));

            // JsonRpcResponses' description (type, size, first 80 characters) becomes the listing's last failure,
            // which BackendHealthMonitor puts in the backend's last_error on the public page
            assertThat(system.get("/health").body()).doesNotContain(INTERNAL).doesNotContain("app-7.internal");
        } finally {
            wrongServer.stop(0);
        }
    }
}
