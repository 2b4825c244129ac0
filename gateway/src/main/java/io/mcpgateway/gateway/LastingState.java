package io.mcpgateway.gateway;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

import io.mcpgateway.gateway.metrics.RecentRequests;
import io.mcpgateway.gateway.status.TrafficHistory;

/**
 * What a configuration reload hands from the gateway it replaces to the new one, because it belongs to the process,
 * not to a configuration: when it started serving (the uptime of {@code /health} and {@code /metrics}), the traffic
 * history behind {@code /status}, and the recent requests and security events behind {@code /metrics/performance}
 * and {@code /metrics/security}. Both gateways record into the same history while the old one finishes its requests.
 */
record LastingState(Instant started, TrafficHistory traffic, RecentRequests recent) {

    LastingState {
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(traffic, "traffic");
        Objects.requireNonNull(recent, "recent");
    }

    static LastingState startingNow(Clock clock) {
        return new LastingState(clock.instant(), new TrafficHistory(clock), new RecentRequests());
    }
}
