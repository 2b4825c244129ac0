package io.mcpgateway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RateLimitSettingsTest {

    private final RateLimitSettings limits = new RateLimitSettings(100, 20, Duration.ofSeconds(10), null, Map.of(
            "/api/slow", new RateLimitSettings.RouteLimit(5, 0),
            "/api/bursty", new RateLimitSettings.RouteLimit(0, 3),
            "/api/open", new RateLimitSettings.RouteLimit(0, 0),
            "/api/single", new RateLimitSettings.RouteLimit(0, 1)));

    @Test
    void aRouteWithoutLimitsOfItsOwnIsDescribedWithTheSharedDefaults() {
        assertThat(limits.describe("/api/search")).isEqualTo("100 requests per minute and 20 per 10 s per caller,"
                + " counted together with the caller's calls of the other routes without limits of their own");
    }

    @Test
    void aRouteOverrideIsDescribedAsItsOwn() {
        assertThat(limits.describe("/api/slow")).isEqualTo("5 requests per minute per caller, for this route and /mcp"
                + " calls of its tool alone");
        assertThat(limits.describe("/api/bursty")).isEqualTo("3 requests per 10 s per caller, for this route and /mcp"
                + " calls of its tool alone");
        assertThat(limits.describe("/api/single")).startsWith("1 request per 10 s per caller");
        assertThat(limits.describe("/api/open")).isEqualTo("none");
    }
}
