package io.mcpgateway.gateway.ratelimit;

import static io.mcpgateway.gateway.ratelimit.LimitedGateways.ANALYZE;
import static io.mcpgateway.gateway.ratelimit.LimitedGateways.RECOMMEND;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mcpgateway.gateway.GatewayServer;
import io.mcpgateway.json.Json;

/** Rate limits over HTTP on one instance counting locally: defaults, a route override, and limits turned off. */
@Timeout(120)
class RateLimitIntegrationTest {

    private static LimitedGateways gateways;
    private static GatewayServer defaults;

    @BeforeAll
    static void start() {
        gateways = new LimitedGateways();
        defaults = gateways.start("{routes: {%s: {burst: 2}}}".formatted(RECOMMEND), Map.of());
    }

    @AfterAll
    static void stop() {
        if (gateways != null) {
            gateways.close();
        }
    }

    private static void exhaust(GatewayServer gateway, String subject, int requests) {
        assertThat(gateways.statuses(gateway, subject, requests)).as("all %d pass", requests).containsOnly(200);
    }

    @Nested
    class Burst {

        @Test
        void theTwentyFirstRequestOfABurstIsRefusedWithTheErrorEnvelopeAndHeaders() {
            exhaust(defaults, "burst-caller", 20);

            HttpResponse<String> refused = gateways.analyze(defaults, "burst-caller");

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThatJson(refused.body()).whenIgnoringPaths("error.request_id", "error.timestamp",
                    "error.details.retry_after", "error.message").isEqualTo("""
                    {"success": false, "error": {"type": "RateLimitError", "code": "RATE_LIMIT_EXCEEDED",
                     "message": "", "details": {"limit": 20, "window": 10, "retry_after": 0},
                     "request_id": "", "timestamp": ""}}""");
            assertThatJson(refused.body()).inPath("error.message").asString()
                    .startsWith("Rate limit exceeded: 20 requests per 10 seconds; retry after ");
            long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).isBetween(1L, 10L);
            assertThatJson(refused.body()).inPath("error.details.retry_after").isEqualTo(retryAfter);
            assertThat(refused.headers().firstValue("X-RateLimit-Limit")).hasValue("20");
            assertThat(refused.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
            assertThat(refused.headers().firstValue("X-RateLimit-Reset")).hasValue(Long.toString(retryAfter));
            assertThat(refused.headers().firstValue("X-Request-ID")).isPresent();
        }

        @Test
        void anotherCallerStillPassesWhileTheFirstIsRefused() {
            exhaust(defaults, "busy-caller", 20);
            assertThat(gateways.analyze(defaults, "busy-caller").statusCode()).isEqualTo(429);

            HttpResponse<String> other = gateways.analyze(defaults, "quiet-caller");

            assertThat(other.statusCode()).isEqualTo(200);
            assertThat(other.headers().firstValue("X-RateLimit-Remaining")).hasValue("19");
        }

        @Test
        void refusalsAreCountedPerRouteInMetrics() {
            exhaust(defaults, "counted-caller", 20);
            gateways.analyze(defaults, "counted-caller");

            HttpResponse<String> metrics = gateways.get(defaults, "/metrics");

            assertThatJson(metrics.body()).inPath("rate_limits.rejections").isIntegralNumber()
                    .isPositive();
            assertThatJson(metrics.body()).inPath("rate_limits.rejections_by_route").isObject()
                    .containsKey(ANALYZE);
            assertThat(gateways.get(defaults, "/metrics/prometheus").body())
                    .contains("gateway_ratelimit_rejections_total{limit=\"burst\",route=\"" + ANALYZE + "\"}");
        }
    }

    @Nested
    class McpEndpoint {

        private static final String CALL = """
                {"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"analyze_restaurant_sentiment",
                 "arguments":%s}}""".formatted(LimitedGateways.BODY);
        private static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}";

        @Test
        void toolCallsShareTheCallersBudgetWithTheRoutesWhileOtherMethodsAreNotCounted() {
            exhaust(defaults, "mcp-caller", 19);
            for (int i = 0; i < 5; i++) {
                assertThat(gateways.mcp(defaults, "mcp-caller", PING).statusCode()).as("ping %d", i).isEqualTo(200);
            }
            HttpResponse<String> twentieth = gateways.mcp(defaults, "mcp-caller", CALL);
            assertThat(twentieth.statusCode()).isEqualTo(200);
            assertThatJson(twentieth.body()).inPath("result.isError").isEqualTo(false);

            HttpResponse<String> refused = gateways.mcp(defaults, "mcp-caller", CALL);

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(refused.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
            assertThatJson(refused.body()).inPath("error.type").isEqualTo("RateLimitError");
            assertThat(gateways.mcp(defaults, "mcp-caller", PING).statusCode()).isEqualTo(200);
        }

        @Test
        void aBatchedToolCallOverTheBudgetIsThatCallsErrorAndTheRestIsAnswered() {
            exhaust(defaults, "mcp-batcher", 19);
            long eventsBefore = rateLimitedEventsOfMcp();

            HttpResponse<String> batch = gateways.mcp(defaults, "mcp-batcher", "[" + CALL + ","
                    + CALL.replace("\"id\":1", "\"id\":7") + "," + PING + "]");

            assertThat(batch.statusCode()).isEqualTo(200);
            assertThatJson(batch.body()).inPath("[0].result.isError").isEqualTo(false);
            assertThatJson(batch.body()).inPath("[1].id").isEqualTo(7);
            assertThatJson(batch.body()).inPath("[1].error.code").isEqualTo(-32000);
            assertThatJson(batch.body()).inPath("[1].error.message").asString().startsWith("Rate limit exceeded");
            assertThatJson(batch.body()).inPath("[1].error.data.error.code").isEqualTo("RATE_LIMIT_EXCEEDED");
            assertThatJson(batch.body()).inPath("[1].error.data.error.details.retry_after").isNumber();
            assertThatJson(batch.body()).inPath("[2].result").isObject().isEmpty();
            assertThat(rateLimitedEventsOfMcp()).as("the refusal inside the batch is a security event")
                    .isEqualTo(eventsBefore + 1);
        }

        private long rateLimitedEventsOfMcp() {
            return Json.newMapper().readTree(gateways.get(defaults, "/metrics/security").body())
                    .path("endpoint_breakdown").path("/mcp").path("rate_limited").asLong(0);
        }
    }

    @Nested
    class Headers {

        @Test
        void aSuccessfulResponseCarriesTheTightestLimit() {
            HttpResponse<String> response = gateways.analyze(defaults, "header-caller");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("X-RateLimit-Limit")).hasValue("20");
            assertThat(response.headers().firstValue("X-RateLimit-Remaining")).hasValue("19");
            assertThat(Long.parseLong(response.headers().firstValue("X-RateLimit-Reset").orElseThrow()))
                    .isBetween(1L, 10L);
            assertThat(response.headers().firstValue("Retry-After")).isEmpty();
        }

        @Test
        void anErrorAfterAdmissionCarriesTheHeadersToo() {
            HttpResponse<String> response = gateways.post(defaults, ANALYZE, "{\"restaurants\": \"none\"}",
                    "Bearer " + gateways.token("invalid-body-caller"));

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.headers().firstValue("X-RateLimit-Limit")).hasValue("20");
            assertThat(response.headers().firstValue("X-RateLimit-Remaining")).hasValue("19");
        }

        @Test
        void anUnauthenticatedRequestIsNeitherCountedNorGivenHeaders() {
            HttpResponse<String> response = gateways.post(defaults, ANALYZE, LimitedGateways.BODY, null);

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("X-RateLimit-Limit")).isEmpty();
        }
    }

    @Nested
    class PerCaller {

        @Test
        void routesWithoutTheirOwnLimitsShareTheCallersBurst() {
            GatewayServer shared = gateways.start("{burst: 3, per_minute: 0}", Map.of());
            String token = "Bearer " + gateways.token("two-route-caller");
            exhaust(shared, "two-route-caller", 3);

            HttpResponse<String> refused = gateways.post(shared, RECOMMEND, LimitedGateways.BODY, token);

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("X-RateLimit-Limit")).hasValue("3");
            assertThat(gateways.post(shared, RECOMMEND, LimitedGateways.BODY,
                    "Bearer " + gateways.token("fresh-caller")).statusCode()).isEqualTo(200);
            gateways.stop(shared);
        }
    }

    @Nested
    class RouteOverride {

        @Test
        void aRouteWithItsOwnBurstRefusesAfterIt() {
            String token = "Bearer " + gateways.token("override-caller");
            for (int i = 0; i < 2; i++) {
                assertThat(gateways.post(defaults, RECOMMEND, LimitedGateways.BODY, token).statusCode())
                        .isEqualTo(200);
            }

            HttpResponse<String> refused = gateways.post(defaults, RECOMMEND, LimitedGateways.BODY, token);

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("X-RateLimit-Limit")).hasValue("2");
            assertThat(gateways.analyze(defaults, "override-caller").statusCode()).isEqualTo(200);
        }

        @Test
        void anMcpCallOfTheRoutesToolCountsAgainstTheRoutesOwnLimit() {
            String token = "Bearer " + gateways.token("mcp-override-caller");
            for (int i = 0; i < 2; i++) {
                assertThat(gateways.post(defaults, RECOMMEND, LimitedGateways.BODY, token).statusCode())
                        .isEqualTo(200);
            }
            String call = """
                    {"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"recommend_restaurants",
                     "arguments":%s}}""".formatted(LimitedGateways.BODY);

            HttpResponse<String> refused = gateways.mcp(defaults, "mcp-override-caller", call);

            assertThat(refused.statusCode()).as("no way around the route's limit").isEqualTo(429);
            assertThat(refused.headers().firstValue("X-RateLimit-Limit")).hasValue("2");
        }
    }

    @Nested
    class ConfiguredByEnvironment {

        @Test
        void rateLimitBurstFromTheEnvironmentApplies() {
            GatewayServer gateway = gateways.start("{}", Map.of("RATE_LIMIT_BURST", "3", "RATE_LIMIT_PER_MINUTE", "0"));
            exhaust(gateway, "env-caller", 3);

            HttpResponse<String> refused = gateways.analyze(gateway, "env-caller");

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("X-RateLimit-Limit")).hasValue("3");
        }

        @Test
        void bothLimitsZeroCountNothingAndSetNoHeaders() {
            GatewayServer gateway = gateways.start("{}", Map.of("RATE_LIMIT_BURST", "0", "RATE_LIMIT_PER_MINUTE", "0"));

            for (int i = 0; i < 25; i++) {
                HttpResponse<String> response = gateways.analyze(gateway, "unlimited-caller");
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("X-RateLimit-Limit")).isEmpty();
            }
            assertThatJson(gateways.get(gateway, "/health").body()).inPath("rate_limits")
                    .isEqualTo("{\"enabled\": false, \"store\": \"local\", \"redis\": \"not_configured\","
                            + " \"fallbacks\": 0}");
        }
    }

    @Test
    void healthSaysLimitsAreCountedLocally() {
        HttpResponse<String> health = gateways.get(defaults, "/health");

        assertThatJson(health.body()).inPath("rate_limits").isEqualTo(
                "{\"enabled\": true, \"store\": \"local\", \"redis\": \"not_configured\", \"fallbacks\": 0}");
    }
}
