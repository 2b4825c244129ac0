package io.mcpgateway.app.diagnostics.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.mcpgateway.app.diagnostics.Check;
import io.mcpgateway.app.diagnostics.HttpProbe;
import io.mcpgateway.json.Json;

/** The health command's metrics line: the gateway's counts, or a warning when the address answers something else. */
class MetricsCheckTest {

    private static Check metricsOf(String body) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/metrics", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        try (HttpClient http = HttpClient.newHttpClient()) {
            return new GatewayChecks(new HttpProbe(http, Duration.ofSeconds(5)), Json.newMapper())
                    .metrics(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theGatewaysMetricsPassWithTheirCounts() throws Exception {
        assertThat(metricsOf("{\"requests\": {\"total\": 12, \"errors\": 1}, \"auth\": {\"failures\": 2}}"))
                .isEqualTo(Check.pass(GatewayChecks.METRICS, "12 requests served, 1 error, 2 authentication failures"));
    }

    @Test
    void anotherAnswerUnderTheSamePathIsAWarningNotAPass() throws Exception {
        Check page = metricsOf("<html>hello</html>");

        assertThat(page.status()).isEqualTo(Check.warn(GatewayChecks.METRICS, "x").status());
        assertThat(page.detail()).endsWith("answered HTTP 200, but not with the gateway's metrics (no requests"
                + " counts): is --url the gateway?");
    }
}
