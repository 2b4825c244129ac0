package io.mcpgateway.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.lettuce.core.cluster.SlotHash;
import io.mcpgateway.gateway.config.RateLimitSettings;

/**
 * Against a Redis in cluster mode, as a managed one in cluster mode is: a node refuses a script whose keys are in
 * different slots, so a caller's windows, checked in one script, must share one; and with several shards each call
 * must reach the shard holding its caller's slot.
 */
@Timeout(60)
class RedisClusterBucketStoreTest {

    private static final LimitWindow BURST = LimitWindow.burst(2, Duration.ofSeconds(10));
    private static final LimitWindow MINUTE = LimitWindow.perMinute(100);

    /** On a cluster of its own: a warm-up's probe leaves keys on every shard of the cluster it pings. */
    @BeforeAll
    static void warmUpTheClusterClient() {
        List<RedisServerProcess> nodes = RedisServerProcess.startClusterOrSkip(
                RedisClusterBucketStoreTest.class.getSimpleName(), 1);
        try {
            RedisClientWarmUp.cluster(nodes.get(0).url()); // else a test's first ping may not fit in 200 ms
        } finally {
            nodes.forEach(RedisServerProcess::close);
        }
    }

    @Test
    void aCallersWindowsAreCheckedInOneScriptAndTheProbeRunsIt() {
        List<RedisServerProcess> nodes = RedisServerProcess.startClusterOrSkip(getClass().getSimpleName(), 1);
        try (RedisBucketStore store = store(nodes.get(0))) {
            store.ping(); // runs the script: a cluster refusing it must not pass for a store that answers

            assertThat(store.clustered()).isTrue();
            assertThat(store.tryConsume(windows("alice"))).extracting(BucketProbe::hadRoom).containsExactly(true, true);
            assertThat(store.tryConsume(windows("alice"))).extracting(BucketProbe::remaining)
                    .containsExactly(0L, 98L);
            assertThat(store.tryConsume(windows("alice"))).extracting(BucketProbe::hadRoom)
                    .containsExactly(false, true);
        } finally {
            nodes.forEach(RedisServerProcess::close);
        }
    }

    @Test
    void withSeveralShardsEachCallersWindowsAreCountedOnTheShardOfTheirSlot() {
        List<RedisServerProcess> nodes = RedisServerProcess.startClusterOrSkip(getClass().getSimpleName(), 3);
        try (RedisBucketStore store = store(nodes.get(0))) {
            store.ping();

            for (int caller = 0; caller < 30; caller++) { // their slots fall on all three shards
                List<LimitBucket> windows = windows("caller-" + caller);
                assertThat(store.tryConsume(windows)).extracting(BucketProbe::hadRoom).containsExactly(true, true);
                assertThat(store.tryConsume(windows)).extracting(BucketProbe::hadRoom).containsExactly(true, true);
                assertThat(store.tryConsume(windows)).as("caller-" + caller + "'s third request")
                        .extracting(BucketProbe::hadRoom).containsExactly(false, true);
            }
            // the standalone client answered only for the first node's slots: every other call was a MOVED error
            assertThat(nodes).allSatisfy(node -> assertThat(node.keyCount()).isPositive());
        } finally {
            nodes.forEach(RedisServerProcess::close);
        }
    }

    @Test
    void aShardDownFailsTheProbeThoughTheNodeOfTheUrlAnswers() {
        List<RedisServerProcess> nodes = RedisServerProcess.startClusterOrSkip(getClass().getSimpleName(), 3);
        try (RedisBucketStore store = store(nodes.get(0))) {
            store.ping();
            nodes.get(1).kill(); // not the shard of a single probe ({probe:probe} is in slot 12111, the third's)

            // requests of callers on that shard fail: the store must stay "down" rather than come back and fail again
            for (int ping = 0; ping < 3; ping++) {
                assertThatThrownBy(store::ping).isInstanceOf(RuntimeException.class);
            }
        } finally {
            nodes.forEach(RedisServerProcess::close);
        }
    }

    @Test
    void aClusterWhoseSlotsNoShardHoldsFailsTheProbe() {
        RedisServerProcess node = RedisServerProcess.startClusterNodeWithoutSlotsOrSkip(getClass().getSimpleName());
        try (RedisBucketStore store = store(node)) {
            // every request fails (no shard holds its slot): the probe must not pass and switch Redis back 'up'
            assertThatThrownBy(store::ping).isInstanceOf(RuntimeException.class);
            assertThatThrownBy(() -> store.tryConsume(windows("alice"))).isInstanceOf(RuntimeException.class);
        } finally {
            node.close();
        }
    }

    @Test
    void aShardHoldingOnlySlotsNoProbeCallerHashesToIsProbedToo() {
        // slot 15 is one of 48 that none of the callers "probe-0" .. "probe-131071" hashes to (the prober's first ones)
        List<RedisServerProcess> nodes = RedisServerProcess.startClusterOrSkip(getClass().getSimpleName(),
                List.of("0 14 16 16383", "15 15"));
        try (RedisBucketStore store = store(nodes.get(0))) {
            store.ping();
            String caller = IntStream.range(0, 1_000_000).mapToObj(i -> "caller-" + i)
                    .filter(c -> SlotHash.getSlot(windows(c).get(0).key()) == 15).findFirst().orElseThrow();
            nodes.get(1).fillMemory(); // the shard of slot 15 refuses the script, its connection open

            assertThatThrownBy(() -> store.tryConsume(windows(caller))).isInstanceOf(RuntimeException.class);
            assertThatThrownBy(store::ping).as("the probe, while a request of %s fails", caller)
                    .isInstanceOf(RuntimeException.class);
        } finally {
            nodes.forEach(RedisServerProcess::close);
        }
    }

    @Test
    void everySlotHasAProbeCallerWhoseKeysAreInIt() {
        LimitWindow window = LimitWindow.perMinute(1);
        for (int slot = 0; slot < SlotHash.SLOT_COUNT; slot++) {
            assertThat(SlotHash.getSlot(window.key("probe", RedisBucketStore.ProbeCallers.forSlot(slot))))
                    .isEqualTo(slot);
        }
    }

    private static RedisBucketStore store(RedisServerProcess seed) {
        return new RedisBucketStore(seed.url(), RateLimitSettings.DEFAULT_REDIS_TIMEOUT, "cluster:");
    }

    private static List<LimitBucket> windows(String caller) {
        return List.of(new LimitBucket(BURST.key("/route", caller), BURST),
                new LimitBucket(MINUTE.key("/route", caller), MINUTE));
    }
}
