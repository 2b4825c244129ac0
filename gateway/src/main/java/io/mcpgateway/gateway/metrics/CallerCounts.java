package io.mcpgateway.gateway.metrics;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Requests per authenticated caller, for the busiest-callers view of {@code /metrics}. Kept out of the Micrometer
 * registry on purpose: one time series per caller would grow without bound in Prometheus. Bounded here to the most
 * recently active callers.
 */
public final class CallerCounts {

    static final int MAX_CALLERS = 10_000;

    private final Cache<String, LongAdder> counts = Caffeine.newBuilder().maximumSize(MAX_CALLERS)
            .executor(Runnable::run) // upkeep on the request's thread: no wake-up of a pool thread per few reads
            .build();

    public void increment(String caller) {
        counts.get(caller, c -> new LongAdder()).increment();
    }

    /** The {@code limit} callers with the most requests, most first. */
    public Map<String, Long> top(int limit) {
        Map<String, Long> top = new LinkedHashMap<>();
        counts.asMap().entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, LongAdder> e) -> e.getValue().sum()).reversed()
                        .thenComparing(Map.Entry::getKey))
                .limit(limit)
                .forEach(e -> top.put(e.getKey(), e.getValue().sum()));
        return top;
    }
}
