package io.mcpgateway.gateway.status;

import static io.mcpgateway.gateway.metrics.Rounding.twoDecimals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request counts and latencies of the last minutes in fixed intervals, for the status page's charts: requests,
 * errors, authentication failures by reason, rate-limit rejections, and latency percentiles per interval (from a
 * bounded sample of each interval, so memory stays flat under any load).
 */
public final class TrafficHistory {

    public static final Duration INTERVAL = Duration.ofSeconds(10);
    public static final int INTERVALS = 60;
    static final int SAMPLES_PER_INTERVAL = 2048;

    private final Clock clock;
    private final Deque<Interval> intervals = new ArrayDeque<>();

    public TrafficHistory(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One finished request; {@code errorCode} is the envelope's code for errors (the auth reason for 401s). */
    public synchronized void record(int status, double millis, String errorCode) {
        Interval current = current();
        current.requests++;
        if (status >= 400) {
            current.errors++;
        }
        if (status == 401) {
            current.authFailures.merge(errorCode == null ? "unknown" : errorCode.toLowerCase(java.util.Locale.ROOT), 1L,
                    Long::sum);
        }
        if (status == 429) {
            current.rateLimited++;
        }
        current.sample(millis);
    }

    /** The intervals of the last {@link #INTERVALS} × {@link #INTERVAL}, oldest first, as the status page reads them. */
    public synchronized List<Map<String, Object>> series() {
        current();
        List<Map<String, Object>> series = new ArrayList<>();
        for (Interval interval : intervals) {
            series.add(interval.describe());
        }
        return series;
    }

    private Interval current() {
        Instant now = clock.instant();
        long start = now.toEpochMilli() / INTERVAL.toMillis() * INTERVAL.toMillis();
        Interval last = intervals.peekLast();
        if (last == null || last.startMillis != start) {
            last = new Interval(start);
            intervals.addLast(last);
            while (intervals.size() > INTERVALS) {
                intervals.removeFirst();
            }
        }
        return last;
    }

    private static final class Interval {
        private final long startMillis;
        private final double[] samples = new double[SAMPLES_PER_INTERVAL];
        private final Map<String, Long> authFailures = new LinkedHashMap<>();
        private long requests;
        private long errors;
        private long rateLimited;
        private int sampled;

        Interval(long startMillis) {
            this.startMillis = startMillis;
        }

        /** Reservoir sampling: every request has the same chance to be in the sample. */
        void sample(double millis) {
            if (sampled < samples.length) {
                samples[sampled++] = millis;
            } else {
                long slot = ThreadLocalRandom.current().nextLong(requests);
                if (slot < samples.length) {
                    samples[(int) slot] = millis;
                }
            }
        }

        Map<String, Object> describe() {
            double[] sorted = Arrays.copyOf(samples, sampled);
            Arrays.sort(sorted);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("start", Instant.ofEpochMilli(startMillis).toString());
            entry.put("requests", requests);
            entry.put("errors", errors);
            entry.put("rate_limited", rateLimited);
            entry.put("auth_failures", Map.copyOf(authFailures));
            entry.put("p50_ms", percentile(sorted, 0.50));
            entry.put("p99_ms", percentile(sorted, 0.99));
            return entry;
        }

        private static Double percentile(double[] sorted, double p) {
            if (sorted.length == 0) {
                return null;
            }
            int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
            return twoDecimals(sorted[Math.max(0, index)]);
        }
    }
}
