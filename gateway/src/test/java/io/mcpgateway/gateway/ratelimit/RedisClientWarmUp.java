package io.mcpgateway.gateway.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The first Redis connection of a JVM loads and warms Lettuce: one to four seconds on a loaded machine, measured. A
 * store's first ping within the 200 ms Redis timeout the gateway and these tests use then failed ("Currently not
 * connected. Commands are rejected.", "Connection initialization timed out"): the first test class to connect in its
 * JVM saw a store that does not answer, or a gateway that fell back to local counting at start-up (fallbacks 1). Which
 * class that is depends on the order the test classes run in. So a test connects a throwaway store with a long timeout
 * first, once per JVM for a single server and once for a cluster (the cluster client is another path); the stores
 * under test, and the gateways, keep their 200 ms.
 */
final class RedisClientWarmUp {

    private static final Duration PATIENT = Duration.ofSeconds(10);
    private static final AtomicBoolean standalone = new AtomicBoolean();
    private static final AtomicBoolean cluster = new AtomicBoolean();

    private RedisClientWarmUp() {
    }

    /** Pings the single Redis server at {@code url}, unless a warm-up did in this JVM already. */
    static void standalone(String url) {
        once(standalone, url);
    }

    /** Pings the cluster that the node at {@code url} belongs to, unless a cluster warm-up did in this JVM already. */
    static void cluster(String url) {
        once(cluster, url);
    }

    private static void once(AtomicBoolean done, String url) {
        if (done.getAndSet(true)) {
            return;
        }
        try (RedisBucketStore store = new RedisBucketStore(url, PATIENT, "warm-up:")) {
            store.ping();
        } catch (RuntimeException e) {
            // a Redis that refuses the probe (a cluster whose slots no shard holds) was connected to all the same;
            // one out of reach fails the test's own calls, which say so
        }
    }
}
