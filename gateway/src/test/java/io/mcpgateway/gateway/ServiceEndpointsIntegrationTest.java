package io.mcpgateway.gateway;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mcpgateway.gateway.config.GatewayConfig;
import tools.jackson.databind.JsonNode;

/**
 * The original's service endpoints: the index at {@code /}, {@code /auth/test}, {@code /tools/health} and
 * {@code /metrics/mcp}.
 */
@Timeout(120)
class ServiceEndpointsIntegrationTest {

    @AutoClose
    private static final GatewayFixture system = new GatewayFixture();

    private static List<String> refreshed(String auth) {
        return refreshedIn(system.post("/tools/aggregation/refresh", "{}", "Authorization", auth));
    }

    private static List<String> refreshedIn(HttpResponse<String> response) {
        List<String> asked = new java.util.ArrayList<>();
        system.mapper.readTree(response.body()).path("refreshed_servers").forEach(n -> asked.add(n.asString()));
        return asked;
    }

    @Test
    void theIndexNamesEveryEndpointAndRouteAndEachAnswers() {
        HttpResponse<String> index = system.get("/");

        assertThat(index.statusCode()).isEqualTo(200);
        assertThatJson(index.body()).inPath("service").isEqualTo("mcp-tools-gateway");
        assertThatJson(index.body()).inPath("authentication").isEqualTo("bearer");
        assertThatJson(index.body()).inPath("routes").isArray()
                .contains("POST /api/v1/restaurants/search/district", "POST /api/v1/restaurants/analyze");
        JsonNode endpoints = system.mapper.readTree(index.body()).path("endpoints");
        assertThat(endpoints.propertyNames()).contains("health", "docs", "metrics", "tools_metadata", "tools_health",
                "auth_test", "mcp");
        for (String name : endpoints.propertyNames()) {
            int status = system.get(endpoints.path(name).asString()).statusCode();
            // /auth/test wants a token and /mcp a POST: both exist; nothing listed is a 404
            assertThat(status).as(name).isNotEqualTo(404).isLessThan(500);
        }
    }

    @Test
    void authTestTellsWhomTheTokenIdentifies() {
        String token = system.token();
        HttpResponse<String> response = system.get("/auth/test", "Authorization", "Bearer " + token);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThatJson(response.body()).inPath("message").isEqualTo("Authentication successful");
        assertThatJson(response.body()).inPath("user.user_id").isEqualTo("alice");
        assertThatJson(response.body()).inPath("user.authenticated_at").isString().isNotEmpty();
        assertThatJson(response.body()).inPath("token_claims.sub").isEqualTo("alice");
        assertThatJson(response.body()).inPath("token_claims.iss").isEqualTo(system.issuer());
        assertThatJson(response.body()).inPath("token_claims.client_id").isString().isNotEmpty();
        assertThatJson(response.body()).inPath("token_claims.aud").isEqualTo(GatewayFixture.CLIENT_ID);
        assertThatJson(response.body()).inPath("user.email").isNull();
        assertThat(response.body()).doesNotContain(token);
    }

    @Test
    void authTestRefusesMissingAndBadTokensWithTheUsual401() {
        for (String[] headers : new String[][] {{}, {"Authorization", "Bearer not-a-jwt"},
            {"Authorization", "Basic ZGV2OmRldg=="}, {"Authorization", "Bearer "}}) {
            HttpResponse<String> response = system.get("/auth/test", headers);

            assertThat(response.statusCode()).as(String.join(" ", headers)).isEqualTo(401);
            assertThatJson(response.body()).inPath("error.type").isEqualTo("AuthenticationError");
            assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer");
        }
    }

    @Test
    void toolsHealthCountsTheToolsItCanDescribe() {
        HttpResponse<String> response = system.get("/tools/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThatJson(response.body()).isObject().containsEntry("status", "healthy")
                .containsEntry("service", "tool_metadata_service").containsEntry("tools_available", 5)
                .containsEntry("categories", 3).containsEntry("mbti_types_supported", 16);
        assertThatJson(response.body()).inPath("aggregation").isObject().containsEntry("total_servers", 2)
                .containsEntry("aggregation_status", "completed");
    }

    @Test
    void metricsMcpSummarisesTheBackendsProbes() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<String> response = system.get("/metrics/mcp");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThatJson(response.body()).inPath("mcp_summary").isObject().containsEntry("total_servers", 2)
                    .containsEntry("healthy_servers", 2).containsEntry("health_rate_percent", 100.0);
            assertThatJson(response.body()).inPath("mcp_summary.avg_response_time_ms").isNumber().isPositive();
            assertThatJson(response.body()).inPath("server_details.restaurant-search").isObject()
                    .containsEntry("status", "healthy").containsEntry("error", null)
                    .containsEntry("consecutive_failures", 0);
        });
    }

    @Test
    void toolAggregationShowsEachBackendsListingAndARefreshDoesNotHammerThem() {
        String auth = "Bearer " + system.token();
        HttpResponse<String> status = system.get("/tools/aggregation/status", "Authorization", auth);

        assertThat(status.statusCode()).isEqualTo(200);
        assertThatJson(status.body()).inPath("aggregation_info").isObject().containsEntry("total_servers", 2)
                .containsEntry("healthy_servers", 2).containsEntry("aggregation_status", "completed");
        assertThatJson(status.body()).inPath("aggregation_info.servers.restaurant-search.tools").isEqualTo(4);
        assertThatJson(status.body()).inPath("aggregation_info.servers.restaurant-reasoning.tools").isEqualTo(2);

        // once a backend's last reading is a few seconds old a refresh asks it; a refresh right after does not
        List<String> first = await().atMost(Duration.ofSeconds(10))
                .until(() -> refreshed(auth), asked -> !asked.isEmpty());
        HttpResponse<String> second = system.post("/tools/aggregation/refresh", "{}", "Authorization", auth);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThatJson(second.body()).inPath("refresh_timestamp").isString().isNotEmpty();
        assertThat(refreshedIn(second)).doesNotContainAnyElementsOf(first);

        assertThat(system.get("/tools/aggregation/status").statusCode()).isEqualTo(401);
        assertThat(system.post("/tools/aggregation/refresh", "{}").statusCode()).isEqualTo(401);
    }

    @Test
    void theRoutesThatUseNoBodyRefuseOneOverTheLimitOrCodedAsEveryRouteDoes() {
        String auth = "Bearer " + system.token();
        String threeMegabytes = "{\"x\": \"" + "x".repeat(3 * 1024 * 1024) + "\"}";
        for (String path : List.of("/config/reload", "/tools/aggregation/refresh")) {
            HttpResponse<String> large = system.post(path, threeMegabytes, "Authorization", auth);
            assertThat(large.statusCode()).as(path).isEqualTo(413);
            assertThatJson(large.body()).inPath("error.type").isEqualTo("PayloadTooLarge");
            HttpResponse<String> unannounced = system.send(HttpRequest.newBuilder(system.url(path))
                    .header("Authorization", auth)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                            threeMegabytes.getBytes(StandardCharsets.UTF_8)))));
            assertThat(unannounced.statusCode()).as(path + " chunked").isEqualTo(413);
            HttpResponse<String> gzipped = system.post(path, "{}", "Authorization", auth, "Content-Encoding", "gzip");
            assertThat(gzipped.statusCode()).as(path).isEqualTo(415);
            assertThatJson(gzipped.body()).inPath("error.type").isEqualTo("UnsupportedMediaTypeError");

            // what they always took still passes: no body, an empty object, any small body
            assertThat(system.post(path, "", "Authorization", auth).statusCode()).as(path).isEqualTo(200);
            assertThat(system.post(path, "{}", "Authorization", auth).statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void theJsonRpcToolListGivesTheRoutedToolsWithTheirMetadata() {
        HttpResponse<String> response = system.post("/tools/mcp/tools/list",
                "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/list\"}", "Authorization",
                "Bearer " + system.token());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThatJson(response.body()).inPath("id").isEqualTo(5);
        assertThatJson(response.body()).inPath("result.tools[*].name").isArray().hasSize(5)
                .contains("search_restaurants_by_district", "analyze_restaurant_sentiment");
        assertThatJson(response.body()).inPath("result.tools[0].inputSchema.type").isEqualTo("object");
        assertThatJson(response.body()).inPath("result.tools[0]._meta").isObject()
                .containsKeys("category", "display_name", "endpoint", "use_cases", "average_response_time_ms");
        assertThatJson(response.body()).inPath("result._meta").isObject().containsEntry("total_tools", 5)
                .containsEntry("schema_sources", List.of("restaurant-search", "restaurant-reasoning"))
                .containsEntry("categories", List.of("search", "analysis", "recommendation"));
    }

    @Test
    void theJsonRpcToolListAnswersWrongRequestsWithJsonRpcErrorsAndHttp200() {
        String auth = "Bearer " + system.token();
        Map<String, String> cases = Map.of(
                "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"tools/list\"}", "-32600 InvalidJSONRPCVersion",
                "{\"id\":1,\"method\":\"tools/list\"}", "-32600 InvalidJSONRPCVersion",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\"}", "-32601 MethodNotFound",
                "{\"jsonrpc\":\"2.0\",\"id\":1}", "-32601 MethodNotFound",
                "{\"jsonrpc\": \"2.0\", \"id\": ", "-32700 ParseError",
                "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}]", "-32600 InvalidRequest",
                "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"tools/list\"}", "-32600 InvalidRequest",
                "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"tools/list\"}", "-32600 InvalidRequest");
        cases.forEach((body, expected) -> {
            HttpResponse<String> response = system.post("/tools/mcp/tools/list", body, "Authorization", auth);

            assertThat(response.statusCode()).as(body).isEqualTo(200);
            assertThatJson(response.body()).as(body).inPath("error.code")
                    .isEqualTo(Integer.parseInt(expected.split(" ")[0]));
            assertThatJson(response.body()).as(body).inPath("error.data.error_type").isEqualTo(expected.split(" ")[1]);
            if (body.contains("\"id\":{}") || body.contains("\"id\":1.5")) {
                assertThatJson(response.body()).as(body).inPath("id").isNull(); // not echoed: no request has it
            }
        });
        assertThat(system.post("/tools/mcp/tools/list", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}")
                .statusCode()).isEqualTo(401);
    }

    @Test
    void aRequestTheSchemaRefusesIsNotCountedAsACallToItsServer() {
        String route = "/api/v1/restaurants/search/district";
        int served = breakdown(route).path("status_codes").path("200").asInt();
        assertThat(system.postWithToken(route, "{\"districts\": [\"Admiralty\"]}").statusCode()).isEqualTo(200);
        // A request is recorded just after its answer is written: wait for it before reading the counts
        await().atMost(Duration.ofSeconds(5)).until(() -> count(route, "200") == served + 1);
        JsonNode before = breakdown(route);
        assertThat(before.path("mcp_calls").asInt()).isPositive();

        HttpResponse<String> refused = system.postWithToken(route, "{\"districts\": \"Admiralty\"}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThatJson(refused.body()).inPath("error.code").isEqualTo("SCHEMA_VIOLATION");
        int refusals = before.path("status_codes").path("400").asInt();
        await().atMost(Duration.ofSeconds(5)).until(() -> count(route, "400") == refusals + 1);
        assertThat(breakdown(route).path("mcp_calls").asInt()).isEqualTo(before.path("mcp_calls").asInt());
    }

    private int count(String route, String status) {
        return breakdown(route).path("status_codes").path(status).asInt();
    }

    private JsonNode breakdown(String route) {
        HttpResponse<String> performance = system.get("/metrics/performance?limit=1000");
        return system.mapper.readTree(performance.body()).path("endpoint_breakdown").path(route);
    }

    @Test
    void metricsPerformanceAndSecuritySummariseTheLastRequests() {
        system.postWithToken("/api/v1/restaurants/search/district", "{\"districts\": [\"Admiralty\"]}");
        system.post("/api/v1/restaurants/search/district", "{\"districts\": [\"Admiralty\"]}");
        system.post("/api/v1/restaurants/search/district", "{}", "Authorization", "Bearer not-a-jwt");

        HttpResponse<String> performance = system.get("/metrics/performance?limit=1000");
        assertThat(performance.statusCode()).isEqualTo(200);
        assertThatJson(performance.body()).inPath("performance_summary.total_requests").isNumber()
                .isGreaterThanOrEqualTo(java.math.BigDecimal.valueOf(3));
        assertThatJson(performance.body()).inPath("performance_summary").isObject()
                .containsKeys("avg_duration_ms", "min_duration_ms", "max_duration_ms", "p50_duration_ms",
                        "p95_duration_ms", "p99_duration_ms");
        JsonNode district = system.mapper.readTree(performance.body()).path("endpoint_breakdown")
                .path("/api/v1/restaurants/search/district");
        assertThat(district.path("mcp_calls").asInt()).isPositive();
        assertThat(district.path("status_codes").path("200").asInt()).isPositive();
        assertThat(district.path("status_codes").path("401").asInt()).isGreaterThanOrEqualTo(2);

        HttpResponse<String> security = system.get("/metrics/security");
        assertThat(security.statusCode()).isEqualTo(200);
        assertThatJson(security.body()).inPath("security_summary.event_types.auth_failure").isNumber().isPositive();
        assertThatJson(security.body()).inPath("security_summary.event_types.token_invalid").isNumber().isPositive();
        assertThatJson(security.body()).inPath("data_range.limit").isEqualTo(100);

        assertThatJson(system.get("/metrics/performance?limit=0").body()).inPath("performance_summary")
                .isEqualTo(Map.of("total_requests", 0, "message", "No performance data available"));
        HttpResponse<String> bad = system.get("/metrics/security?limit=many");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThatJson(bad.body()).inPath("error.code").isEqualTo("INVALID_QUERY_PARAMETER");
        assertThatJson(bad.body()).inPath("error.message").asString().contains("0 or less: none; at most 1000 are"
                + " kept, a larger one gives them all");
        assertThatJson(system.get("/metrics/performance?limit=5000").body()).inPath("data_range.limit")
                .isEqualTo(1000);
        assertThatJson(system.get("/metrics/performance?limit=99999999999").body()).as("beyond an int")
                .inPath("data_range.limit").isEqualTo(1000);
        assertThatJson(system.get("/metrics/performance?limit=-99999999999").body())
                .inPath("performance_summary.total_requests").isEqualTo(0);
    }

    @Test
    void configEndpointsShowTheRunningConfigurationBehindAToken() {
        String auth = "Bearer " + system.token();
        HttpResponse<String> current = system.get("/config/current", "Authorization", auth);

        assertThat(current.statusCode()).isEqualTo(200);
        assertThatJson(current.body()).inPath("data.enable_hot_reload").isEqualTo(false);
        assertThatJson(current.body()).inPath("data.mcp_servers.restaurant-search").isObject()
                .containsEntry("url", "http://127.0.0.1:" + system.search.port()).containsEntry("credentials", "none")
                .containsEntry("enabled", true);
        assertThatJson(current.body()).inPath("data.mcp_servers.restaurant-search.tools").isArray()
                .contains("search_restaurants_by_district");
        assertThatJson(system.get("/config/servers", "Authorization", auth).body()).inPath("data").isObject()
                .containsEntry("total_servers", 2).containsEntry("enabled_servers", 2);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String reasoning = system.get("/config/servers/restaurant-reasoning", "Authorization", auth).body();
            assertThatJson(reasoning).inPath("data.connectivity.reachable").isEqualTo(true);
            assertThatJson(reasoning).inPath("data.connectivity.error").isNull();
            HttpResponse<String> validate = system.get("/config/validate", "Authorization", auth);
            assertThatJson(validate.body()).inPath("data.is_valid").isEqualTo(true);
            assertThatJson(validate.body()).inPath("data.warnings").isArray().isEmpty();
        });

        HttpResponse<String> unknown = system.get("/config/servers/nope", "Authorization", auth);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThatJson(unknown.body()).inPath("error.message").isEqualTo("MCP server 'nope' not found");
        for (String path : List.of("/config/current", "/config/servers", "/config/servers/restaurant-search",
                "/config/validate", "/config/validate/all")) {
            assertThat(system.get(path).statusCode()).as(path).isEqualTo(401);
        }
        // no auth.admin_scopes: any authenticated caller may ask, as in the original; started without a file, the
        // gateway finds its configuration unchanged
        HttpResponse<String> reload = system.post("/config/reload", "", "Authorization", auth);
        assertThat(reload.statusCode()).isEqualTo(200);
        assertThatJson(reload.body()).inPath("data.reloaded").isEqualTo(false);
        assertThatJson(system.get("/config/validate/all", "Authorization", auth).body())
                .inPath("data.summary.valid_environments").isEqualTo(4);
    }

    @Test
    void configShowsNoSecretFromABackendUrl() {
        try (GatewayFixture withUserInfo = new GatewayFixture(Map.of(), config -> new GatewayConfig(config.server(),
                config.auth(), config.backends().stream().map(b -> b.withUrl(java.net.URI.create(
                        b.url().toString().replace("://", "://gateway:s3cr3t@")))).toList(), config.routes(),
                config.health(), config.rateLimits(), config.resilience(), config.cache(), config.mcp(),
                config.tools(), config.environment()))) {
            HttpResponse<String> current = withUserInfo.get("/config/current", "Authorization",
                    "Bearer " + withUserInfo.token());

            assertThat(current.statusCode()).isEqualTo(200);
            assertThat(current.body()).contains("http://127.0.0.1:").doesNotContain("s3cr3t", "gateway:");
        }
    }

    @Test
    void withOneBackendDownSinceStartUpToolsHealthIsDegradedAndNamesIt() {
        try (GatewayFixture half = new GatewayFixture(Map.of("MCP_REASONING_SERVER_URL", "http://127.0.0.1:1"))) {
            HttpResponse<String> response = half.get("/tools/health");

            // the metadata lacks the reasoning tools, which nobody has listed: not "healthy"
            assertThat(response.statusCode()).isEqualTo(200);
            assertThatJson(response.body()).isObject().containsEntry("status", "degraded")
                    .containsEntry("tools_available", 3);
            assertThatJson(response.body()).inPath("backends_not_listed").isArray()
                    .containsExactly("restaurant-reasoning");
        }
    }

    @Test
    void withNoReachableBackendToolsHealthIs503AndMetricsMcpSaysWhy() {
        try (GatewayFixture unreachable = new GatewayFixture(Map.of("MCP_SEARCH_SERVER_URL", "http://127.0.0.1:1",
                "MCP_REASONING_SERVER_URL", "http://127.0.0.1:1"))) {
            HttpResponse<String> response = unreachable.get("/tools/health");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThatJson(response.body()).inPath("status").isEqualTo("unhealthy");
            assertThatJson(response.body()).inPath("tools_available").isEqualTo(0);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                HttpResponse<String> summary = unreachable.get("/metrics/mcp");
                assertThatJson(summary.body()).inPath("mcp_summary.healthy_servers").isEqualTo(0);
                assertThatJson(summary.body()).inPath("mcp_summary.health_rate_percent").isEqualTo(0.0);
                assertThatJson(summary.body()).inPath("server_details.restaurant-search.status")
                        .isEqualTo("unhealthy");
                assertThatJson(summary.body()).inPath("server_details.restaurant-search.error").isString()
                        .isNotEmpty();
            });
            HttpResponse<String> aggregation = unreachable.get("/tools/aggregation/status", "Authorization",
                    "Bearer " + unreachable.token());
            assertThatJson(aggregation.body()).inPath("aggregation_info.healthy_servers").isEqualTo(0);
            assertThatJson(aggregation.body()).inPath("aggregation_info.aggregation_status").isEqualTo("pending");
            assertThatJson(aggregation.body()).inPath("aggregation_info.servers.restaurant-search.status")
                    .isEqualTo("unhealthy");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThatJson(unreachable.get(
                    "/config/validate", "Authorization", "Bearer " + unreachable.token()).body())
                    .inPath("data.warnings").isArray().anySatisfy(warning -> assertThat(warning.toString())
                            .startsWith("Server 'restaurant-search': ")));
        }
    }

    @Test
    void theOpenApiDocumentDescribesThemAndThatAuthTestWantsAToken() {
        JsonNode paths = system.mapper.readTree(system.get("/openapi.json").body()).path("paths");

        assertThat(paths.propertyNames()).contains("/", "/tools/health", "/auth/test", "/metrics/mcp",
                "/tools/aggregation/status", "/tools/aggregation/refresh", "/tools/mcp/tools/list",
                "/metrics/performance", "/metrics/security", "/config/current", "/config/servers",
                "/config/servers/{name}", "/config/validate", "/config/validate/all", "/config/reload");
        assertThat(paths.path("/config/reload").path("post").path("responses").propertyNames())
                .contains("200", "400", "401", "403", "413", "415", "500");
        assertThat(paths.path("/auth/test").path("get").path("security").isEmpty()).isFalse();
        assertThat(paths.path("/auth/test").path("get").path("responses").propertyNames()).contains("200", "401");
        assertThat(paths.path("/tools/health").path("get").path("responses").propertyNames()).contains("200", "503");
    }
}
