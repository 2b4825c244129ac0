package io.mcpgateway.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcpgateway.gateway.config.ConfigLoader;
import io.mcpgateway.gateway.config.GatewayConfig;

/** The gateway that {@code all} starts reads the process's environment, but trusts only the parts {@code all} runs. */
class AllCommandTest {

    private static final String ISSUER = "http://127.0.0.1:9000";

    private static GatewayConfig configUnder(Map<String, String> processEnvironment) throws Exception {
        return new ConfigLoader(AllCommand.gatewayEnvironment(processEnvironment, ISSUER, 8081, 8082, 8080))
                .load(null);
    }

    @Test
    void rateLimitsAndRedisFromTheEnvironmentApply() throws Exception {
        GatewayConfig config = configUnder(Map.of("RATE_LIMIT_PER_MINUTE", "0", "RATE_LIMIT_BURST", "7",
                "REDIS_URL", "redis://127.0.0.1:6390"));

        assertThat(config.rateLimits().perMinute()).isZero();
        assertThat(config.rateLimits().burst()).isEqualTo(7);
        assertThat(config.rateLimits().redisUrl()).isEqualTo("redis://127.0.0.1:6390");
    }

    @Test
    void rateLimitsAreOffUnlessTheEnvironmentSetsThem() throws Exception {
        // every token of the development issuer is one caller: a script trying the gateway out met 429s
        GatewayConfig config = configUnder(Map.of());
        GatewayConfig one = configUnder(Map.of("RATE_LIMIT_BURST", "5"));

        assertThat(config.rateLimits().perMinute()).isZero();
        assertThat(config.rateLimits().burst()).isZero();
        assertThat(one.rateLimits().burst()).isEqualTo(5);
        assertThat(one.rateLimits().perMinute()).as("the gateway's default").isEqualTo(100);
    }

    @Test
    void theIssuerServersAndPortAreTheOnesAllStarted() throws Exception {
        GatewayConfig config = configUnder(Map.of("COGNITO_USER_POOL_ID", "us-east-1_KePRX24Bn",
                "COGNITO_CLIENT_ID", "someone-else", "OIDC_ISSUER_URL", "https://elsewhere.example",
                "MCP_SEARCH_SERVER_URL", "http://elsewhere:1", "GATEWAY_PORT", "1"));

        assertThat(config.auth().issuer()).isEqualTo(ISSUER);
        assertThat(config.auth().clientIds()).containsExactly("dev-client");
        assertThat(config.backends()).extracting(b -> b.url().toString())
                .containsExactly("http://127.0.0.1:8081", "http://127.0.0.1:8082");
        assertThat(config.server().port()).isEqualTo(8080);
        assertThat(config.server().host()).isEqualTo("127.0.0.1");
    }

    @Test
    void theGatewayListensWhereTheEnvironmentSaysAsTheServersDo() throws Exception {
        assertThat(configUnder(Map.of("GATEWAY_HOST", "0.0.0.0")).server().host()).isEqualTo("0.0.0.0");
    }

    @Test
    void aBadValueInTheEnvironmentStopsStartUpNamingIt() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> configUnder(Map.of("RATE_LIMIT_BURST", "lots")))
                .hasMessageContaining("RATE_LIMIT_BURST");
    }
}
