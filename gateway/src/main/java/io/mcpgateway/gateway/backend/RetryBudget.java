package io.mcpgateway.gateway.backend;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many retries one backend may still get: a token bucket that each first attempt fills by the budget ratio and
 * each retry empties by one token, so retries never exceed {@code ratio} × first attempts and an outage cannot
 * multiply the load on a backend that is already failing. The bucket holds at most what {@link #RECENT_CALLS} first
 * attempts earn, so only recent traffic counts: a long healthy period does not buy a retry storm later.
 *
 * <p>Besides what traffic earns, a budget with a ratio above zero grants one retry per {@link #FLOOR_INTERVAL_MILLIS}
 * (Finagle's "minimum retries per second"): a gateway that makes a call a minute has earned no whole retry, yet its
 * one failed call is exactly the case a retry is for, and one extra call a second cannot overload a backend.
 */
final class RetryBudget {

    /** How many recent first attempts the bucket remembers at most. */
    static final int RECENT_CALLS = 100;

    /** The traffic-independent allowance: one retry per this many milliseconds. */
    static final long FLOOR_INTERVAL_MILLIS = 1_000;

    private static final long TOKEN = 1_000; // balances are kept in thousandths of a token

    private final long depositPerCall;
    private final long capacity;
    private final AtomicLong balance = new AtomicLong();
    private final Clock clock;
    private final AtomicLong floorRetryAt; // epoch millis of the floor's last retry

    RetryBudget(double ratio, Clock clock) {
        if (!(ratio >= 0 && ratio <= 1)) {
            throw new IllegalArgumentException("ratio must be between 0 and 1 but was " + ratio);
        }
        this.depositPerCall = Math.round(ratio * TOKEN);
        this.capacity = Math.max(TOKEN, Math.round(ratio * RECENT_CALLS * TOKEN));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.floorRetryAt = new AtomicLong(clock.millis() - FLOOR_INTERVAL_MILLIS);
    }

    /** A first attempt was made: it earns {@code ratio} of a retry. */
    void recordFirstAttempt() {
        balance.accumulateAndGet(depositPerCall, (current, deposit) -> Math.min(capacity, current + deposit));
    }

    /** Takes one retry from the earned budget, else from the floor; false when neither has one. */
    boolean tryTakeRetry() {
        return takeEarnedRetry() || takeFloorRetry();
    }

    private boolean takeEarnedRetry() {
        while (true) {
            long current = balance.get();
            if (current < TOKEN) {
                return false;
            }
            if (balance.compareAndSet(current, current - TOKEN)) {
                return true;
            }
        }
    }

    private boolean takeFloorRetry() {
        if (depositPerCall == 0) {
            return false; // a ratio of zero turns retries off
        }
        long now = clock.millis();
        long last = floorRetryAt.get();
        return now - last >= FLOOR_INTERVAL_MILLIS && floorRetryAt.compareAndSet(last, now);
    }

    /** Retries available now (fractional): the earned ones, and the floor's when it has one. */
    double available() {
        boolean floorReady = depositPerCall > 0 && clock.millis() - floorRetryAt.get() >= FLOOR_INTERVAL_MILLIS;
        return balance.get() / (double) TOKEN + (floorReady ? 1 : 0);
    }
}
