package io.mcpgateway.gateway.cache;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
        assertThat(second.headers().firstValue("Age")).hasValueSatisfying(age -> assertThat(Long.parseLong(age))
                .isBetween(0L, 60L));
        assertThat(first.headers().firstValue("Age")).as("only a kept answer has an age").isEmpty();
        assertThatJson(second.body()).inPath("data").isEqualTo(system.mapper.readTree(first.body()).get("data").toString());
        assertThat(bypass.headers().firstValue("X-Cache")).hasValue("BYPASS");
        assertThat(backendCalls()).isEqualTo(afterFirst + 1);
        assertThat(system.get("/metrics/prometheus").body()).contains("gateway_cache_lookups_total{backend=\"restaurant-search\",result=\"hit\"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no-cache on a second line|Cache-Control|max-age=10|Cache-Control|no-cache",
            "max-age=0, which takes no stored answer|Cache-Control|max-age=0|X-Other|1",
            "an HTTP/1.0 client's Pragma|Pragma|no-cache|X-Other|1"})
    void everyWayOfAskingForAFreshAnswerBypassesTheCache(String what, String name1, String value1, String name2,
            String value2) {
        String body = "{\"districts\": [\"Sai Kung\"], \"limit\": 3}";
        system.postWithToken(ROUTE, body);

        HttpResponse<String> fresh = system.post(ROUTE, body, "Authorization", "Bearer " + system.token(),
                name1, value1, name2, value2);
        HttpResponse<String> stored = system.post(ROUTE, body, "Authorization", "Bearer " + system.token(),
                "Cache-Control", "max-age=10", "Pragma", "no-cache");

        assertThat(fresh.headers().firstValue("X-Cache")).as(what).hasValue("BYPASS");
        assertThat(stored.headers().firstValue("X-Cache")).as("Pragma counts only without Cache-Control")
                .hasValue("HIT");
    }
}
