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

/**
 * The latency figures of /metrics: the maximum and the percentiles cover the same window, as /metrics says of both,
 * no percentile is above the maximum, and clients cannot add request series.
 */
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

    @Test
    void noPercentileIsShownAboveTheMaximum() {
        for (int i = 0; i < 200; i++) { // 10.000 to 18.971 ms: the histogram's p99 bucket reaches 19.4 ms
            metrics.request("POST", "/x", 200, Duration.ofNanos(10_000_000 + 45_080L * i));
        }
        Timer timer = registry.find(GatewayMetrics.REQUESTS).timer();

        var latency = MetricsRoutes.latency(timer);

        assertThat(latency).containsEntry("max_ms", 18.971).containsEntry("p99_ms", 18.971);
        assertThat(latency).extractingByKeys("p50_ms", "p90_ms").allSatisfy(p ->
                assertThat((Double) p).isBetween(10.0, 18.971));
    }

    @Test
    void aMethodOutsideHttpsOwnIsCountedAsOtherSoClientsCannotAddSeries() {
        for (int i = 0; i < 50; i++) {
            metrics.request("M%07d".formatted(i), "unmatched", 405, Duration.ofMillis(1));
        }
        metrics.request("PATCH", "unmatched", 405, Duration.ofMillis(1));

        assertThat(registry.find(GatewayMetrics.REQUESTS).timers()).extracting(t -> t.getId().getTag("method"))
                .containsExactlyInAnyOrder("OTHER", "PATCH");
        assertThat(registry.find(GatewayMetrics.REQUESTS).tag("method", "OTHER").timer().count()).isEqualTo(50);
    }

    private static double p50(Timer timer) {
        return timer.takeSnapshot().percentileValues()[0].value(TimeUnit.MILLISECONDS);
    }
}
