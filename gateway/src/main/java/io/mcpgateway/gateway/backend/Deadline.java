package io.mcpgateway.gateway.backend;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The instant by which a whole tool call, retries included, must have its answer. */
record Deadline(Instant at, Clock clock) {

    static Deadline after(Duration timeout, Clock clock) {
        return new Deadline(clock.instant().plus(timeout), clock);
    }


    /** Time left; zero or negative once passed. */
    Duration remaining() {
        return Duration.between(clock.instant(), at);
    }

    boolean hasPassed() {
        return !clock.instant().isBefore(at);
    }

    /** Whether something that starts after {@code wait} would still start before the deadline. */
    boolean allowsStartAfter(Duration wait) {
        return clock.instant().plus(wait).isBefore(at);
    }
}
