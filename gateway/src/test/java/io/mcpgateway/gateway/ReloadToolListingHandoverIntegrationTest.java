package io.mcpgateway.gateway;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload while a backend is down keeps that backend's last tool listing ({@link Handover}), as the running gateway
 * keeps it: the backend's tools stay in {@code /mcp}'s {@code tools/list} and {@code /tools/metadata}, and its REST
 * routes keep answering that the backend is unavailable, not that the tool is unknown. Before, a reload of the rate
 * limits during a backend's outage dropped its tools from the catalogue until it came back.
 */
@Timeout(60)
class ReloadToolListingHandoverIntegrationTest {

    private static final Map<String, String> FROM_FILE = ConfigReloadIntegrationTest.FROM_FILE;
    private static final String BASE = ConfigReloadIntegrationTest.BASE;
    private static final String ANALYZE = "{\"restaurants\": [{\"id\": \"r1\", \"name\": \"One\","
            + " \"sentiment\": {\"likes\": 1, \"dislikes\": 0, \"neutral\": 0}}]}";

    @TempDir
    Path dir;
    private Path file;
    private GatewayFixture system;

    @BeforeEach
    void start() throws IOException {
        file = dir.resolve("gateway.yaml");
        Files.writeString(file, BASE);
        system = new GatewayFixture(FROM_FILE, file);
    }

    @AfterEach
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aBackendDownDuringAReloadKeepsItsToolsListed() throws Exception {
        assertThat(system.get("/tools/metadata/analyze_restaurant_sentiment").statusCode()).isEqualTo(200);
        system.reasoning.close();
        Files.writeString(file, BASE + "cache: {ttl_seconds: 30}\n"); // a change that has nothing to do with tools

        HttpResponse<String> reloaded = onANewConnection(HttpRequest.newBuilder(system.url("/config/reload"))
                .header("Authorization", "Bearer " + system.adminToken())
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThatJson(reloaded.body()).inPath("data.reloaded").isEqualTo(true);

        assertThat(onANewConnection(HttpRequest.newBuilder(system.url("/tools/metadata/analyze_restaurant_sentiment")))
                .statusCode()).as("the tool described after the reload").isEqualTo(200);
        HttpResponse<String> listed = onANewConnection(HttpRequest.newBuilder(system.url("/mcp"))
                .header("Authorization", "Bearer " + system.token()).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}")));
        assertThat(listed.body()).as("/mcp tools/list after the reload").contains("\"analyze_restaurant_sentiment\"");
        HttpResponse<String> called = onANewConnection(HttpRequest.newBuilder(system.url("/api/v1/restaurants/analyze"))
                .header("Authorization", "Bearer " + system.token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ANALYZE)));
        assertThat(called.statusCode()).isEqualTo(503);
        assertThatJson(called.body()).inPath("error.code").isString().isNotEqualTo("TOOL_UNAVAILABLE");
    }

    private static HttpResponse<String> onANewConnection(HttpRequest.Builder request) {
        try (HttpClient fresh = HttpClient.newHttpClient()) {
            return fresh.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
