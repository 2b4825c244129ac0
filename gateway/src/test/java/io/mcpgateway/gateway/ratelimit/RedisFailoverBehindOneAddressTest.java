package io.mcpgateway.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * A managed Redis failing over behind its one address (ElastiCache, Sentinel-fronted set-ups): the old primary is
 * demoted to a replica, or stops answering, and the address leads to the new primary. The connection in use stays
 * open to the old one; the shared limits must come back through a new connection, not after a restart.
 */
@Timeout(60)
class RedisFailoverBehindOneAddressTest {

    private static final String PREFIX = "failover:";
    private static final LimitWindow LIMIT = LimitWindow.burst(100, Duration.ofSeconds(30));
    private static final List<LimitBucket> BUCKETS = List.of(new LimitBucket(LIMIT.key("/route", "caller"), LIMIT));

    private RedisServerProcess oldPrimary;
    private RedisServerProcess newPrimary;
    private RedisAddressForwarder address;
    private FailoverBucketStore store;

    @BeforeEach
    void start() throws Exception {
        oldPrimary = RedisServerProcess.startOrSkip(getClass().getSimpleName() + "-old");
        newPrimary = RedisServerProcess.startOrSkip(getClass().getSimpleName() + "-new");
        RedisClientWarmUp.standalone(oldPrimary.url());
        address = new RedisAddressForwarder(oldPrimary.port());
        store = new FailoverBucketStore(new RedisBucketStore(address.url(), Duration.ofMillis(500), PREFIX),
                LocalBucketStore.inMemory(), Clock.systemUTC());
        store.tryConsume(BUCKETS);
        assertThat(store.status().store()).isEqualTo(RateLimitStatus.STORE_REDIS);
        assertThat(callerKeysIn(newPrimary)).isZero();
    }

    @AfterEach
    void stop() throws Exception {
        if (store != null) {
            store.close();
        }
        if (address != null) {
            address.close();
        }
        for (RedisServerProcess redis : new RedisServerProcess[] {oldPrimary, newPrimary}) {
            if (redis != null) {
                redis.close();
            }
        }
    }

    @Test
    void aPrimaryDemotedToAReplicaIsLeftForTheServerTheAddressNowLeadsTo() {
        on(oldPrimary, commands -> commands.replicaof("127.0.0.1", newPrimary.port()));
        address.leadTo(newPrimary.port());

        assertSharedAgainInTheNewPrimary();
    }

    @Test
    void aPrimaryThatStoppedAnsweringIsLeftForTheServerTheAddressNowLeadsTo() {
        oldPrimary.signal("STOP");
        address.leadTo(newPrimary.port());

        assertSharedAgainInTheNewPrimary();
    }

    /** A request on the old connection fails over to local counting; the next probe finds the new primary. */
    private void assertSharedAgainInTheNewPrimary() {
        store.tryConsume(BUCKETS);
        assertThat(store.status().store()).as("a failed request counts locally").isEqualTo(RateLimitStatus.STORE_LOCAL);

        store.probe();

        assertThat(store.status().store()).isEqualTo(RateLimitStatus.STORE_REDIS);
        store.tryConsume(BUCKETS);
        assertThat(callerKeysIn(newPrimary)).as("counted in the new primary").isOne();
        assertThat(address.accepted()).as("through a new connection").isGreaterThan(1);
    }

    private static long callerKeysIn(RedisServerProcess redis) {
        return on(redis, commands -> commands.exists(PREFIX + BUCKETS.getFirst().key() + ":window"));
    }

    /** Runs {@code command} on a connection of its own to {@code redis}. */
    private static <T> T on(RedisServerProcess redis, Function<RedisCommands<String, String>, T> command) {
        RedisClient client = RedisClient.create(redis.url());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return command.apply(connection.sync());
        } finally {
            client.shutdown();
        }
    }
}
