package io.mcpgateway.gateway.ratelimit;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mcpgateway.gateway.GatewayServer;

/**
 * A fresh gateway counting in Redis whose very first requests are one caller's concurrent burst: the limit holds, and
 * Redis stays the store. Run alone (a JVM whose code is not yet compiled) it is the case that once let the whole burst
 * through: the calls on the one key queued past the Redis timeout and the instance fell back to full local buckets.
 */
@Timeout(120)
class FirstBurstRateLimitIntegrationTest {

    private static final int BURST = 20;
    private static final int REQUESTS = 30;

    @Test
    void aConcurrentBurstAsTheFirstRequestsOfAFreshGatewayIsLimitedInRedis() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.startOrSkip(getClass().getSimpleName());
                LimitedGateways gateways = new LimitedGateways()) {
            GatewayServer gateway = gateways.start("{}", Map.of("REDIS_URL", redis.url(),
                    "RATE_LIMIT_BURST", Integer.toString(BURST), "RATE_LIMIT_PER_MINUTE", "0"));
            String authorization = "Bearer " + gateways.token("eager-caller");

            List<Integer> statuses = sendAtOnce(REQUESTS, () -> gateways.post(gateway, LimitedGateways.ANALYZE,
                    LimitedGateways.BODY, authorization).statusCode());

            assertThat(statuses).as("statuses of the burst").containsOnly(200, 429);
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(BURST);
            assertThat(statuses).filteredOn(s -> s == 429).hasSize(REQUESTS - BURST);
            assertThatJson(gateways.get(gateway, "/health").body()).inPath("rate_limits").isObject()
                    .containsEntry("store", "redis").containsEntry("redis", "up").containsEntry("fallbacks", 0);
        }
    }

    /** Runs {@code requests} calls on virtual threads released together, returning their results. */
    private static List<Integer> sendAtOnce(int requests, Callable<Integer> call)
            throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> sent = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < requests; i++) {
                sent.add(threads.submit(() -> {
                    go.await();
                    return call.call();
                }));
            }
            go.countDown();
        }
        List<Integer> results = new ArrayList<>();
        for (Future<Integer> future : sent) {
            results.add(future.get());
        }
        return results;
    }
}
