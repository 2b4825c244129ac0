package io.mcpgateway.gateway.backend;

import static io.mcpgateway.gateway.backend.FaultInjectionGateway.ALPHA_LOOKUP;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mcpgateway.gateway.backend.FaultyMcpServer.Behaviour;

/**
 * What the gateway's health probes make of its backends as third-party MCP servers behave: one restarted with other
 * tools, one without a health page, one whose breaker is open while its probes pass.
 */
@Timeout(60)
class BackendHealthProbeIntegrationTest {

    private static final String TOOLS_LIST = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}";
    private static final Map<String, Object> FRESH_TOOL = Map.of("name", "fresh", "description", "A tool added by"
            + " the backend's new version", "inputSchema", Map.of("type", "object"));

    /** Alpha and beta, probed every second, alpha with {@code alphaSettings} (", key: value" YAML). */
    private static FaultInjectionGateway gateway(String alphaSettings, String resilience) {
        return new FaultInjectionGateway(2_000, 2_000, resilience, alphaSettings, Map.of());
    }

    private static HttpResponse<String> callFresh(FaultInjectionGateway env) {
        return env.postMcp("""
                {"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"fresh","arguments":{}}}""");
    }

    /** Waits until alpha's entry in {@code /health} has {@code value} at {@code path}. */
    private static void awaitAlpha(FaultInjectionGateway env, String path, String value) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThatJson(env.get("/health").body())
                .inPath("backends.alpha." + path).asString().isEqualTo(value));
    }

    @Nested
    class Recovery {

        @Test
        void aBackendBackFromAnOutageHasItsToolsReadAgainSoItsNewToolCanBeCalled() {
            try (var env = gateway("", "{max_attempts: 1}")) {
                assertThatJson(callFresh(env).body()).inPath("error.message").asString()
                        .startsWith("Unknown tool: fresh");
                env.alpha.healthAnswers(503); // stopped
                awaitAlpha(env, "status", "unhealthy");

                env.alpha.listsAlso(FRESH_TOOL).healthAnswers(200); // restarted, in a version with one tool more

                // at the next probe, not at the periodic refresh (every 300 s)
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThatJson(callFresh(env).body())
                        .inPath("result.isError").isEqualTo(false));
                assertThat(env.alpha.calls("fresh")).isEqualTo(1);
            }
        }
    }

    @Nested
    class WithoutAHealthPage {

        @Test
        void anEmptyHealthPathProbesTheBackendWithToolsListAndItIsHealthyAndReady() {
            try (var env = gateway(", health_path: \"\"", "{max_attempts: 1}")) {
                env.alpha.healthAnswers(404); // as most third-party MCP servers: their /health is not found

                await().atMost(Duration.ofSeconds(10)).during(Duration.ofMillis(1_500)).untilAsserted(() -> {
                    HttpResponse<String> health = env.get("/health");
                    assertThat(health.statusCode()).isEqualTo(200);
                    assertThatJson(health.body()).inPath("status").isEqualTo("healthy");
                    assertThatJson(health.body()).inPath("backends.alpha.status").isEqualTo("healthy");
                });
                assertThat(env.get("/health/ready").statusCode()).isEqualTo(200);

                // every probe asks for its tools: a new one shows without an outage, and a listing refused is down
                env.alpha.listsAlso(FRESH_TOOL);
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThatJson(env.postMcp(TOOLS_LIST)
                        .body()).inPath("result.tools[*].name").isArray().contains("fresh"));
                env.alpha.allowsOnlyHost("alpha.internal");
                awaitAlpha(env, "status", "unhealthy");
                assertThatJson(env.get("/health").body()).inPath("backends.alpha.last_error").asString()
                        .startsWith("its tools cannot be listed: ").contains("421");
            }
        }

        @Test
        void aHealthPageNotFoundOfABackendWhoseToolsCanBeListedSaysWhichSettingFitsIt() {
            try (var env = gateway("", "{max_attempts: 1}")) {
                env.alpha.healthAnswers(404);

                awaitAlpha(env, "last_error",
                        "HTTP 404 (no health page? set health_path: \"\" to probe with tools/list)");
                HttpResponse<String> health = env.get("/health");
                assertThatJson(health.body()).inPath("backends.alpha.status").isEqualTo("unhealthy");
                assertThat(health.body()).as("a public page").doesNotContain(env.alpha.url());

                // a 404 from a server that does not serve MCP either is no case for the setting
                env.alpha.allowsOnlyHost("alpha.internal");
                awaitAlpha(env, "last_error", "HTTP 404");
            }
        }
    }

    @Nested
    class OpenBreaker {

        /** Alpha's breaker opens after 4 failed calls and stays open for 10 minutes unless a probe finds it back. */
        private static final String BREAKER = "{max_attempts: 1, minimum_calls: 4, sliding_window_size: 4,"
                + " failure_rate_threshold_percent: 50, wait_in_open_seconds: 600, half_open_calls: 2}";

        @Test
        void noBackendServesWhileTheOnlyProbedOneHasItsBreakerOpenAndReadinessSaysSoAsHealthDoes() {
            try (var env = gateway("", BREAKER)) {
                env.beta.healthAnswers(503); // out: alpha is the only backend its probes find well
                env.alpha.always(Behaviour.httpStatus(503)); // its calls fail, its /health answers 200
                for (int i = 0; i < 4; i++) {
                    env.post(ALPHA_LOOKUP);
                }

                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    HttpResponse<String> health = env.get("/health");
                    assertThat(health.statusCode()).isEqualTo(503);
                    assertThatJson(health.body()).inPath("status").isEqualTo("unhealthy");
                    assertThatJson(health.body()).inPath("backends.beta.status").isEqualTo("unhealthy");
                });
                String health = env.get("/health").body();
                assertThatJson(health).inPath("backends.alpha.status").isEqualTo("healthy"); // its probe passes
                assertThatJson(health).inPath("backends.alpha.circuit_breaker").isEqualTo("open");
                assertThatJson(health).inPath("backends.alpha.serving").isEqualTo(false);
                assertThat(env.get("/metrics/prometheus").body()).as("the probe passes; calls are refused")
                        .contains("gateway_backend_up{backend=\"alpha\"} 1.0",
                                "gateway_backend_serving{backend=\"alpha\"} 0.0");
                HttpResponse<String> ready = env.get("/health/ready");
                assertThat(ready.statusCode()).isEqualTo(503);
                assertThatJson(ready.body()).isEqualTo(
                        "{\"status\":\"not_ready\",\"reason\":\"no backend serves (see /health)\"}");
            }
        }

        @Test
        void aHalfOpenBreakerCountsAsServingSoTheTrialCallsThatCloseItCanCome() {
            try (var env = gateway("", BREAKER)) {
                env.beta.healthAnswers(503);
                env.alpha.healthAnswers(503).always(Behaviour.httpStatus(503)); // down
                for (int i = 0; i < 4; i++) {
                    env.post(ALPHA_LOOKUP);
                }
                awaitAlpha(env, "status", "unhealthy");

                env.alpha.healthAnswers(200).always(Behaviour.answer()); // back: its breaker lets trial calls through
                awaitAlpha(env, "circuit_breaker", "half_open");

                HttpResponse<String> health = env.get("/health");
                assertThat(health.statusCode()).isEqualTo(200);
                assertThatJson(health.body()).inPath("status").isEqualTo("degraded");
                assertThatJson(health.body()).inPath("backends.alpha.serving").isEqualTo(true);
                assertThat(env.get("/health/ready").statusCode()).isEqualTo(200);
            }
        }
    }
}
