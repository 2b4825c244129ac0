package io.mcpgateway.app.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The diagnostic commands against a system whose reasoning backend has crashed: each says which part is down, and
 * fails or warns as its help promises.
 */
@Timeout(60)
class StoppedBackendIntegrationTest {

    private static final String ANALYZE_BODY = "{\"restaurants\": [{\"id\": \"r1\", \"name\": \"Tea House\","
            + " \"sentiment\": {\"likes\": 5, \"dislikes\": 1, \"neutral\": 2}}]}";

    @RegisterExtension
    static final RunningSystem system = new RunningSystem();

    @BeforeAll
    static void stopTheReasoningServer() {
        system.stopReasoning();
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(http.send(HttpRequest.newBuilder(
                URI.create(system.gatewayUrl() + "/health")).build(), HttpResponse.BodyHandlers.ofString()).body())
                .contains("\"status\":\"degraded\"")
                // degraded is also what a backend not probed yet gives: wait for the probe that found it down
                .contains("\"last_error\":\"connection refused\""));
    }

    @Test
    void healthWarnsThatTheGatewayIsDegradedAndNamesTheBackendButPasses() {
        CommandRun run = CommandRun.of("health", "--url", system.gatewayUrl(), "--issuer", system.issuer());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.line("⚠️ gateway health")).contains("degraded").contains("1 of 2 backends not healthy");
        assertThat(run.line("✅ backend restaurant-search")).contains("healthy");
        assertThat(run.line("⚠️ backend restaurant-reasoning")).contains("unhealthy: connection refused");
        assertThat(run.lines()).last().isEqualTo("All 8 checks passed (2 warnings).");
    }

    @Test
    void strictHealthFailsOnADegradedGateway() {
        CommandRun run = CommandRun.of("health", "--url", system.gatewayUrl(), "--issuer", system.issuer(),
                "--strict");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.lines()).last().isEqualTo("2 of 8 checks failed (2 warnings, failures with --strict).");
    }

    @Test
    void validateConfigWithConnectivityNamesTheBackendThatDoesNotAnswer() {
        CommandRun run = CommandRun.of("validate-config", system.config().toString(), "--check-connectivity");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.line("✅ " + system.config())).endsWith("is a valid gateway configuration");
        assertThat(run.line("✅ OIDC discovery")).contains(system.issuer());
        assertThat(run.line("✅ backend restaurant-search")).contains("answered HTTP 200");
        assertThat(run.line("❌ backend restaurant-reasoning")).contains("/health: connection refused by 127.0.0.1:");
        assertThat(run.lines()).last().isEqualTo("1 of 4 checks failed.");
    }

    @Test
    void mcpPingOfTheStoppedBackendSaysTheConnectionWasRefused() {
        CommandRun run = CommandRun.of("mcp", "ping", system.reasoningMcpUrl(), "--timeout-ms", "5000");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.line("❌ initialize")).contains("connection refused by 127.0.0.1:");
        assertThat(run.out()).doesNotContain("ping:");
    }

    @Test
    void loadTestOnARouteOfTheStoppedBackendGroupsTheFailuresByErrorType() {
        CommandRun run = CommandRun.of("load-test", "--url", system.gatewayUrl(), "--token", system.accessToken(),
                "--endpoint", "/api/v1/restaurants/analyze", "--body", ANALYZE_BODY, "--requests", "12",
                "--concurrency", "3");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.line("Requests:")).isEqualTo("Requests:    12 (0 succeeded, 12 failed)");
        assertThat(run.out()).contains("Errors:\n  HTTP 503 ServiceUnavailableError (");
        assertThat(run.line("❌ success rate")).isEqualTo("❌ success rate 0.00% is below --min-success 99.00%");
    }
}
