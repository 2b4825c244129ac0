package io.mcpgateway.gateway;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.mcpgateway.json.Json;
import io.mcpgateway.mcpkit.McpServerConfig;
import io.mcpgateway.mcpkit.McpServerHost;
import io.mcpgateway.restaurant.data.DataSetLoader;
import io.mcpgateway.restaurant.data.DirectoryDataSource;
import io.mcpgateway.restaurant.demo.DemoDataGenerator;
import io.mcpgateway.restaurant.search.PageRequest;
import io.mcpgateway.search.SearchServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A backend that serves but says it is degraded (a search server with a data file it could not read whole) makes the
 * gateway degraded too, where its /health said healthy and only the backend's own page told.
 */
@Timeout(60)
class DegradedBackendHealthIntegrationTest {

    private final JsonMapper mapper = Json.newMapper();

    @TempDir
    Path dir;

    @Test
    void aBackendThatSaysItIsDegradedIsHealthyButMakesTheGatewayDegraded() throws Exception {
        new DemoDataGenerator(mapper, 3).write(dir, 850, false, n -> { });
        Files.writeString(dir.resolve("restaurants/kowloon/mong-kok.json"), "{\"restaurants\": [ {\"id\": ");
        var dataSet = new DataSetLoader(mapper, Clock.systemUTC()).load(new DirectoryDataSource(dir));
        try (McpServerHost degraded = SearchServer.start(McpServerConfig.local(0), dataSet,
                PageRequest.DEFAULT_MAX_PAGE_SIZE, mapper, Clock.systemUTC());
                GatewayFixture system = new GatewayFixture(Map.of("MCP_SEARCH_SERVER_URL",
                        "http://127.0.0.1:" + degraded.port()))) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                HttpResponse<String> health = system.get("/health");
                assertThat(health.statusCode()).isEqualTo(200);
                assertThatJson(health.body()).inPath("status").isEqualTo("degraded");
                assertThatJson(health.body()).inPath("backends.restaurant-search.status").isEqualTo("healthy");
                assertThatJson(health.body()).inPath("backends.restaurant-search.reports").isEqualTo("degraded");
                assertThatJson(health.body()).inPath("backends.restaurant-reasoning").isObject()
                        .doesNotContainKey("reports");
            });
            assertThat(system.get("/metrics/prometheus").body()).as("for an alert: fewer results, probes passing")
                    .contains("gateway_backend_degraded{backend=\"restaurant-search\"} 1.0",
                            "gateway_backend_degraded{backend=\"restaurant-reasoning\"} 0.0",
                            "gateway_backend_serving{backend=\"restaurant-search\"} 1.0");
            // it serves what loaded: calls go on
            assertThat(system.postWithToken("/api/v1/restaurants/search/district",
                    "{\"districts\":[\"Admiralty\"]}").statusCode()).isEqualTo(200);
        }
    }
}
