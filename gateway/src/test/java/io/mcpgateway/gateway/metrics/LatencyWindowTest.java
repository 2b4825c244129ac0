package io.mcpgateway.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** The maximum and the percentiles of a latency cover the same window, as /metrics says of both. */
class LatencyWindowTest {

    private final MockClock clock = new MockClock();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT,
            new PrometheusRegistry(), clock);
    private final GatewayMetrics metrics = new GatewayMetrics(registry);

    @Test
    void aRouteIdleForTheWholeWindowShowsNeitherItsOldMaximumNorItsPercentiles() {
        metrics.request("POST", "/x", 413, Duration.ofMillis(1010));
        Timer timer = registry.find(GatewayMetrics.REQUESTS).timer();
        assertThat(timer.max(TimeUnit.MILLISECONDS)).isEqualTo(1010.0);
        assertThat(p50(timer)).isGreaterThan(1000.0);

        clock.add(GatewayMetrics.LATENCY_WINDOW.plusSeconds(1));

        assertThat(timer.max(TimeUnit.MILLISECONDS)).isZero();
        assertThat(p50(timer)).isZero();
        assertThat(timer.count()).as("counts go back to the start").isEqualTo(1);
    }

    @Test
    void backendCallsToo() {
        metrics.backendCall("search", "find", "success", Duration.ofMillis(20));
        Timer timer = registry.find(GatewayMetrics.BACKEND_CALLS).timer();

        clock.add(GatewayMetrics.LATENCY_WINDOW.plusSeconds(1));

        assertThat(timer.max(TimeUnit.MILLISECONDS)).isZero();
        assertThat(p50(timer)).isZero();
    }

    private static double p50(Timer timer) {
        return timer.takeSnapshot().percentileValues()[0].value(TimeUnit.MILLISECONDS);
    }
}
