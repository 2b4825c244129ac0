package io.mcpgateway.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.mcpgateway.gateway.config.BackendSettings;
import io.mcpgateway.gateway.config.ResilienceSettings;
import io.mcpgateway.gateway.metrics.GatewayMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** What a reload's new gateway takes of the replaced one's circuit breakers. */
class BackendResilienceTest {

    private static BackendResilience resilience() {
        List<BackendSettings> backends = List.of(
                BackendSettings.withDefaults("alpha", URI.create("http://alpha:8080")),
                BackendSettings.withDefaults("beta", URI.create("http://beta:8080")),
                BackendSettings.withDefaults("gamma", URI.create("http://gamma:8080")));
        return new BackendResilience(backends, ResilienceSettings.defaults(), (backend, tool) -> false,
                new GatewayMetrics(new SimpleMeterRegistry()), Clock.systemUTC(), () -> 0.5);
    }

    @Test
    void openBreakersOfUnchangedBackendsStayOpenAndTheOthersStartClosed() {
        BackendResilience replaced = resilience();
        replaced.guard("alpha").breaker().transitionToOpenState();
        replaced.guard("beta").breaker().transitionToOpenState();
        replaced.guard("gamma").breaker().transitionToOpenState();
        replaced.guard("gamma").breaker().transitionToHalfOpenState();
        BackendResilience next = resilience();

        // beta is now configured otherwise: its failures say nothing of the server it is now
        next.keepOpenBreakersOf(replaced, Set.of("alpha", "gamma")::contains);

        assertThat(next.circuitBreakerState("alpha")).isEqualTo("open");
        assertThat(next.circuitBreakerState("beta")).isEqualTo("closed");
        // half open already lets trial calls through: the new gateway's trial calls decide, as its own would
        assertThat(next.circuitBreakerState("gamma")).isEqualTo("closed");
    }
}
