package io.mcpgateway.gateway.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts in the shared store while it answers and in local buckets while it does not, so an unreachable Redis never
 * fails a request: the first failed call switches to local counting (logged once, as a WARN), and a probe every
 * {@code probeInterval} notices when Redis answers again and switches back (logged at INFO). Buckets are not copied
 * either way: after a switch each limit starts from the count its new store holds.
 */
final class FailoverBucketStore implements BucketStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FailoverBucketStore.class);

    /** Tries of the first probe before a Redis that does not answer is taken for down: each waits the timeout. */
    static final int START_TRIES = 5;

    private final SharedBucketStore shared;
    private final BucketStore local;
    private final Clock clock;
    private final AtomicReference<SharedState> state;
    private final AtomicLong fallbacks = new AtomicLong();
    private final ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("ratelimit-redis-probe").daemon().factory());

    /** Builds the store and probes the shared one, so start-up already knows where to count. */
    FailoverBucketStore(SharedBucketStore shared, BucketStore local, Clock clock) {
        this.shared = Objects.requireNonNull(shared, "shared");
        this.local = Objects.requireNonNull(local, "local");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.state = new AtomicReference<>(new SharedState(true, clock.instant(), null));
        probeAtStart();
    }

    /**
     * The first probe, given a few tries: it also loads and warms the client (Netty, Lettuce), which can take longer
     * than the per-call timeout on a busy machine (two gateways starting at once logged Redis unreachable, then back
     * 2 s later). A refused connection is believed at once: Redis is not there.
     */
    private void probeAtStart() {
        for (int tried = 1; ; tried++) {
            try {
                shared.ping();
                return;
            } catch (RuntimeException e) {
                if (tried == START_TRIES || RedisFailureReason.refused(e)) {
                    markDown(e);
                    return;
                }
                log.debug("Rate limits: Redis did not answer the first probe yet: {}", describe(e));
            }
        }
    }

    /** Probes the shared store every {@code interval} from now on. */
    FailoverBucketStore probeEvery(Duration interval) {
        prober.scheduleWithFixedDelay(this::probe, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public List<BucketProbe> tryConsume(List<LimitBucket> buckets) {
        if (state.get().up()) {
            try {
                return shared.tryConsume(buckets);
            } catch (RuntimeException e) {
                markDown(e);
            }
        }
        return local.tryConsume(buckets);
    }

    /** Asks the shared store whether it answers, and switches stores when the answer changed. */
    void probe() {
        try {
            shared.ping();
            markUp();
        } catch (RuntimeException e) {
            markDown(e);
        }
    }

    RateLimitStatus status() {
        SharedState now = state.get();
        return now.up() ? RateLimitStatus.shared(now.since(), fallbacks.get())
                : RateLimitStatus.fallenBack(now.since(), fallbacks.get(), now.reason());
    }

    @Override
    public void close() {
        // A probe under way ends within the Redis timeout; interrupting it would read as an outage.
        prober.shutdown();
        try {
            if (!prober.awaitTermination(5, TimeUnit.SECONDS)) {
                prober.shutdownNow();
            }
        } catch (InterruptedException e) {
            prober.shutdownNow();
            Thread.currentThread().interrupt();
        }
        shared.close();
    }

    /**
     * Counts locally from now on, unless already; while down, each failure's reason replaces the one before, so
     * {@code /health} tells why Redis fails now (a password fixed, say, but the server still full).
     */
    private void markDown(RuntimeException cause) {
        String reason = RedisFailureReason.of(cause);
        SharedState was = state.get();
        if (was.up() && state.compareAndSet(was, new SharedState(false, clock.instant(), reason))) {
            fallbacks.incrementAndGet();
            // the reason first: a wrong password or a full server is no outage, though it is counted as one
            log.warn("Rate limits: Redis cannot be used ({}: {}); counting in local buckets per instance until it"
                    + " answers again", reason, describe(cause));
            return;
        }
        log.debug("Rate limits: Redis still cannot be used ({}: {})", reason, describe(cause));
        state.updateAndGet(now -> now.up() ? now : new SharedState(false, now.since(), reason));
    }

    private void markUp() {
        SharedState was = state.get();
        if (!was.up() && state.compareAndSet(was, new SharedState(true, clock.instant(), null))) {
            log.info("Rate limits: Redis answers again; limits are shared by all instances again");
        }
    }

    /** The exception's type and message, never its stack: an unreachable Redis is an expected state here. */
    private static String describe(RuntimeException e) {
        Throwable root = e.getCause() != null ? e.getCause() : e;
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** @param reason why the last call failed while down ({@link RedisFailureReason}); null while up */
    private record SharedState(boolean up, Instant since, String reason) {
    }
}
