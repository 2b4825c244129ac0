package io.mcpgateway.gateway.ratelimit;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mcpgateway.gateway.GatewayServer;

/** Two gateway instances sharing one real redis-server count every caller against one limit. */
@Timeout(120)
class SharedRateLimitIntegrationTest {

    private static RedisServerProcess redis;
    private static LimitedGateways gateways;
    private static GatewayServer first;
    private static GatewayServer second;

    @BeforeAll
    static void start() {
        redis = RedisServerProcess.startOrSkip(SharedRateLimitIntegrationTest.class.getSimpleName());
        gateways = new LimitedGateways();
        List<GatewayServer> instances = gateways.startSharing(redis.url(), 10);
        first = instances.get(0);
        second = instances.get(1);
    }

    @AfterAll
    static void stop() {
        if (gateways != null) {
            gateways.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void requestsSpreadOverBothInstancesShareOneLimit() {
        for (int i = 1; i <= 10; i++) {
            HttpResponse<String> response = gateways.analyze(i % 2 == 0 ? first : second, "shared-caller");
            assertThat(response.statusCode()).as("request %d", i).isEqualTo(200);
            assertThat(response.headers().firstValue("X-RateLimit-Remaining")).as("request %d", i)
                    .hasValue(Integer.toString(10 - i));
        }

        HttpResponse<String> onFirst = gateways.analyze(first, "shared-caller");
        HttpResponse<String> onSecond = gateways.analyze(second, "shared-caller");

        assertThat(onFirst.statusCode()).isEqualTo(429);
        assertThat(onSecond.statusCode()).isEqualTo(429);
        assertThat(onSecond.headers().firstValue("Retry-After")).isPresent();
        assertThatJson(onSecond.body()).inPath("error.type").isEqualTo("RateLimitError");
    }

    @Test
    void aDeploymentWithAnotherKeyPrefixCountsApartInTheSameRedis() {
        GatewayServer staging = gateways.start("{redis_key_prefix: \"staging:\"}", Map.of("REDIS_URL", redis.url(),
                "RATE_LIMIT_BURST", "10", "RATE_LIMIT_PER_MINUTE", "0"));
        assertThat(gateways.statuses(first, "two-deployments", 10)).containsOnly(200);
        assertThat(gateways.analyze(second, "two-deployments").statusCode()).isEqualTo(429);

        assertThat(gateways.statuses(staging, "two-deployments", 10)).containsOnly(200);
        assertThat(gateways.analyze(staging, "two-deployments").statusCode()).isEqualTo(429);
    }

    @Test
    void anotherCallerHasItsOwnSharedLimit() {
        assertThat(gateways.statuses(first, "spender", 10)).containsOnly(200);
        assertThat(gateways.analyze(second, "spender").statusCode()).isEqualTo(429);

        assertThat(gateways.analyze(second, "saver").statusCode()).isEqualTo(200);
    }

    @Test
    void healthSaysLimitsAreSharedThroughRedis() {
        HttpResponse<String> health = gateways.get(first, "/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThatJson(health.body()).inPath("rate_limits").isObject()
                .containsEntry("enabled", true).containsEntry("store", "redis").containsEntry("redis", "up")
                .containsEntry("fallbacks", 0).containsKey("since");
    }
}
