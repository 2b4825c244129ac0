package io.mcpgateway.restaurant.meal;

/**
 * A span of the day a restaurant is open, as minutes since midnight: {@code [startMinute, endMinuteExclusive)}.
 * Overnight ranges are split into two of these by {@link HoursParser}.
 */
record OpeningRange(int startMinute, int endMinuteExclusive) {

    static final int MINUTES_PER_DAY = 24 * 60;

    OpeningRange {
        if (startMinute < 0 || endMinuteExclusive > MINUTES_PER_DAY || startMinute >= endMinuteExclusive) {
            throw new IllegalArgumentException("not a range within one day: " + startMinute + "-" + endMinuteExclusive);
        }
    }

    /** Whether this range shares at least one minute with {@code [start, endExclusive)}. */
    boolean overlaps(int start, int endExclusive) {
        return startMinute < endExclusive && start < endMinuteExclusive;
    }
}
