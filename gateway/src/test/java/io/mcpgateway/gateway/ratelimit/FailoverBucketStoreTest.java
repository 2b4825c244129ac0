package io.mcpgateway.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import ch.qos.logback.classic.Level;

import io.lettuce.core.RedisCommandExecutionException;
import io.mcpgateway.gateway.CapturedLogs;

@Timeout(10)
class FailoverBucketStoreTest {

    private static final LimitWindow LIMIT = LimitWindow.burst(3, Duration.ofSeconds(10));
    private static final List<LimitBucket> ONE_BUCKET = List.of(new LimitBucket("k", LIMIT));
    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

    private final FlakySharedStore shared = new FlakySharedStore();
    private final LocalBucketStore local = new LocalBucketStore(new ManualTimeMeter(), 1_000);
    private final Clock clock = Clock.fixed(START, ZoneOffset.UTC);
    @AutoClose
    private final CapturedLogs logs = CapturedLogs.of(FailoverBucketStore.class);

    @Test
    void aFirstProbeSlowerThanTheTimeoutIsTriedAgainBeforeRedisIsTakenForDown() {
        shared.slowPings.set(FailoverBucketStore.START_TRIES - 1);

        FailoverBucketStore store = new FailoverBucketStore(shared, local, clock);

        assertThat(store.status()).isEqualTo(RateLimitStatus.shared(START, 0));
        assertThat(logs.messages(Level.WARN)).isEmpty();
    }

    @Test
    void aRedisThatNeverAnswersTheFirstProbesIsTakenForDown() {
        shared.slowPings.set(FailoverBucketStore.START_TRIES);

        FailoverBucketStore store = new FailoverBucketStore(shared, local, clock);

        assertThat(store.status().redis()).isEqualTo(RateLimitStatus.REDIS_DOWN);
        assertThat(shared.pings.get()).isEqualTo(FailoverBucketStore.START_TRIES);
    }

    @Test
    void aConnectSlowerThanTheTimeoutAtStartIsTriedAgainNotTakenForARefusal() {
        // Lettuce's connect timeout: Netty's ConnectTimeoutException, a subclass of java.net.ConnectException. A slow
        // first connect (a busy machine, a lost SYN) is the warm-up the start-up tries are for, not "Redis is not there"
        AtomicInteger pings = new AtomicInteger();
        SharedBucketStore slowToConnect = new SharedBucketStore() {
            @Override
            public List<BucketProbe> tryConsume(List<LimitBucket> buckets) {
                return local.tryConsume(buckets);
            }

            @Override
            public void ping() {
                if (pings.incrementAndGet() == 1) {
                    throw new io.lettuce.core.RedisConnectionException("Unable to connect to 127.0.0.1:6379",
                            new io.netty.channel.ConnectTimeoutException(
                                    "connection timed out after 200 ms: /127.0.0.1:6379"));
                }
            }

            @Override
            public void close() {
            }
        };

        FailoverBucketStore store = new FailoverBucketStore(slowToConnect, local, clock);

        assertThat(store.status()).isEqualTo(RateLimitStatus.shared(START, 0));
        assertThat(logs.messages(Level.WARN)).as("no 'Redis cannot be used' for a connect that was only slow")
                .isEmpty();
    }

    @Test
    void aRefusedConnectionAtStartIsBelievedAtOnce() {
        shared.up = false;

        FailoverBucketStore store = new FailoverBucketStore(shared, local, clock);

        assertThat(store.status().redis()).isEqualTo(RateLimitStatus.REDIS_DOWN);
        assertThat(shared.pings.get()).isEqualTo(1);
    }

    @Test
    void countsInTheSharedStoreWhileItAnswers() {
        FailoverBucketStore store = new FailoverBucketStore(shared, local, clock);

        store.tryConsume(ONE_BUCKET);

        assertThat(shared.consumed.get()).isEqualTo(1);
        assertThat(store.status()).isEqualTo(RateLimitStatus.shared(START, 0));
    }

    @Test
    void aFailingSharedStoreFallsBackToLocalBucketsWithoutFailingTheRequest() {
        FailoverBucketStore store = new FailoverBucketStore(shared, local, clock);
        shared.up = false;

        BucketProbe probe = store.tryConsume(ONE_BUCKET).getFirst();

        assertThat(probe.hadRoom()).isTrue();
        assertThat(probe.remaining()).as("a fresh local bucket").isEqualTo(2);
        assertThat(store.status()).isEqualTo(RateLimitStatus.fallenBack(START, 1, "connection refused"));
    }

    @Test
    void whileFallenBackRequestsDoNotWaitForTheSharedStore() {
        FailoverBucketStore store = new FailoverBucketStore(shared, local, clock);
        shared.up = false;
        store.tryConsume(ONE_BUCKET);

        for (int i = 0; i < 5; i++) {
            store.tryConsume(ONE_BUCKET);
        }

        assertThat(shared.attempts.get()).as("only the first failed call reached it").isEqualTo(1);
    }

    @Test
    void theOutageIsLoggedOnceAsAWarning() {
        FailoverBucketStore store = new FailoverBucketStore(shared, local, clock);
        shared.up = false;

        store.tryConsume(ONE_BUCKET);
        store.probe();
        store.probe();

        assertThat(logs.messages(Level.WARN)).singleElement().asString()
                .contains("Redis cannot be used (connection refused: ").contains("counting in local buckets");
    }

    @Test
    void aSuccessfulProbeSwitchesBackToTheSharedStore() {
        FailoverBucketStore store = new FailoverBucketStore(shared, local, clock);
        shared.up = false;
        store.tryConsume(ONE_BUCKET);

        shared.up = true;
        store.probe();
        store.tryConsume(ONE_BUCKET);

        assertThat(shared.consumed.get()).isEqualTo(1);
        assertThat(store.status()).isEqualTo(RateLimitStatus.shared(START, 1));
    }

    @Test
    void aFailedProbeFallsBackBeforeAnyRequestFails() {
        FailoverBucketStore store = new FailoverBucketStore(shared, local, clock);
        shared.up = false;

        store.probe();

        assertThat(store.status().redis()).isEqualTo(RateLimitStatus.REDIS_DOWN);
        assertThat(shared.attempts.get()).isZero();
    }

    @Test
    void whileDownTheStatusSaysWhyTheLatestCallFailed() {
        FailoverBucketStore store = new FailoverBucketStore(shared, local, clock);
        shared.up = false;
        store.probe();
        assertThat(store.status().lastError()).hasValue("connection refused");

        shared.failure = () -> new RedisCommandExecutionException("WRONGPASS invalid username-password pair");
        store.probe();

        assertThat(store.status()).as("still the one fallback, now for another reason")
                .isEqualTo(RateLimitStatus.fallenBack(START, 1, "authentication failed"));
    }

    @Test
    void theFallbackLineSaysWhyRedisCannotBeUsed() {
        FailoverBucketStore store = new FailoverBucketStore(shared, local, clock);
        shared.failure = () -> new RedisCommandExecutionException("WRONGPASS invalid username-password pair");
        shared.up = false;

        store.probe();

        assertThat(logs.messages(Level.WARN)).singleElement().asString().startsWith(
                "Rate limits: Redis cannot be used (authentication failed: RedisCommandExecutionException: WRONGPASS");
    }

    @Test
    void anUnreachableStoreAtStartMeansCountingLocallyFromTheFirstRequest() {
        shared.up = false;

        FailoverBucketStore store = new FailoverBucketStore(shared, local, clock);
        store.tryConsume(ONE_BUCKET);

        assertThat(store.status().store()).isEqualTo(RateLimitStatus.STORE_LOCAL);
        assertThat(shared.attempts.get()).isZero();
    }

    @Test
    void closingClosesTheSharedStore() {
        FailoverBucketStore store = new FailoverBucketStore(shared, local, clock).probeEvery(Duration.ofMinutes(1));

        store.close();

        assertThat(shared.closed).isTrue();
    }

    /** A shared store that answers (from buckets of its own) or throws, as a test says, counting the calls. */
    private static final class FlakySharedStore implements SharedBucketStore {
        private final LocalBucketStore buckets = new LocalBucketStore(new ManualTimeMeter(), 1_000);
        volatile boolean up = true;
        /** What calls fail with while not up. */
        volatile Supplier<RuntimeException> failure = () -> new IllegalStateException("Unable to connect",
                new ConnectException("Connection refused"));
        volatile boolean closed;
        /** Pings that time out before one answers, as a client still warming up does. */
        final AtomicInteger slowPings = new AtomicInteger();
        final AtomicInteger pings = new AtomicInteger();
        final AtomicInteger attempts = new AtomicInteger();
        final AtomicInteger consumed = new AtomicInteger();

        @Override
        public List<BucketProbe> tryConsume(List<LimitBucket> checked) {
            attempts.incrementAndGet();
            failWhenDown();
            consumed.incrementAndGet();
            return buckets.tryConsume(checked);
        }

        @Override
        public void ping() {
            pings.incrementAndGet();
            if (slowPings.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("Command timed out after 200 millisecond(s)");
            }
            failWhenDown();
        }

        @Override
        public void close() {
            closed = true;
        }

        private void failWhenDown() {
            if (!up) {
                throw failure.get();
            }
        }
    }
}
