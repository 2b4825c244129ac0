package io.mcpgateway.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A UTC clock that stands still until a test moves it, so time-based behaviour is tested without sleeping. */
public final class ManualClock extends Clock {

    private final AtomicReference<Instant> now;
    private final AtomicReference<Runnable> atNextReading = new AtomicReference<>();

    public ManualClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** A clock at an arbitrary fixed start. */
    public static ManualClock atEpochDay() {
        return new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    }

    public void advance(Duration duration) {
        now.updateAndGet(instant -> instant.plus(duration));
    }

    /**
     * Runs {@code action} once, at the next reading of the clock and before it is answered: for a test that needs
     * something to happen at an exact point of the code under test (the clock read between two steps of it).
     */
    public void atNextReading(Runnable action) {
        atNextReading.set(action);
    }

    @Override
    public Instant instant() {
        Runnable action = atNextReading.getAndSet(null);
        if (action != null) {
            action.run();
        }
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
