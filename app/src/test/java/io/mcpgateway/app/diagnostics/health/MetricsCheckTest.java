package io.mcpgateway.app.diagnostics.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.mcpgateway.app.diagnostics.Check;
import io.mcpgateway.app.diagnostics.HttpProbe;
import io.mcpgateway.json.Json;
import io.mcpgateway.testsupport.FixedAnswerServer;

/** The health command's metrics line: the gateway's counts, or a warning when the address answers something else. */
class MetricsCheckTest {

    private static Check metricsOf(String body) {
        try (FixedAnswerServer server = new FixedAnswerServer().answer("/metrics", 200, body);
                HttpClient http = HttpClient.newHttpClient()) {
            return new GatewayChecks(new HttpProbe(http, Duration.ofSeconds(5)), Json.newMapper())
                    .metrics(URI.create(server.url()));
        }
    }

    @Test
    void theGatewaysMetricsPassWithTheirCounts() {
        assertThat(metricsOf("{\"requests\": {\"total\": 12, \"errors\": 1}, \"auth\": {\"failures\": 2}}"))
                .isEqualTo(Check.pass(GatewayChecks.METRICS, "12 requests served, 1 error, 2 authentication failures"));
    }

    @Test
    void anotherAnswerUnderTheSamePathIsAWarningNotAPass() {
        Check page = metricsOf("<html>hello</html>");

        assertThat(page.status()).isEqualTo(Check.warn(GatewayChecks.METRICS, "x").status());
        assertThat(page.detail()).endsWith("answered HTTP 200, but not with the gateway's metrics (no requests"
                + " counts): is --url the gateway?");
    }
}
