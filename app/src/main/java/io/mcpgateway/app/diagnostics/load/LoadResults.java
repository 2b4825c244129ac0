package io.mcpgateway.app.diagnostics.load;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.mcpgateway.app.diagnostics.LatencyRecorder;
import io.mcpgateway.app.diagnostics.LatencySummary;

/**
 * The results of a load test: counts, success rate, throughput over the wall-clock time, latency of answered requests
 * and errors grouped by kind (most frequent first).
 */
record LoadResults(long sent, long succeeded, double wallMillis, LatencySummary latency, LatencyHistogram histogram,
        Map<String, Long> errors) {

    LoadResults {
        errors = Map.copyOf(errors);
    }

    /** @param latencies the recorder the tallies shared */
    static LoadResults merge(List<WorkerTally> tallies, LatencyRecorder latencies, double wallMillis) {
        long sent = 0;
        long succeeded = 0;
        Map<String, Long> errors = new TreeMap<>();
        for (WorkerTally tally : tallies) {
            sent += tally.sent();
            succeeded += tally.succeeded();
            tally.errors().forEach((kind, count) -> errors.merge(kind, count, Long::sum));
        }
        return new LoadResults(sent, succeeded, wallMillis, latencies.summary(), LatencyHistogram.of(latencies),
                errors);
    }

    long failed() {
        return sent - succeeded;
    }

    /** Between 0 and 1; 0 when nothing was sent. */
    double successRate() {
        return sent == 0 ? 0 : (double) succeeded / sent;
    }

    double throughputPerSecond() {
        return wallMillis <= 0 ? 0 : sent * 1000.0 / wallMillis;
    }

    /** Errors by kind, most frequent first, ties by name. */
    Map<String, Long> errorsByFrequency() {
        Map<String, Long> sorted = new LinkedHashMap<>();
        errors.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
