package io.mcpgateway.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;

import io.mcpgateway.gateway.GatewayFixture;

/** Probes and scrapes answered are DEBUG lines of the access log; every other request stays an INFO line. */
@Timeout(60)
class RoutineAccessLinesIntegrationTest {

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
}
