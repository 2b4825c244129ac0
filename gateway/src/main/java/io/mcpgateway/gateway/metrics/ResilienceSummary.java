package io.mcpgateway.gateway.metrics;

import static io.github.resilience4j.micrometer.tagged.BulkheadMetricNames.DEFAULT_BULKHEAD_AVAILABLE_CONCURRENT_CALLS_METRIC_NAME;
import static io.github.resilience4j.micrometer.tagged.BulkheadMetricNames.DEFAULT_BULKHEAD_MAX_ALLOWED_CONCURRENT_CALLS_METRIC_NAME;
import static io.github.resilience4j.micrometer.tagged.CircuitBreakerMetricNames.DEFAULT_CIRCUIT_BREAKER_BUFFERED_CALLS;
import static io.github.resilience4j.micrometer.tagged.CircuitBreakerMetricNames.DEFAULT_CIRCUIT_BREAKER_FAILURE_RATE;
import static io.github.resilience4j.micrometer.tagged.CircuitBreakerMetricNames.DEFAULT_CIRCUIT_BREAKER_NOT_PERMITTED_CALLS;
import static io.github.resilience4j.micrometer.tagged.CircuitBreakerMetricNames.DEFAULT_CIRCUIT_BREAKER_STATE;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The {@code resilience} section of {@code /metrics}, per backend: its circuit breaker (state, failure rate over the
 * window, calls refused while open), its bulkhead (free and maximum concurrent calls) and its retries (made, refused by
 * the budget or the deadline). Read from the same meters {@code /metrics/prometheus} exports.
 */
final class ResilienceSummary {

    private final MeterRegistry registry;

    ResilienceSummary(MeterRegistry registry) {
        this.registry = registry;
    }

    Map<String, Object> byBackend() {
        Map<String, Object> backends = new TreeMap<>();
        for (Gauge state : registry.find(DEFAULT_CIRCUIT_BREAKER_STATE).gauges()) {
            if (state.value() == 1) {
                String backend = state.getId().getTag("name");
                backends.put(backend, describe(backend, state.getId().getTag("state")));
            }
        }
        return backends;
    }

    private Map<String, Object> describe(String backend, String state) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("circuit_breaker", state);
        double failureRate = gauge(DEFAULT_CIRCUIT_BREAKER_FAILURE_RATE, backend, null);
        // Resilience4j reports -1 until the window holds the minimum number of calls.
        entry.put("failure_rate_percent", failureRate < 0 ? null : failureRate);
        entry.put("failed_calls_in_window", (long) gauge(DEFAULT_CIRCUIT_BREAKER_BUFFERED_CALLS, backend, "failed"));
        entry.put("successful_calls_in_window",
                (long) gauge(DEFAULT_CIRCUIT_BREAKER_BUFFERED_CALLS, backend, "successful"));
        entry.put("not_permitted_calls", count(DEFAULT_CIRCUIT_BREAKER_NOT_PERMITTED_CALLS, "name", backend, null, null));
        entry.put("bulkhead_available_calls",
                (long) gauge(DEFAULT_BULKHEAD_AVAILABLE_CONCURRENT_CALLS_METRIC_NAME, backend, null));
        entry.put("bulkhead_max_calls",
                (long) gauge(DEFAULT_BULKHEAD_MAX_ALLOWED_CONCURRENT_CALLS_METRIC_NAME, backend, null));
        entry.put("bulkhead_rejections",
                count(GatewayMetrics.BACKEND_REJECTIONS, "backend", backend, "reason", "bulkhead_full"));
        entry.put("retries", count(GatewayMetrics.BACKEND_RETRIES, "backend", backend, "decision", "retried"));
        entry.put("retries_refused_by_budget",
                count(GatewayMetrics.BACKEND_RETRIES, "backend", backend, "decision", "refused_budget"));
        entry.put("retries_refused_by_deadline",
                count(GatewayMetrics.BACKEND_RETRIES, "backend", backend, "decision", "refused_deadline"));
        entry.put("retries_refused_by_retry_after",
                count(GatewayMetrics.BACKEND_RETRIES, "backend", backend, "decision", "refused_retry_after"));
        return entry;
    }

    private double gauge(String name, String backend, String kind) {
        var search = registry.find(name).tag("name", backend);
        Gauge gauge = (kind == null ? search : search.tag("kind", kind)).gauge();
        return gauge == null ? 0 : gauge.value();
    }

    private long count(String name, String backendTag, String backend, String tag, String value) {
        var search = registry.find(name).tag(backendTag, backend);
        long total = 0;
        for (Meter meter : (tag == null ? search : search.tag(tag, value)).meters()) {
            for (var measurement : meter.measure()) {
                total += (long) measurement.getValue();
            }
        }
        return total;
    }
}
