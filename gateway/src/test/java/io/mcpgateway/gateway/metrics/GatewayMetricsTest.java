package io.mcpgateway.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

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

        for (int i = 0; i < 3; i++) {
            System.gc();
        }

        assertThat(registry.get(GatewayMetrics.RATE_LIMIT_FALLBACKS).functionCounter().count()).isEqualTo(1);
        assertThat(registry.get(GatewayMetrics.RATE_LIMIT_STORE).gauge().value()).isZero();
    }
}
