package io.mcpgateway.app.diagnostics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Latency of a set of requests in milliseconds: count, min, nearest-rank percentiles, max and mean, as a
 * {@link LatencyRecorder} found them. All zero when there were none.
 */
public record LatencySummary(long count, double min, double p50, double p90, double p99, double max, double mean) {

    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0, 0);

    /** {@code min 1.2  p50 3.4  p90 5.6  p99 9.8  max 12.0} (milliseconds). */
    public String line() {
        return String.format(java.util.Locale.ROOT, "min %s  p50 %s  p90 %s  p99 %s  max %s", format(min),
                format(p50), format(p90), format(p99), format(max));
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("count", count);
        json.put("min_ms", round(min));
        json.put("p50_ms", round(p50));
        json.put("p90_ms", round(p90));
        json.put("p99_ms", round(p99));
        json.put("max_ms", round(max));
        json.put("mean_ms", round(mean));
        return json;
    }

    /** Milliseconds with the precision that matters at their size. */
    public static String format(double millis) {
        return millis >= 100 ? String.format(java.util.Locale.ROOT, "%.0f", millis)
                : String.format(java.util.Locale.ROOT, millis >= 10 ? "%.1f" : "%.2f", millis);
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
