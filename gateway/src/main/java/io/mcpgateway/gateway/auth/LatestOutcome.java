package io.mcpgateway.gateway.auth;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The outcome of the latest begun of overlapping attempts (fetches of the issuer's keys, for {@code /health}): one that
 * began earlier and ended later, such as a fetch that failed after its whole timeout, does not hide a later success.
 */
final class LatestOutcome {

    private record Ended(long attempt, String error) {
    }

    private final AtomicLong begun = new AtomicLong();
    private final AtomicReference<Ended> latest = new AtomicReference<>(new Ended(0, null));

    /** Begins an attempt; its number is given to {@link #end}. */
    long begin() {
        return begun.incrementAndGet();
    }

    /** Ends attempt {@code attempt}, failed for {@code error} (null: succeeded), unless a later one ended first. */
    void end(long attempt, String error) {
        latest.accumulateAndGet(new Ended(attempt, error),
                (kept, next) -> next.attempt() > kept.attempt() ? next : kept);
    }

    /** Why the latest attempt to end failed; null when it succeeded, or before any ended. */
    String error() {
        return latest.get().error();
    }
}
