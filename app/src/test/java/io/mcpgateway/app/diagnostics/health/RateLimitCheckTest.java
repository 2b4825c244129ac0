package io.mcpgateway.app.diagnostics.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.mcpgateway.app.diagnostics.Check;
import io.mcpgateway.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The health command's line on where rate limits are counted, from the gateway's /health. */
class RateLimitCheckTest {

    private static final JsonMapper MAPPER = Json.newMapper();

    private static JsonNode limits(String json) {
        return MAPPER.readTree(json);
    }

    @Test
    void limitsCountedInRedisPassAndCountedLocallyWhileRedisIsDownWarn() {
        assertThat(GatewayChecks.rateLimits(limits("""
                {"enabled":true,"store":"redis","redis":"up","since":"2026-12-06T00:00:00Z","fallbacks":1}""")))
                .hasValue(Check.pass("rate limits", "counted in Redis, shared by every instance (1 fallback to local"
                        + " counting)"));
        assertThat(GatewayChecks.rateLimits(limits("""
                {"enabled":true,"store":"local","redis":"down","since":"2026-12-06T00:01:00Z","fallbacks":2}""")))
                .hasValue(Check.warn("rate limits", "counted locally by each instance since 2026-12-06T00:01:00Z:"
                        + " Redis is down (2 fallbacks to local counting)"));
        assertThat(GatewayChecks.rateLimits(limits("""
                {"enabled":true,"store":"local","redis":"down","since":"2026-12-06T00:01:00Z","fallbacks":2,
                 "last_error":"authentication failed"}""")))
                .hasValue(Check.warn("rate limits", "counted locally by each instance since 2026-12-06T00:01:00Z:"
                        + " Redis is down, authentication failed (2 fallbacks to local counting)"));
    }

    @Test
    void limitsOffOrLocalByConfigurationSayNothing() {
        assertThat(GatewayChecks.rateLimits(limits("""
                {"enabled":true,"store":"local","redis":"not_configured","fallbacks":0}"""))).isEmpty();
        assertThat(GatewayChecks.rateLimits(limits("""
                {"enabled":false,"store":"local","redis":"not_configured","fallbacks":0}"""))).isEmpty();
        assertThat(GatewayChecks.rateLimits(limits("{}"))).isEmpty();
    }
}
