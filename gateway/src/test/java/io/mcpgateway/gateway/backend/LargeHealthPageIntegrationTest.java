package io.mcpgateway.gateway.backend;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A health page larger than the probe reads (256 KB) is health enough only when it is a 200: the same page with a
 * 503 is a backend that says it is down; and a 200 whose status says the server is down is believed.
 */
@Timeout(60)
class LargeHealthPageIntegrationTest {

    @Test
    void aBackendAnswering503WithALargeHealthPageIsUnhealthy() {
        try (FaultInjectionGateway env = new FaultInjectionGateway(2_000, 2_000, "{max_attempts: 1}")) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThatJson(env.get("/health").body())
                    .inPath("backends.alpha.status").isEqualTo("healthy"));

            env.alpha.healthAnswers(503, 300 * 1024);

            // a 503's page is not read: its size does not matter
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                String health = env.get("/health").body();
                assertThatJson(health).inPath("backends.alpha.status").isEqualTo("unhealthy");
                assertThatJson(health).inPath("backends.alpha.last_error").isEqualTo("HTTP 503");
            });
        }
    }

    @Test
    void aHealthPageOf200ThatSaysItIsUnhealthyIsBelievedAndDegradedInAnyCaseIsDegraded() {
        try (FaultInjectionGateway env = new FaultInjectionGateway(2_000, 2_000, "{max_attempts: 1}")) {
            env.alpha.healthSays("DOWN");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                String health = env.get("/health").body();
                assertThatJson(health).inPath("backends.alpha.status").isEqualTo("unhealthy");
                assertThatJson(health).inPath("backends.alpha.last_error").isEqualTo("its health page says down");
            });

            env.alpha.healthSays("Degraded");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                String health = env.get("/health").body();
                assertThatJson(health).inPath("backends.alpha.status").isEqualTo("healthy");
                assertThatJson(health).inPath("backends.alpha.reports").isEqualTo("degraded");
            });
        }
    }
}
