package io.mcpgateway.gateway.ratelimit;

import static io.mcpgateway.gateway.ratelimit.BucketChecks.taken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

import io.github.bucket4j.TimeMeter;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.mcpgateway.gateway.config.RateLimitSettings;

/** The store's script against a real redis-server: the same counts as the buckets in memory, atomically. */
@Timeout(30)
class RedisBucketStoreTest {

    private static final String PREFIX = "test:";
    private static final Duration WINDOW = Duration.ofSeconds(2);
    private static final LimitWindow LIMIT = LimitWindow.burst(3, WINDOW);
    /** How much less than a window a fresh bucket's first answer may say is left: the time of the call itself. */
    private static final Duration SAME_RESET = Duration.ofMillis(100);

    private static RedisServerProcess redis;
    private static RedisClient inspector;
    private static StatefulRedisConnection<String, String> inspection;

    private RedisBucketStore store;
    private String testName;

    @BeforeAll
    static void startRedis() {
        redis = RedisServerProcess.startOrSkip(RedisBucketStoreTest.class.getSimpleName());
        RedisClientWarmUp.standalone(redis.url()); // else the first test's ping may not fit in the 200 ms timeout
        inspector = RedisClient.create(redis.url());
        inspection = inspector.connect();
    }

    @AfterAll
    static void stopRedis() {
        if (inspector != null) {
            inspection.close();
            inspector.shutdown();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void connect(TestInfo test) {
        store = new RedisBucketStore(redis.url(), RateLimitSettings.DEFAULT_REDIS_TIMEOUT, PREFIX);
        store.ping();
        testName = test.getDisplayName();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static RedisCommands<String, String> redisCommands() {
        return inspection.sync();
    }

    /** This test's bucket of {@code limit}. */
    private LimitBucket bucket(LimitWindow limit) {
        return new LimitBucket(limit.key("/route", testName), limit);
    }

    private BucketProbe checkOne(LimitWindow limit) {
        return BucketChecks.checkOne(store, bucket(limit).key(), limit);
    }

    /** The Redis hash of each bucket, as the script left it. */
    private static List<Map<String, String>> hashes(List<LimitBucket> buckets) {
        return buckets.stream().map(bucket -> redisCommands().hgetall(PREFIX + bucket.key() + ":window")).toList();
    }

    /** Calls within windows and in the windows after: the two stores count alike, whichever a gateway uses. */
    @Test
    void countsLikeTheBucketsInMemoryAcrossWindows() throws InterruptedException {
        StoresCompared stores = new StoresCompared(List.of(bucket(LIMIT)));
        long start = System.nanoTime();

        for (int i = 1; i <= 4; i++) {
            stores.assertSameProbes("call " + i + " of the first window");
        }

        sleepUntil(start, WINDOW.dividedBy(2));
        stores.assertSameProbes("later in the first window");

        sleepUntil(start, WINDOW.multipliedBy(5).dividedBy(4));
        for (int i = 1; i <= 4; i++) {
            stores.assertSameProbes("call " + i + " of the second window");
        }

        sleepUntil(start, WINDOW.multipliedBy(7).dividedBy(4));
        stores.assertSameProbes("later in the second window");
        // the second window began with its first call (at 5/4 of a window): the third half a window after it ends
        sleepUntil(start, WINDOW.multipliedBy(11).dividedBy(4));
        stores.assertSameProbes("in the third window");
    }

    /**
     * Checks of a short and a long window, refused by each alone and by both, and across the short one's ends: the
     * two stores count alike. The steps keep a quarter of a short window clear of every window end.
     */
    @Test
    void checksOfTwoWindowsCountLikeTheBucketsInMemory() throws InterruptedException {
        Duration shortWindow = Duration.ofSeconds(1);
        LimitWindow shortLimit = LimitWindow.burst(2, shortWindow);
        LimitWindow longLimit = new LimitWindow(LimitWindow.PER_MINUTE, 4, shortWindow.multipliedBy(3));
        StoresCompared stores = new StoresCompared(List.of(bucket(shortLimit), bucket(longLimit)));
        long start = System.nanoTime();

        stores.expect("0 s: taken", "1 left", "3 left");
        stores.expect("0 s: taken", "0 left", "2 left");
        stores.expect("0 s: refused by the short window alone", "no room", "2 left");

        sleepUntil(start, Duration.ofMillis(1_250));
        stores.expect("1.25 s: the short window's next starts", "1 left", "1 left");
        stores.expect("1.25 s: taken", "0 left", "0 left");
        stores.expect("1.25 s: refused by both", "no room", "no room");

        sleepUntil(start, Duration.ofMillis(2_500));
        stores.expect("2.5 s: refused by the long window alone, the short one over and left so", "2 left", "no room");

        sleepUntil(start, Duration.ofMillis(3_250));
        stores.expect("3.25 s: both windows start anew", "1 left", "3 left");
    }

    @Test
    void aRefusedCheckLeavesEveryWindowAsItWas() {
        List<LimitBucket> buckets = List.of(bucket(LimitWindow.burst(2, Duration.ofSeconds(10))),
                bucket(LimitWindow.perMinute(5)));
        store.tryConsume(buckets);
        store.tryConsume(buckets);
        List<Map<String, String>> before = hashes(buckets);
        List<Long> expiryBefore = expiries(buckets);

        List<BucketProbe> refused = store.tryConsume(buckets);

        assertThat(refused).extracting(BucketProbe::hadRoom, BucketProbe::remaining)
                .containsExactly(tuple(false, 0L), tuple(true, 3L));
        assertThat(hashes(buckets)).isEqualTo(before);
        // an expiry set again would have been set later: the keys would expire as late or later than before
        assertThat(expiries(buckets)).zipSatisfy(expiryBefore, (after, earlier) -> assertThat(after)
                .isLessThanOrEqualTo(earlier));
    }

    /** Each bucket's key's remaining time to live, in milliseconds. */
    private static List<Long> expiries(List<LimitBucket> buckets) {
        return buckets.stream().map(bucket -> redisCommands().pttl(PREFIX + bucket.key() + ":window")).toList();
    }

    @Test
    void aRefusedCheckStartsNoWindow() {
        LimitWindow spent = LimitWindow.perMinute(1);
        checkOne(spent);
        LimitBucket fresh = bucket(LIMIT);

        List<BucketProbe> refused = store.tryConsume(List.of(fresh, bucket(spent)));

        assertThat(refused.getFirst()).isEqualTo(BucketProbe.full(LIMIT));
        assertThat(redisCommands().exists(PREFIX + fresh.key() + ":window")).isZero();
    }

    @Test
    void aRefusalSaysTheWholeQuotaIsBackWhenTheWindowEnds() {
        Duration first = checkOne(LIMIT).reset();
        checkOne(LIMIT);
        checkOne(LIMIT);

        BucketProbe refused = checkOne(LIMIT);

        assertThat(refused.hadRoom()).isFalse();
        assertThat(first).isBetween(LIMIT.window().minus(SAME_RESET), LIMIT.window());
        assertThat(refused.reset()).isPositive().isLessThanOrEqualTo(first);
    }

    /** Every check is one script run, one round trip, whether it is taken or refused. */
    @Test
    void everyCheckIsOneScriptRunWhateverItsOutcome() {
        List<LimitBucket> buckets = List.of(bucket(LimitWindow.burst(2, Duration.ofSeconds(10))),
                bucket(LimitWindow.perMinute(3)));
        redisCommands().configResetstat();

        List<Boolean> outcomes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            outcomes.add(taken(store.tryConsume(buckets)));
        }

        assertThat(outcomes).containsExactly(true, true, false, false, false, false);
        Map<String, Long> calls = commandCalls();
        assertThat(calls).containsEntry("evalsha", 6L).doesNotContainKey("eval");
    }

    @Test
    void concurrentChecksTakeFromAllBucketsOrNone() throws Exception {
        LimitBucket burst = bucket(LimitWindow.burst(20, Duration.ofSeconds(10)));
        LimitBucket minute = bucket(LimitWindow.perMinute(30));
        for (int i = 0; i < 20; i++) { // the second bucket binds, as in LocalBucketStoreTest
            checkOne(minute.limit());
        }

        assertThat(BucketChecks.takenOfConcurrentChecks(store, List.of(burst, minute), 100)).isEqualTo(10);
        assertThat(checkOne(burst.limit()).remaining()).as("20 - 10 - this probe").isEqualTo(9);
        assertThat(checkOne(minute.limit()).hadRoom()).isFalse();
    }

    @Test
    void aKeyCarriesThePrefixAndExpiresAfterItsWindowAndTheGrace() {
        checkOne(LIMIT);

        long ttl = redisCommands().pttl(PREFIX + bucket(LIMIT).key() + ":window");

        assertThat(ttl).isBetween(Duration.ofSeconds(5).toMillis(), LIMIT.window().plusSeconds(5).toMillis());
    }

    @Test
    void aScriptFlushedFromRedisIsSentAgain() {
        checkOne(LIMIT);

        redisCommands().scriptFlush();

        assertThat(checkOne(LIMIT).remaining()).as("counting on").isEqualTo(1);
        assertThat(checkOne(LIMIT).remaining()).as("cached again").isZero();
    }

    @Test
    void callsFailAtOnceUntilTheFirstPingConnects() {
        try (RedisBucketStore unconnected = new RedisBucketStore(redis.url(), Duration.ofSeconds(1), PREFIX)) {
            assertThatThrownBy(() -> BucketChecks.checkOne(unconnected, bucket(LIMIT).key(), LIMIT))
                    .isInstanceOf(RedisConnectionException.class);
        }
    }

    /** How often Redis ran each command since its statistics were reset, from INFO commandstats. */
    private static Map<String, Long> commandCalls() {
        // lines like "cmdstat_evalsha:calls=6,usec=93,usec_per_call=15.50,rejected_calls=0,failed_calls=0"
        return redisCommands().info("commandstats").lines()
                .filter(line -> line.startsWith("cmdstat_"))
                .collect(Collectors.toMap(line -> line.substring("cmdstat_".length(), line.indexOf(':')),
                        line -> Long.parseLong(Arrays.stream(line.substring(line.indexOf(':') + 1).split(","))
                                .filter(field -> field.startsWith("calls="))
                                .findFirst().orElseThrow().substring("calls=".length()))));
    }

    /** Sleeps until {@code offset} after {@code startNanos}. */
    private static void sleepUntil(long startNanos, Duration offset) throws InterruptedException {
        long left = startNanos + offset.toNanos() - System.nanoTime();
        if (left > 0) {
            Thread.sleep(Duration.ofNanos(left));
        }
    }

    /** The same checks on this Redis store and on buckets in memory, compared check by check. */
    private final class StoresCompared {

        private final List<LimitBucket> buckets;
        private final LocalBucketStore local = new LocalBucketStore(TimeMeter.SYSTEM_NANOTIME, 1_000);

        StoresCompared(List<LimitBucket> buckets) {
            this.buckets = buckets;
        }

        /**
         * One check on each store; they agree on which buckets had room and what is left, and both say each quota
         * is back within its window. When exactly is each store's own once a window has ended unused: the script
         * starts the next window at the call that takes its first token, Bucket4j in memory sometimes on the grid
         * of the first window (measured: 1.0 against 2.0 s left); the tests' calls keep clear of window ends, where
         * the two could differ on a call a millisecond apart.
         */
        List<BucketProbe> assertSameProbes(String step) {
            List<BucketProbe> inRedis = store.tryConsume(buckets);
            List<BucketProbe> inMemory = local.tryConsume(buckets);

            assertThat(inRedis).as("%s had room", step).extracting(BucketProbe::hadRoom)
                    .isEqualTo(inMemory.stream().map(BucketProbe::hadRoom).toList());
            assertThat(inRedis).as("%s remaining", step).extracting(BucketProbe::remaining)
                    .isEqualTo(inMemory.stream().map(BucketProbe::remaining).toList());
            for (List<BucketProbe> probes : List.of(inRedis, inMemory)) {
                for (BucketProbe probe : probes) {
                    assertResetFits(step, probe, taken(probes));
                }
            }
            return inRedis;
        }

        /** {@link #assertSameProbes}, and each bucket as expected: its tokens left ("1 left"), or "no room". */
        void expect(String step, String... buckets) {
            assertThat(assertSameProbes(step)).as(step)
                    .extracting(probe -> probe.hadRoom() ? probe.remaining() + " left" : "no room")
                    .containsExactly(buckets);
        }

        /** A window under way ends within its length; none is under way only in a full bucket, untaken. */
        private static void assertResetFits(String step, BucketProbe probe, boolean taken) {
            assertThat(probe.reset()).as("%s reset of %s", step, probe.limit().name())
                    .isLessThanOrEqualTo(probe.limit().window());
            assertThat(probe.reset().isZero()).as("%s no window of %s under way", step, probe.limit().name())
                    .isEqualTo(!taken && probe.remaining() == probe.limit().capacity());
        }
    }
}
