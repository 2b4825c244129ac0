package io.mcpgateway.app.diagnostics.logs;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Occurrences per key, listed most frequent first (ties by key), so the top of a list is what matters most. */
final class Counts {

    private final Map<String, Long> counts = new HashMap<>();

    void add(String key) {
        counts.merge(key, 1L, Long::sum);
    }

    long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    boolean isEmpty() {
        return counts.isEmpty();
    }

    /** At most {@code limit} keys, most frequent first. */
    Map<String, Long> top(int limit) {
        Map<String, Long> top = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .forEach(e -> top.put(e.getKey(), e.getValue()));
        return top;
    }

    Map<String, Long> all() {
        return top(Integer.MAX_VALUE);
    }
}
