package io.mcpgateway.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mcpgateway.gateway.config.RateLimitSettings;

/**
 * Against a Redis in cluster mode (one node holding every slot, as a managed one with one shard): it refuses a script
 * whose keys are in different slots, so a caller's windows, checked in one script, must share one.
 */
@Timeout(30)
class RedisClusterBucketStoreTest {

    @Test
    void aCallersWindowsAreCheckedInOneScriptAndTheProbeRunsIt() {
        try (RedisServerProcess redis = RedisServerProcess.startClusterOrSkip(getClass().getSimpleName());
                RedisBucketStore store = new RedisBucketStore(redis.url(), RateLimitSettings.DEFAULT_REDIS_TIMEOUT,
                        "cluster:")) {
            store.ping(); // runs the script: a cluster refusing it must not pass for a store that answers

            LimitWindow burst = LimitWindow.burst(2, Duration.ofSeconds(10));
            LimitWindow minute = LimitWindow.perMinute(100);
            List<LimitBucket> buckets = List.of(new LimitBucket(burst.key("/route", "alice"), burst),
                    new LimitBucket(minute.key("/route", "alice"), minute));

            assertThat(store.tryConsume(buckets)).extracting(BucketProbe::hadRoom).containsExactly(true, true);
            assertThat(store.tryConsume(buckets)).extracting(BucketProbe::remaining).containsExactly(0L, 98L);
            assertThat(store.tryConsume(buckets)).extracting(BucketProbe::hadRoom).containsExactly(false, true);
        }
    }
}
