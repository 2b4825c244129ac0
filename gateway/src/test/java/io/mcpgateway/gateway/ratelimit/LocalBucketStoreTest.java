package io.mcpgateway.gateway.ratelimit;

import static io.mcpgateway.gateway.ratelimit.BucketChecks.checkOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class LocalBucketStoreTest {

    private static final LimitWindow BURST = LimitWindow.burst(20, Duration.ofSeconds(10));
    private static final LimitWindow MINUTE = LimitWindow.perMinute(3);
    private static final LimitBucket BURST_OF_A = new LimitBucket("burst-a", BURST);
    private static final LimitBucket MINUTE_OF_A = new LimitBucket("minute-a", MINUTE);
    private static final List<LimitBucket> BOTH = List.of(BURST_OF_A, MINUTE_OF_A);

    private final ManualTimeMeter time = new ManualTimeMeter();
    private final LocalBucketStore store = new LocalBucketStore(time, 1_000);

    /** Checks BOTH {@code times} times, expecting each check to take its tokens. */
    private void takeBoth(int times) {
        for (int i = 1; i <= times; i++) {
            assertThat(BucketChecks.taken(store.tryConsume(BOTH))).as("check %d", i).isTrue();
        }
    }

    @Nested
    class Bounds {

        @Test
        void aBucketIdleForItsWholeWindowIsDropped() {
            checkOne(store, "a", BURST);
            checkOne(store, "b", BURST);

            time.advance(Duration.ofSeconds(11));

            assertThat(store.size()).isZero();
        }

        @Test
        void aBucketInUseIsKept() {
            checkOne(store, "a", BURST);
            time.advance(Duration.ofSeconds(8));
            checkOne(store, "a", BURST);

            time.advance(Duration.ofSeconds(8));

            assertThat(store.size()).isEqualTo(1);
            assertThat(checkOne(store, "a", BURST).remaining()).as("the window restarted at 10 s").isEqualTo(19);
        }

        @Test
        void manyCallersCannotGrowTheStorePastItsBound() {
            LocalBucketStore small = new LocalBucketStore(time, 100);

            for (int i = 0; i < 5_000; i++) {
                checkOne(small, "caller-" + i, BURST);
            }

            assertThat(small.size()).isLessThanOrEqualTo(100);
        }
    }

    @Nested
    class AllOrNothing {

        @Test
        void aCheckTakesATokenFromEveryBucketWhenAllHaveRoom() {
            List<BucketProbe> probes = store.tryConsume(BOTH);

            assertThat(probes).extracting(BucketProbe::limit, BucketProbe::hadRoom, BucketProbe::remaining)
                    .containsExactly(tuple(BURST, true, 19L), tuple(MINUTE, true, 2L));
            assertThat(probes).extracting(BucketProbe::reset)
                    .containsExactly(BURST.window(), MINUTE.window());
        }

        @Test
        void aRefusedCheckTakesNothingFromTheBucketsWithRoom() {
            takeBoth(3);

            List<BucketProbe> refused = store.tryConsume(BOTH);

            assertThat(refused).extracting(BucketProbe::hadRoom, BucketProbe::remaining)
                    .containsExactly(tuple(true, 17L), tuple(false, 0L));
            assertThat(refused.get(1).reset()).isEqualTo(MINUTE.window());
            assertThat(checkOne(store, BURST_OF_A.key(), BURST).remaining()).isEqualTo(16);
        }

        @Test
        void aRefusedCheckStartsNoWindow() {
            takeBoth(3);
            LimitBucket freshBurst = new LimitBucket("burst-b", BURST);

            BucketProbe untouched = store.tryConsume(List.of(freshBurst, MINUTE_OF_A)).getFirst();

            assertThat(untouched).isEqualTo(BucketProbe.full(BURST));
            assertThat(store.size()).as("no bucket for burst-b").isEqualTo(2);
        }

        @Test
        void aRefusedCheckDoesNotKeepAnIdleBucketCached() {
            takeBoth(3);
            time.advance(Duration.ofSeconds(8));
            assertThat(BucketChecks.taken(store.tryConsume(BOTH))).isFalse();

            time.advance(Duration.ofSeconds(3));

            assertThat(store.size()).as("the burst's bucket, idle since 0 s, is dropped at 10 s").isEqualTo(1);
        }

        @Test
        void concurrentChecksTakeFromAllBucketsOrNone() throws Exception {
            LimitBucket burst = new LimitBucket("burst-b", BURST);
            LimitBucket minute = new LimitBucket("minute-b", LimitWindow.perMinute(30));
            // the second bucket binds: a check that took the burst's token and gave it back when the minute refused
            // would have refused others meanwhile
            for (int i = 0; i < 20; i++) {
                checkOne(store, minute.key(), minute.limit());
            }

            assertThat(BucketChecks.takenOfConcurrentChecks(store, List.of(burst, minute), 100)).isEqualTo(10);
            assertThat(checkOne(store, burst.key(), BURST).remaining()).as("20 - 10 - this probe").isEqualTo(9);
            assertThat(checkOne(store, minute.key(), minute.limit()).hadRoom()).isFalse();
        }
    }
}
