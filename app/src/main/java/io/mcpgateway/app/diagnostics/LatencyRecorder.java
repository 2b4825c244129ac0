package io.mcpgateway.app.diagnostics;

import java.util.concurrent.atomic.LongAccumulator;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Latencies counted in an HdrHistogram instead of kept one by one, so memory depends on the range of the values, not
 * on how many there are. Many threads may record at once.
 */
public final class LatencyRecorder {

    /**
     * Nanoseconds with 3 significant digits: every value within 0.1%, finer than the figures printed, from
     * microseconds to minutes. The counts grow with the largest value, not with how many values there are: about
     * 540 KB for an hour, under 1 MB for any value at all.
     */
    private static final int SIGNIFICANT_DIGITS = 3;
    private static final double NANOS_PER_MILLI = 1_000_000.0;

    /** What {@link #forEachValue} is told: a recorded value and how many times it was recorded. */
    @FunctionalInterface
    public interface ValueCount {
        void accept(double millis, long count);
    }

    private final ConcurrentHistogram histogram = new ConcurrentHistogram(SIGNIFICANT_DIGITS);
    /** Exact, beside the histogram: the slowest request must not read slower than it was (1000 ms as 1000.342). */
    private final LongAccumulator minNanos = new LongAccumulator(Math::min, Long.MAX_VALUE);
    private final LongAccumulator maxNanos = new LongAccumulator(Math::max, Long.MIN_VALUE);

    /** @throws IllegalArgumentException when {@code millis} is negative or not a number */
    public void record(double millis) {
        if (!(millis >= 0)) {
            throw new IllegalArgumentException("a latency must be 0 ms or more but was " + millis);
        }
        long nanos = Math.round(millis * NANOS_PER_MILLI); // saturates at Long.MAX_VALUE
        histogram.recordValue(nanos);
        minNanos.accumulate(nanos);
        maxNanos.accumulate(nanos);
    }

    /**
     * The exact minimum and maximum; nearest-rank percentiles as HdrHistogram reports them (the top of their
     * sub-bucket, within the precision above, but never past the maximum); the mean from the sub-buckets' middles.
     */
    public LatencySummary summary() {
        long count = histogram.getTotalCount();
        if (count == 0) {
            return LatencySummary.EMPTY;
        }
        return new LatencySummary(count, millis(minNanos.get()), percentile(50), percentile(90), percentile(99),
                millis(maxNanos.get()), histogram.getMean() / NANOS_PER_MILLI);
    }

    /** Tells {@code action} each distinct recorded value (the top of its sub-bucket), smallest first. */
    public void forEachValue(ValueCount action) {
        for (HistogramIterationValue value : histogram.recordedValues()) {
            action.accept(millis(value.getValueIteratedTo()), value.getCountAddedInThisIterationStep());
        }
    }

    /** What the counts take in memory now. */
    long footprintBytes() {
        return histogram.getEstimatedFootprintInBytes();
    }

    private double percentile(double p) {
        return millis(Math.clamp(histogram.getValueAtPercentile(p), minNanos.get(), maxNanos.get()));
    }

    private static double millis(long nanos) {
        return nanos / NANOS_PER_MILLI;
    }
}
