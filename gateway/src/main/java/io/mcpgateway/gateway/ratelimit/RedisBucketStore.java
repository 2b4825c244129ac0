package io.mcpgateway.gateway.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisScriptingCommands;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.StringCodec;

/**
 * Buckets in Redis, each request one {@link FixedWindowScript} call (EVALSHA) that Redis runs atomically, on its own
 * clock, on all the request's buckets, whether it is admitted or refused. Every Redis call is bounded by
 * {@code timeout}, and calls while disconnected fail at once rather than queueing, so a dead or hung Redis costs a
 * request at most that long. Lettuce's own reconnecting is off: {@link #ping()} reconnects, on the caller's schedule,
 * and keys expire once their bucket would be full.
 *
 * <p>A Redis in cluster mode (one shard or several, as ElastiCache's cluster mode and MemoryDB are) is found out when
 * connecting ({@code INFO cluster}) and then spoken to through Lettuce's cluster client, which sends each call to the
 * shard holding its keys and follows the cluster's changes; a caller's keys share a hash tag, so they are in one slot
 * and a script may take them all. The prober then runs the script on every shard, so one shard down is seen as down.
 *
 * <p>This replaced Bucket4j's Lettuce compare-and-swap proxy: concurrent requests on one key all read the bucket, one
 * write wins and the others retry, so a burst of 30 requests of one caller on a fresh gateway queued hundreds of
 * commands on the connection, passed the 200 ms timeout, and switched the instance to full local buckets that let the
 * whole burst through. A script is one round trip per request whatever the concurrency.
 */
final class RedisBucketStore implements SharedBucketStore {

    /** Keys outlive a full refill by this much, so a bucket still in use is never dropped under a caller. */
    private static final Duration KEY_GRACE = Duration.ofSeconds(5);
    /**
     * What {@link #ping()} runs the script on: a PING passes where the script fails (a cluster refusing its keys, a
     * read-only replica after a failover, a full memory), and requests would fall back, come back, and fail again.
     */
    private static final List<LimitBucket> PROBE = probe("probe");
    /**
     * Ends every key. The compare-and-swap proxy kept its buckets as strings under the bare keys; a script meeting one
     * (or an instance of that version meeting a hash) fails on its type, so during a rolling update each version
     * counts in keys of its own instead of falling back to local counting.
     */
    private static final String KEY_SUFFIX = ":window";

    private final RedisURI uri;
    private final RedisClient client;
    private final Duration timeout;
    private final String keyPrefix;
    private volatile Connection current;
    /** Made when the server turns out to be a cluster node (only the prober's thread connects), unless closed. */
    private RedisClusterClient clusterClient;
    private boolean closed;

    /** @param keyPrefix put before every key (rate_limits.redis_key_prefix) */
    RedisBucketStore(String url, Duration timeout, String keyPrefix) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
        this.uri = RedisURI.create(url);
        uri.setTimeout(timeout);
        this.client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).keepAlive(true).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
    }

    /** Keys as a request's: two windows of one caller. */
    private static List<LimitBucket> probe(String caller) {
        return Stream.of(LimitWindow.burst(Integer.MAX_VALUE, Duration.ofSeconds(1)),
                LimitWindow.perMinute(Integer.MAX_VALUE))
                .map(limit -> new LimitBucket(limit.key("probe", caller), limit))
                .toList();
    }

    @Override
    public List<BucketProbe> tryConsume(List<LimitBucket> buckets) {
        String[] keys = buckets.stream().map(this::key).toArray(String[]::new);
        return FixedWindowScript.probes(buckets, run(keys, FixedWindowScript.arguments(buckets, KEY_GRACE)));
    }

    /**
     * Runs the probes, on a new connection when there is none or the one in use fails them: a connection can stay
     * open and fail for good. After a failover behind an unchanged address, the demoted primary answers READONLY to
     * it for as long as it is open, and a server that stopped answering keeps it open until the kernel gives up
     * (minutes), while a new connection reaches the server the address now leads to.
     */
    @Override
    public void ping() {
        Connection connection = current;
        if (connection != null && connection.link().isOpen()) {
            try {
                probe(connection);
                return;
            } catch (RuntimeException e) {
                connection.link().close(); // requests on it fail at once and count locally until a probe passes
            }
        }
        probe(connect());
    }

    private void probe(Connection connection) {
        for (List<LimitBucket> probe : probes(connection)) {
            tryConsume(probe);
        }
    }

    @Override
    public void close() {
        Connection connection = current;
        if (connection != null) {
            connection.link().close();
        }
        client.shutdown(0, timeout.toMillis() * 5, TimeUnit.MILLISECONDS);
        RedisClusterClient cluster;
        synchronized (this) { // a ping still connecting (it may outlast the prober's stop) makes no client after this
            closed = true;
            cluster = clusterClient;
        }
        if (cluster != null) {
            cluster.shutdown(0, timeout.toMillis() * 5, TimeUnit.MILLISECONDS);
        }
    }

    /** Whether this store speaks to a cluster (after the first successful {@link #ping()}). */
    boolean clustered() {
        Connection connection = current;
        return connection != null && connection.link() instanceof StatefulRedisClusterConnection<?, ?>;
    }

    /**
     * The probes {@link #ping()} runs: {@link #PROBE}, or on a cluster one like it in a slot of each shard. A cluster
     * whose shards do not hold every slot fails: requests whose slot no shard holds would fail.
     */
    private static List<List<LimitBucket>> probes(Connection connection) {
        if (!(connection.link() instanceof StatefulRedisClusterConnection<?, ?> cluster)) {
            return List.of(PROBE);
        }
        List<List<LimitBucket>> probes = new ArrayList<>();
        BitSet held = new BitSet(SlotHash.SLOT_COUNT);
        for (RedisClusterNode node : cluster.getPartitions()) { // Lettuce's copy: its refreshes replace the list
            List<Integer> slots = node.getSlots();
            if (!slots.isEmpty()) {
                slots.forEach(held::set);
                probes.add(probe(ProbeCallers.forSlot(slots.get(0))));
            }
        }
        if (held.cardinality() < SlotHash.SLOT_COUNT) {
            throw new RedisConnectionException("the cluster's shards hold " + held.cardinality() + " of its "
                    + SlotHash.SLOT_COUNT + " slots");
        }
        return probes;
    }

    /** A probe caller for each cluster slot: the first {@code probe-N} whose keys are in it. */
    static final class ProbeCallers {

        /** {@code probe-0} to {@code probe-153193} reach every slot; the bound only keeps a mistake finite. */
        private static final int MOST_TRIED = 1_000_000;
        private static final String[] BY_SLOT = new String[SlotHash.SLOT_COUNT];

        static {
            LimitBucket sample = PROBE.get(0);
            int found = 0;
            for (int n = 0; n < MOST_TRIED && found < BY_SLOT.length; n++) {
                String caller = "probe-" + n;
                int slot = SlotHash.getSlot(sample.limit().key("probe", caller));
                if (BY_SLOT[slot] == null) {
                    BY_SLOT[slot] = caller;
                    found++;
                }
            }
        }

        static String forSlot(int slot) {
            String caller = BY_SLOT[slot];
            if (caller == null) {
                throw new IllegalStateException("no probe caller for the cluster slot " + slot);
            }
            return caller;
        }
    }

    private String key(LimitBucket bucket) {
        return keyPrefix + bucket.key() + KEY_SUFFIX;
    }

    /** One script call on the buckets {@code keys}; fails at once when disconnected. */
    private List<Object> run(String[] keys, String[] arguments) {
        Connection connection = current;
        if (connection == null || !connection.link().isOpen()) {
            throw new RedisConnectionException("not connected to Redis");
        }
        try {
            return connection.commands().evalsha(connection.scriptSha(), ScriptOutputType.MULTI, keys, arguments);
        } catch (RedisNoScriptException e) {
            // Redis restarted or its scripts were flushed since we connected; EVAL caches the script again.
            return connection.commands().eval(FixedWindowScript.TEXT, ScriptOutputType.MULTI, keys, arguments);
        }
    }

    /**
     * Opens a connection in place of none or a lost one (Lettuce closes a connection whose link dropped when it does
     * not reconnect itself) and loads the script, which also warms the calls requests will make; only the prober
     * calls this, so two never race.
     */
    private Connection connect() {
        StatefulRedisConnection<String, String> redis = client.connect(StringCodec.UTF8);
        boolean clusterNode;
        try {
            clusterNode = isClusterNode(redis);
            if (!clusterNode) {
                current = new Connection(redis, redis.sync(), redis.sync().scriptLoad(FixedWindowScript.TEXT));
                return current;
            }
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
        redis.close();
        return connectToCluster();
    }

    /** Whether the server is a node of a cluster; one that will not say (INFO refused) is taken for a single one. */
    private static boolean isClusterNode(StatefulRedisConnection<String, String> redis) {
        try {
            return redis.sync().info("cluster").contains("cluster_enabled:1");
        } catch (RedisCommandExecutionException e) {
            return false;
        }
    }

    /**
     * Connects through the cluster client: it learns the shards from the node of the URL and reconnects to each itself
     * (calls while a shard is unreachable still fail at once), and reads the cluster's layout again when a call is
     * redirected or a shard is lost, so a failover or a resharding is followed.
     */
    private Connection connectToCluster() {
        StatefulRedisClusterConnection<String, String> cluster = clusterClient().connect(StringCodec.UTF8);
        try {
            // on every shard (Lettuce sends SCRIPT LOAD to each); a shard that lost it gets EVAL
            current = new Connection(cluster, cluster.sync(), cluster.sync().scriptLoad(FixedWindowScript.TEXT));
            return current;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private synchronized RedisClusterClient clusterClient() {
        if (closed) {
            throw new RedisConnectionException("the rate limits' Redis store is closed");
        }
        if (clusterClient == null) {
            clusterClient = RedisClusterClient.create(uri);
            clusterClient.setOptions(ClusterClientOptions.builder()
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .socketOptions(SocketOptions.builder().connectTimeout(timeout).keepAlive(true).build())
                    .timeoutOptions(TimeoutOptions.enabled(timeout))
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                            .enableAllAdaptiveRefreshTriggers().build())
                    .build());
        }
        return clusterClient;
    }

    /** A connection to a single server or to a cluster, with the commands and the loaded script's hash. */
    private record Connection(StatefulConnection<String, String> link, RedisScriptingCommands<String, String> commands,
            String scriptSha) {
    }
}
