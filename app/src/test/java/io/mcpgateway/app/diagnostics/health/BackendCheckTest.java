package io.mcpgateway.app.diagnostics.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.mcpgateway.app.diagnostics.Check;
import io.mcpgateway.json.Json;
import tools.jackson.databind.JsonNode;

/** The health command's line on a backend the probes find healthy, by its circuit breaker's state. */
class BackendCheckTest {

    private static Check healthyBehind(String breaker) {
        JsonNode state = Json.newMapper().readTree("""
                {"status":"healthy","latency_ms":2.5,"circuit_breaker":"%s"}""".formatted(breaker));
        return GatewayChecks.backend("search", state, true);
    }

    @Test
    void aClosedBreakerPasses() {
        assertThat(healthyBehind("closed")).isEqualTo(Check.pass("backend search",
                "healthy (probe 2.50 ms, circuit breaker closed)"));
    }

    @Test
    void anOpenBreakerFailsCallsFastAndAHalfOpenOneLetsTrialCallsThrough() {
        assertThat(healthyBehind("open")).isEqualTo(Check.warn("backend search", "healthy (probe 2.50 ms, circuit"
                + " breaker open): calls fail fast until the breaker lets trial calls through"));
        assertThat(healthyBehind("half_open")).isEqualTo(Check.warn("backend search", "healthy (probe 2.50 ms,"
                + " circuit breaker half_open): a few trial calls go through; the breaker closes if they succeed,"
                + " opens again if not"));
    }
}
