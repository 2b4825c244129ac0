package io.mcpgateway.app.diagnostics.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.mcpgateway.app.diagnostics.LatencyRecorder;

/**
 * Latencies counted in buckets whose bounds grow 1-2-5 (0.5 ms to 10 s), drawn as ASCII bars: a glance shows whether
 * the run was one fast hump or had a slow tail.
 */
final class LatencyHistogram {

    private static final double[] BOUNDS = {0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000};
    private static final int BAR_WIDTH = 40;

    /** One bucket: latencies in {@code [fromMillis, toMillis)}; {@code toMillis} is infinite for the last. */
    record Bucket(double fromMillis, double toMillis, long count) {
    }

    private final long[] counts;

    private LatencyHistogram(long[] counts) {
        this.counts = counts;
    }

    /** Counts each recorded value where the top of its sub-bucket lies, as the percentiles report it. */
    static LatencyHistogram of(LatencyRecorder latencies) {
        long[] counts = new long[BOUNDS.length + 1];
        latencies.forEachValue((millis, count) -> counts[bucketOf(millis)] += count);
        return new LatencyHistogram(counts);
    }

    private static int bucketOf(double millis) {
        int i = 0;
        while (i < BOUNDS.length && millis >= BOUNDS[i]) {
            i++;
        }
        return i;
    }

    /** The buckets from the first to the last that holds anything; empty when nothing was counted. */
    List<Bucket> buckets() {
        int first = 0;
        while (first < counts.length && counts[first] == 0) {
            first++;
        }
        int last = counts.length - 1;
        while (last >= 0 && counts[last] == 0) {
            last--;
        }
        List<Bucket> buckets = new ArrayList<>();
        for (int i = first; i <= last; i++) {
            buckets.add(new Bucket(i == 0 ? 0 : BOUNDS[i - 1], i == BOUNDS.length ? Double.POSITIVE_INFINITY
                    : BOUNDS[i], counts[i]));
        }
        return buckets;
    }

    /** One line per bucket: {@code     5 -    10 ms | ########      |   123}. */
    List<String> lines() {
        List<Bucket> buckets = buckets();
        long max = buckets.stream().mapToLong(Bucket::count).max().orElse(1);
        List<String> lines = new ArrayList<>();
        for (Bucket b : buckets) {
            int width = (int) Math.round((double) b.count() * BAR_WIDTH / max);
            if (b.count() > 0 && width == 0) {
                width = 1; // a bucket that holds anything shows
            }
            lines.add(String.format(Locale.ROOT, "%7s - %-7s | %-" + BAR_WIDTH + "s | %d", bound(b.fromMillis()),
                    bound(b.toMillis()) + " ms", "#".repeat(width), b.count()));
        }
        return lines;
    }

    List<Map<String, Object>> toJson() {
        return buckets().stream().map(b -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("from_ms", b.fromMillis());
            json.put("to_ms", Double.isInfinite(b.toMillis()) ? null : b.toMillis());
            json.put("count", b.count());
            return json;
        }).toList();
    }

    private static String bound(double millis) {
        if (Double.isInfinite(millis)) {
            return "...";
        }
        return millis == Math.rint(millis) ? String.format(Locale.ROOT, "%.0f", millis)
                : String.format(Locale.ROOT, "%.1f", millis);
    }
}
