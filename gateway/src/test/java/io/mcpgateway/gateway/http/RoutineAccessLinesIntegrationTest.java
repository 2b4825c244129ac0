package io.mcpgateway.gateway.http;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;

import io.mcpgateway.gateway.CapturedLogs;
import io.mcpgateway.gateway.GatewayFixture;
import io.mcpgateway.gateway.health.BackendHealthMonitor;
import io.mcpgateway.json.Json;
import tools.jackson.databind.JsonNode;

/**
 * Probes and scrapes answered are DEBUG lines of the access log, and so are probes told the gateway is unavailable;
 * every other request stays an INFO line.
 */
@Timeout(60)
class RoutineAccessLinesIntegrationTest {

    @TempDir
    Path dir;

    @Test
    void answeredProbesAndScrapesAreDebugLinesAndACallIsAnInfoLine() {
        try (AccessLines access = new AccessLines(); GatewayFixture system = new GatewayFixture()) {
            ((Logger) LoggerFactory.getLogger("access")).setLevel(Level.DEBUG);
            for (String path : new String[] {"/health", "/health/live", "/health/ready", "/metrics",
                "/metrics/prometheus"}) {
                assertThat(system.get(path).statusCode()).as(path).isEqualTo(200);
            }
            assertThat(system.postWithToken("/api/v1/restaurants/search/district", "{\"districts\":[\"Central\"]}")
                    .statusCode()).isEqualTo(200);
            assertThat(system.get("/health/nothing").statusCode()).isEqualTo(404);

            assertThat(access.events())
                    .filteredOn(e -> e.getFormattedMessage().matches("GET /(health|metrics)\\S* 200 .*")).hasSize(5)
                    .extracting(ILoggingEvent::getLevel).containsOnly(Level.DEBUG);
            assertThat(access.events()).filteredOn(e -> e.getFormattedMessage().startsWith("POST /api/v1/"))
                    .extracting(ILoggingEvent::getLevel).containsExactly(Level.INFO);
            assertThat(access.events()).filteredOn(e -> e.getFormattedMessage().startsWith("GET /health/nothing 404"))
                    .extracting(ILoggingEvent::getLevel).containsExactly(Level.INFO);
        }
    }

    /**
     * During an outage every load balancer and orchestrator probes every pod every few seconds: each 503 is the verdict
     * asked for, which the health monitor logs once per change. A call the outage fails stays an error.
     */
    @Test
    void probesToldTheGatewayIsUnavailableAreDebugLinesCountedApartFromServerErrors() throws IOException {
        Path file = Files.writeString(dir.resolve("gateway.yaml"), "health: {probe_interval_seconds: 1}\n");
        try (CapturedLogs monitorLines = CapturedLogs.of(BackendHealthMonitor.class);
                AccessLines access = new AccessLines(); GatewayFixture system = new GatewayFixture(Map.of(), file)) {
            ((Logger) LoggerFactory.getLogger("access")).setLevel(Level.DEBUG);
            system.search.close();
            system.reasoning.close();

            // three failed probes in a row: the monitor had the chance to say it more than once
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThatJson(system.get("/health").body())
                    .inPath("backends.restaurant-search.consecutive_failures").asNumber()
                    .isGreaterThanOrEqualTo(BigDecimal.valueOf(3)));
            assertThat(system.get("/health").statusCode()).isEqualTo(503);
            assertThat(system.get("/health/ready").statusCode()).isEqualTo(503);
            HttpResponse<String> call = system.postWithToken("/api/v1/restaurants/search/district",
                    "{\"districts\":[\"Central\"]}");
            assertThat(call.statusCode()).as(call.body()).isEqualTo(503);

            assertThat(access.events()).filteredOn(e -> e.getFormattedMessage().matches("GET /health\\S* 503 .*"))
                    .hasSizeGreaterThanOrEqualTo(2).extracting(ILoggingEvent::getLevel).containsOnly(Level.DEBUG);
            assertThat(access.events()).filteredOn(e -> e.getFormattedMessage().startsWith("POST /api/v1/"))
                    .extracting(ILoggingEvent::getLevel).containsExactly(Level.INFO);
            assertThat(system.get("/metrics/prometheus").body())
                    .contains("gateway_requests_seconds_count{method=\"GET\",outcome=\"unavailable\","
                            + "route=\"/health\",status=\"503\"}")
                    .contains("gateway_requests_seconds_count{method=\"GET\",outcome=\"unavailable\","
                            + "route=\"/health/ready\",status=\"503\"}")
                    .doesNotContainPattern("outcome=\"server_error\",route=\"/health")
                    .containsPattern("outcome=\"server_error\",route=\"/api/v1/restaurants/search/district\"");
            assertThatJson(system.get("/metrics").body()).inPath("requests.errors").as("the call alone").isEqualTo(1);
            long statusErrors = 0;
            for (JsonNode interval : Json.newMapper().readTree(system.get("/status/data").body()).path("series")) {
                statusErrors += interval.path("errors").asLong();
            }
            assertThat(statusErrors).as("/status's errors: the call alone").isEqualTo(1);
            assertThat(monitorLines.events()).extracting(ILoggingEvent::getFormattedMessage)
                    .filteredOn(m -> m.startsWith("Backend 'restaurant-search' is unhealthy")).hasSize(1);
        }
    }
}
