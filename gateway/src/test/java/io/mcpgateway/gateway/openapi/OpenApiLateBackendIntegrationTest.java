package io.mcpgateway.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mcpgateway.gateway.GatewayFixture;
import io.mcpgateway.gateway.config.RouteSettings;
import io.mcpgateway.mcpkit.McpServerConfig;
import io.mcpgateway.mcpkit.McpServerHost;
import io.mcpgateway.reasoning.ReasoningServer;
import io.mcpgateway.testsupport.RefusingPort;
import tools.jackson.databind.JsonNode;

/** The document follows the tool registry: a backend that was down at start-up shows up once it serves. */
@Timeout(90)
class OpenApiLateBackendIntegrationTest {

    private static final RouteSettings RECOMMEND = RouteSettings.restaurantDefaults().get(3);

    @Test
    void aBackendThatStartsLateAppearsInTheDocumentWithoutARestart() throws IOException {
        RefusingPort lateBackend = new RefusingPort();
        int latePort = lateBackend.port();
        try (lateBackend; GatewayFixture late = new GatewayFixture(Map.of("MCP_REASONING_SERVER_URL",
                lateBackend.url()))) {
            JsonNode before = late.mapper.readTree(late.get("/openapi.json").body());
            JsonNode beforeOperation = before.path("paths").path(RECOMMEND.path()).path("post");
            assertThat(beforeOperation.path("x-mcp-tool").path("listed").asBoolean()).isFalse();
            assertThat(beforeOperation.path("responses").has("503")).isTrue();

            lateBackend.close(); // the backend comes up on the port
            try (McpServerHost reasoning = ReasoningServer.start(McpServerConfig.local(latePort), late.mapper,
                    Clock.systemUTC())) {
                assertThat(reasoning.port()).isEqualTo(latePort);
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    JsonNode after = late.mapper.readTree(late.get("/openapi.json").body());
                    JsonNode schema = after.path("paths").path(RECOMMEND.path()).path("post").path("requestBody")
                            .path("content").path("application/json").path("schema");
                    assertThat(schema.path("required").toString()).isEqualTo("[\"restaurants\"]");
                });
            }
        }
    }
}
