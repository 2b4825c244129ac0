package io.mcpgateway.gateway;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

import io.mcpgateway.gateway.metrics.GatewayMetrics;
import io.mcpgateway.gateway.metrics.RecentRequests;
import io.mcpgateway.gateway.status.TrafficHistory;
import io.mcpgateway.mcpkit.ProcessMeters;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * What a configuration reload hands from the gateway it replaces to the new one, because it belongs to the process,
 * not to a configuration: when it started serving (the uptime of {@code /health} and {@code /metrics}), the traffic
 * history behind {@code /status}, the recent requests and security events behind {@code /metrics/performance} and
 * {@code /metrics/security}, and the meters of {@code /metrics} and {@code /metrics/prometheus}, whose counters count
 * on (the meters that read a gateway's own objects are bound again: {@link GatewayMetrics#releaseBoundMeters}), the
 * JVM's and the process's among them. Both gateways record into them while the old one finishes its requests.
 */
record LastingState(Instant started, TrafficHistory traffic, RecentRequests recent, PrometheusMeterRegistry prometheus,
        GatewayMetrics metrics, ProcessMeters processMeters) {

    LastingState {
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(traffic, "traffic");
        Objects.requireNonNull(recent, "recent");
        Objects.requireNonNull(prometheus, "prometheus");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(processMeters, "processMeters");
    }

    static LastingState startingNow(Clock clock) {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        return new LastingState(clock.instant(), new TrafficHistory(clock), new RecentRequests(), prometheus,
                new GatewayMetrics(prometheus), new ProcessMeters(prometheus));
    }
}
