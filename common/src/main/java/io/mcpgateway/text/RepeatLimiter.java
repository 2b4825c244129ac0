package io.mcpgateway.text;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Lets a log line that an outage repeats at every request through once per interval: the first at once, then one an
 * interval saying how many were held back meanwhile, so that the outage is in the log without filling it.
 */
public final class RepeatLimiter {

    /** What {@link #admit} answers for a line to hold back. */
    public static final long HOLD = -1;

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong nextAllowed;
    private final AtomicLong held = new AtomicLong();

    public RepeatLimiter(Duration interval) {
        this(interval, System::nanoTime);
    }

    RepeatLimiter(Duration interval, LongSupplier nanoTime) {
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
        this.nextAllowed = new AtomicLong(nanoTime.getAsLong());
    }

    /** {@link #HOLD} for a line to hold back; otherwise how many were held back since the last one let through. */
    public long admit() {
        long now = nanoTime.getAsLong();
        long next = nextAllowed.get();
        if (now - next >= 0 && nextAllowed.compareAndSet(next, now + intervalNanos)) {
            return held.getAndSet(0);
        }
        held.incrementAndGet();
        return HOLD;
    }

    /** What to add to a line let through: how many like it were held back, or nothing. */
    public static String heldBack(long count) {
        return count <= 0 ? "" : " (" + count + " more like it since the last)";
    }
}
