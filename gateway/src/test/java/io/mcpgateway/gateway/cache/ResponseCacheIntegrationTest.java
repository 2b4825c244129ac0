package io.mcpgateway.gateway.cache;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mcpgateway.gateway.GatewayFixture;

/** A repeated search is answered by the gateway's cache: the backend sees one call, the metrics see the hit. */
@Timeout(120)
class ResponseCacheIntegrationTest {

    private static final String ROUTE = "/api/v1/restaurants/search/district";

    @AutoClose
    private static GatewayFixture system;

    @BeforeAll
    static void start() {
        system = new GatewayFixture();
    }

    private static long backendCalls() {
        var metrics = system.mapper.readTree(system.get("/metrics").body());
        long calls = 0;
        for (var call : metrics.path("backends")) {
            if (call.path("tool").asString("").equals("search_restaurants_by_district")) {
                calls += call.path("count").asLong();
            }
        }
        return calls;
    }

    @Test
    void repeatedSearchIsServedFromTheCacheAndTheBypassHeaderGoesToTheBackend() {
        String body = "{\"districts\": [\"Sheung Wan\"], \"limit\": 7}";

        HttpResponse<String> first = system.postWithToken(ROUTE, body);
        long afterFirst = backendCalls();
        HttpResponse<String> second = system.postWithToken(ROUTE, body);
        HttpResponse<String> bypass = system.post(ROUTE, body, "Authorization", "Bearer " + system.token(),
                "Cache-Control", "no-cache");

        assertThat(first.headers().firstValue("X-Cache")).hasValue("MISS");
        assertThat(second.headers().firstValue("X-Cache")).hasValue("HIT");
        assertThatJson(second.body()).inPath("data").isEqualTo(system.mapper.readTree(first.body()).get("data").toString());
        assertThat(bypass.headers().firstValue("X-Cache")).hasValue("BYPASS");
        assertThat(backendCalls()).isEqualTo(afterFirst + 1);
        assertThat(system.get("/metrics/prometheus").body()).contains("gateway_cache_lookups_total{backend=\"restaurant-search\",result=\"hit\"");
    }
}
