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

    /**
     * A health probe answered 503, the verdict it asked for: a request of the traffic, no error of it (every load
     * balancer's and pod's probe in an outage would otherwise fill the error count).
     */
    public synchronized void recordVerdict(double millis) {
        Interval current = current();
        current.requests++;
        current.sample(millis);
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

    /**
     * The intervals of the last {@link #INTERVALS} × {@link #INTERVAL} since the first request, oldest first and one
     * per interval, quiet ones included, as the status page reads them (it draws them by position: kept by count,
     * intervals of hours ago were drawn beside the last minute's after a quiet spell).
     */
    public synchronized List<Map<String, Object>> series() {
        current();
        List<Map<String, Object>> series = new ArrayList<>();
        long expected = intervals.peekFirst().startMillis;
        for (Interval interval : intervals) {
            for (; expected < interval.startMillis; expected += INTERVAL.toMillis()) {
                series.add(Interval.quiet(expected));
            }
            series.add(interval.describe());
            expected = interval.startMillis + INTERVAL.toMillis();
        }
        return series;
    }

    private Interval current() {
        Instant now = clock.instant();
        long start = now.toEpochMilli() / INTERVAL.toMillis() * INTERVAL.toMillis();
        long oldest = start - (INTERVALS - 1) * INTERVAL.toMillis();
        while (!intervals.isEmpty() && intervals.peekFirst().startMillis < oldest) {
            intervals.removeFirst(); // by age: the intervals of a quiet spell were never made
        }
        while (!intervals.isEmpty() && intervals.peekLast().startMillis > start) {
            intervals.removeLast(); // the clock went back: what it counted ahead would stay for ever
        }
        Interval last = intervals.peekLast();
        if (last == null || last.startMillis != start) {
            last = new Interval(start);
            intervals.addLast(last);
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
            return entry(startMillis, requests, errors, rateLimited, Map.copyOf(authFailures),
                    percentile(sorted, 0.50), percentile(sorted, 0.99));
        }

        /** An interval without requests, described without making one (each holds a sample array). */
        static Map<String, Object> quiet(long startMillis) {
            return entry(startMillis, 0, 0, 0, Map.of(), null, null);
        }

        private static Map<String, Object> entry(long startMillis, long requests, long errors, long rateLimited,
                Map<String, Long> authFailures, Double p50, Double p99) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("start", Instant.ofEpochMilli(startMillis).toString());
            entry.put("requests", requests);
            entry.put("errors", errors);
            entry.put("rate_limited", rateLimited);
            entry.put("auth_failures", authFailures);
            entry.put("p50_ms", p50);
            entry.put("p99_ms", p99);
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
