package io.mcpgateway.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class GatewayMetricsTest {

    @Test
    void theRateLimitStoreMetersReadTheStoreAfterACollection() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AtomicLong fallbacks = new AtomicLong(); // the store, held by the gateway
        // the functions are lambdas held by nothing but the meters, as the gateway's are
        new GatewayMetrics(registry).rateLimitStore(fallbacks, store -> store.get() == 0, store -> store.get());
        fallbacks.set(1);

        collect();

        assertThat(registry.get(GatewayMetrics.RATE_LIMIT_FALLBACKS).functionCounter().count()).isEqualTo(1);
        assertThat(registry.get(GatewayMetrics.RATE_LIMIT_STORE).gauge().value()).isZero();
    }

    @Test
    void theBackendUpGaugeReadsTheMonitorAfterACollection() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AtomicBoolean monitor = new AtomicBoolean(true); // held by the gateway; the predicate by the meter alone
        new GatewayMetrics(registry).backendUp("alpha", monitor, m -> m.get());

        collect();

        assertThat(backendUp(registry, "alpha")).isEqualTo(1);
        monitor.set(false);
        assertThat(backendUp(registry, "alpha")).isZero();
    }

    @Test
    void theIdentityProviderKeysGaugesShowTheirStateAsOneAndTheOthersAsZero() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AtomicReference<String> keys = new AtomicReference<>("not_fetched_yet");
        new GatewayMetrics(registry).identityProviderKeys(keys, k -> k.get(),
                List.of("fetched", "not_fetched_yet", "unreachable"));
        keys.set("unreachable");

        collect();

        assertThat(keyState(registry, "unreachable")).isEqualTo(1);
        assertThat(keyState(registry, "fetched")).isZero();
        assertThat(keyState(registry, "not_fetched_yet")).isZero();
    }

    @Test
    void releasedHealthGaugesAreBoundAgainToTheNewGatewaysObjects() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        GatewayMetrics metrics = new GatewayMetrics(registry);
        AtomicBoolean replaced = new AtomicBoolean(true);
        metrics.backendUp("alpha", replaced, m -> m.get());
        metrics.identityProviderKeys(replaced, k -> k.get() ? "fetched" : "unreachable",
                List.of("fetched", "unreachable"));

        metrics.releaseBoundMeters();
        AtomicBoolean serving = new AtomicBoolean(false);
        metrics.backendUp("alpha", serving, m -> m.get());
        metrics.identityProviderKeys(serving, k -> k.get() ? "fetched" : "unreachable",
                List.of("fetched", "unreachable"));

        assertThat(backendUp(registry, "alpha")).as("the serving gateway's backend is down").isZero();
        assertThat(keyState(registry, "unreachable")).isEqualTo(1);
    }

    @Test
    void everyMeterReadingAGatewaysObjectsIsReleasedSoThatNoneKeepsAReplacedGatewayAlive() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        GatewayMetrics metrics = new GatewayMetrics(registry);
        AtomicBoolean gateway = new AtomicBoolean(true);
        metrics.requestsInFlight(() -> 1);
        metrics.mcpSubscriptions(() -> 1);
        metrics.clientConnections(() -> 1, 10);
        metrics.backendConnections("alpha", () -> 1, () -> 1);
        metrics.rateLimitStore(gateway, AtomicBoolean::get, g -> 1);
        metrics.backendUp("alpha", gateway, AtomicBoolean::get);
        metrics.backendServing("alpha", gateway, AtomicBoolean::get, AtomicBoolean::get);
        metrics.identityProviderKeys(gateway, k -> "fetched", List.of("fetched", "unreachable"));

        metrics.releaseBoundMeters();

        assertThat(registry.getMeters()).as("a meter left holds what it reads, and a new one of its name is ignored")
                .noneMatch(m -> m instanceof io.micrometer.core.instrument.Gauge
                        || m instanceof io.micrometer.core.instrument.FunctionCounter);
    }

    @Test
    void theSubscriptionsGaugeReadsTheGatewayServingAfterARelease() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        GatewayMetrics metrics = new GatewayMetrics(registry);
        metrics.mcpSubscriptions(() -> 0);

        metrics.releaseBoundMeters();
        metrics.mcpSubscriptions(() -> 3);

        assertThat(registry.get(GatewayMetrics.MCP_SUBSCRIPTIONS).gauge().value()).isEqualTo(3);
    }

    @Test
    void aForgottenToolsCounterLeavesTheRegistry() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        GatewayMetrics metrics = new GatewayMetrics(registry);
        metrics.toolListed("alpha", "gone");
        metrics.toolListed("alpha", "kept");

        metrics.toolForgotten("alpha", "gone");

        assertThat(registry.find(GatewayMetrics.TOOL_DEFINITION_CHANGES).counters()).singleElement()
                .satisfies(c -> assertThat(c.getId().getTag("tool")).isEqualTo("kept"));
        metrics.toolListed("alpha", "gone"); // listed again: counted afresh
        assertThat(registry.find(GatewayMetrics.TOOL_DEFINITION_CHANGES).counters()).hasSize(2);
    }

    private static double backendUp(SimpleMeterRegistry registry, String backend) {
        return registry.get(GatewayMetrics.BACKEND_UP).tag("backend", backend).gauge().value();
    }

    private static double keyState(SimpleMeterRegistry registry, String state) {
        return registry.get(GatewayMetrics.IDENTITY_PROVIDER_KEYS).tag("state", state).gauge().value();
    }

    /** Collects garbage, so a meter reading what nothing else holds shows it (NaN, or its last reading). */
    private static void collect() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
    }
}
