package io.mcpgateway.gateway.ratelimit;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mcpgateway.gateway.GatewayServer;
import io.mcpgateway.testsupport.RefusingPort;

/**
 * {@code /health}'s {@code rate_limits.last_error}: why the gateway counts locally while Redis is down, in words an
 * operator acts on, and, the page being public, without Redis's address or password.
 */
@Timeout(60)
class RedisDownReasonIntegrationTest {

    private static final Duration NOTICED = Duration.ofSeconds(20);
    private static final String LIMITS = "{burst: 10, per_minute: 0}";
    private static final String PASSWORD = "the-right-secret";
    private static final String WRONG_PASSWORD = "not-the-secret";

    private final LimitedGateways gateways = new LimitedGateways();
    private RedisServerProcess redis;

    @AfterEach
    void stop() {
        gateways.close();
        if (redis != null) {
            redis.close();
        }
    }

    private GatewayServer startWithRedisAt(String url) {
        return gateways.start(LIMITS, Map.of("REDIS_URL", url));
    }

    /** The {@code rate_limits} object of {@code gateway}'s {@code /health} once Redis is {@code redisState}. */
    private String awaitRateLimits(GatewayServer gateway, String redisState) {
        await().atMost(NOTICED).untilAsserted(() -> assertThatJson(gateways.get(gateway, "/health").body())
                .inPath("rate_limits.redis").isEqualTo(redisState));
        return gateways.get(gateway, "/health").body();
    }

    @Test
    void aRedisRefusingThePasswordIsDownForAFailedAuthenticationNamingNeitherItsAddressNorThePassword() {
        redis = RedisServerProcess.startOrSkip(RedisDownReasonIntegrationTest.class.getSimpleName());
        redis.requirePassword(PASSWORD);
        String withPassword = redis.url().replace("redis://", "redis://:%s@");

        GatewayServer wrong = startWithRedisAt(withPassword.formatted(WRONG_PASSWORD));
        GatewayServer none = startWithRedisAt(redis.url());
        GatewayServer right = startWithRedisAt(withPassword.formatted(PASSWORD));

        for (GatewayServer refused : new GatewayServer[] {wrong, none}) {
            await().atMost(NOTICED).untilAsserted(() -> assertThatJson(gateways.get(refused, "/health").body())
                    .inPath("rate_limits").isObject().containsEntry("redis", "down")
                    .containsEntry("last_error", "authentication failed"));
            assertThat(gateways.get(refused, "/health").body()).doesNotContain(WRONG_PASSWORD, PASSWORD,
                    ":" + redis.port());
        }
        assertThatJson(awaitRateLimits(right, "up")).as("the same Redis, given its password")
                .inPath("rate_limits").isObject().doesNotContainKey("last_error");
    }

    @Test
    void aRedisWhosePortRefusesConnectionsIsDownForARefusedConnection() {
        try (RefusingPort nothing = new RefusingPort()) {
            GatewayServer gateway = startWithRedisAt("redis://:" + WRONG_PASSWORD + "@127.0.0.1:" + nothing.port());

            String health = awaitRateLimits(gateway, "down");

            assertThatJson(health).inPath("rate_limits.last_error").isEqualTo("connection refused");
            assertThat(health).doesNotContain(WRONG_PASSWORD, ":" + nothing.port());
        }
    }
}
