package io.mcpgateway.gateway.backend;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many retries one backend may still get: a token bucket that each first attempt fills by the budget ratio and
 * each retry empties by one token, so retries never exceed {@code ratio} × first attempts and an outage cannot
 * multiply the load on a backend that is already failing. The bucket holds at most what {@link #RECENT_CALLS} first
 * attempts earn, so only recent traffic counts: a long healthy period does not buy a retry storm later.
 */
final class RetryBudget {

    /** How many recent first attempts the bucket remembers at most. */
    static final int RECENT_CALLS = 100;

    private static final long TOKEN = 1_000; // balances are kept in thousandths of a token

    private final long depositPerCall;
    private final long capacity;
    private final AtomicLong balance = new AtomicLong();

    RetryBudget(double ratio) {
        if (!(ratio >= 0 && ratio <= 1)) {
            throw new IllegalArgumentException("ratio must be between 0 and 1 but was " + ratio);
        }
        this.depositPerCall = Math.round(ratio * TOKEN);
        this.capacity = Math.max(TOKEN, Math.round(ratio * RECENT_CALLS * TOKEN));
    }

    /** A first attempt was made: it earns {@code ratio} of a retry. */
    void recordFirstAttempt() {
        balance.accumulateAndGet(depositPerCall, (current, deposit) -> Math.min(capacity, current + deposit));
    }

    /** Takes one retry from the budget; false when there is none left. */
    boolean tryTakeRetry() {
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

    /** Retries available now (fractional). */
    double available() {
        return balance.get() / (double) TOKEN;
    }
}
