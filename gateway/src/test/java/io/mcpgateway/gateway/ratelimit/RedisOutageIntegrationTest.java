package io.mcpgateway.gateway.ratelimit;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mcpgateway.gateway.GatewayServer;

/**
 * Redis failing under two gateway instances: killed, frozen, then back. No request fails meanwhile; each instance
 * counts locally, says so in /health, and shares limits again once Redis answers.
 */
@Timeout(120)
class RedisOutageIntegrationTest {

    private static final Duration NOTICED = Duration.ofSeconds(20);

    private RedisServerProcess redis;
    private LimitedGateways gateways;
    private GatewayServer first;
    private GatewayServer second;

    @BeforeEach
    void start() {
        redis = RedisServerProcess.startOrSkip(RedisOutageIntegrationTest.class.getSimpleName());
        gateways = new LimitedGateways();
        List<GatewayServer> instances = gateways.startSharing(redis.url(), 10);
        first = instances.get(0);
        second = instances.get(1);
    }

    @AfterEach
    void stop() {
        if (gateways != null) {
            gateways.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private void awaitHealth(GatewayServer gateway, String store, String redisState) {
        await().atMost(NOTICED).untilAsserted(() -> assertThatJson(gateways.get(gateway, "/health").body())
                .inPath("rate_limits").isObject().containsEntry("store", store).containsEntry("redis", redisState));
    }

    @Test
    void killingRedisFallsBackToLocalLimitsWithoutFailingARequest() {
        assertThat(gateways.statuses(first, "caller", 3)).containsOnly(200);
        assertThat(gateways.get(first, "/metrics/prometheus").body()).contains("gateway_rate_limit_store_shared 1.0")
                .contains("gateway_rate_limit_store_fallbacks_total 0.0");

        redis.kill();
        List<Integer> onFirst = gateways.statuses(first, "caller", 11);
        List<Integer> onSecond = gateways.statuses(second, "caller", 11);

        assertThat(onFirst).as("a fresh local limit of 10 on each instance").containsExactly(
                200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 429);
        assertThat(onSecond).containsExactly(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 429);
        awaitHealth(first, "local", "down");
        assertThatJson(gateways.get(first, "/health").body()).inPath("rate_limits.fallbacks").isEqualTo(1);
        assertThat(gateways.get(first, "/health").statusCode()).as("serving").isEqualTo(200);
        assertThatJson(gateways.get(first, "/health").body()).inPath("status").as("not as configured: limits apart")
                .isEqualTo("degraded");
        assertThat(gateways.get(first, "/metrics/prometheus").body()).as("for dashboards and alerts too")
                .contains("gateway_rate_limit_store_shared 0.0")
                .contains("gateway_rate_limit_store_fallbacks_total 1.0");
        // the request that found the connection lost gives way to the probes, which find nothing on the port
        await().atMost(NOTICED).untilAsserted(() -> assertThatJson(gateways.get(first, "/health").body())
                .inPath("rate_limits.last_error").isEqualTo("connection refused"));
    }

    @Test
    void redisBackOnItsPortIsSharedAgain() {
        redis.kill();
        awaitHealth(first, "local", "down");
        awaitHealth(second, "local", "down");

        redis.start();
        awaitHealth(first, "redis", "up");
        awaitHealth(second, "redis", "up");

        for (int i = 1; i <= 10; i++) {
            assertThat(gateways.analyze(i % 2 == 0 ? first : second, "returning-caller").statusCode())
                    .as("request %d", i).isEqualTo(200);
        }
        assertThat(gateways.analyze(first, "returning-caller").statusCode()).isEqualTo(429);
        assertThat(gateways.analyze(second, "returning-caller").statusCode()).isEqualTo(429);
    }

    @Test
    void aFrozenRedisCannotStallRequests() {
        redis.signal("STOP");

        // Each request has 5 s (the test client's timeout); Redis calls give up after 200 ms.
        assertThat(gateways.statuses(first, "patient-caller", 5)).containsOnly(200);
        awaitHealth(first, "local", "down");
        assertThatJson(gateways.get(first, "/health").body()).inPath("rate_limits.last_error").isEqualTo("timed out");

        redis.signal("CONT");
        awaitHealth(first, "redis", "up");
        assertThat(gateways.statuses(first, "patient-caller", 1)).containsOnly(200);
    }
}
