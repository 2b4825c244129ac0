package io.mcpgateway.gateway;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import tools.jackson.databind.JsonNode;

/** The gateway in front of both real servers with tokens from a real OIDC server, through every endpoint. */
@Timeout(120)
class GatewayEndToEndIntegrationTest {

    @AutoClose
    private static GatewayFixture system;

    @BeforeAll
    static void start() {
        system = new GatewayFixture();
    }


    private static JsonNode json(HttpResponse<String> response) {
        return system.mapper.readTree(response.body());
    }

    @Nested
    class RestaurantRoutes {

        @Test
        void centralDistrictReturnsIts63Restaurants() {
            HttpResponse<String> response = system.postWithToken("/api/v1/restaurants/search/district",
                    "{\"districts\": [\"Central district\"]}");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThatJson(response.body()).inPath("success").isEqualTo(true);
            assertThatJson(response.body()).inPath("data.count").isEqualTo(63);
            assertThatJson(response.body()).inPath("data.total_count").isEqualTo(63);
            assertThatJson(response.body()).inPath("metadata").isObject()
                    .containsKeys("request_id", "timestamp", "processing_time_ms");
            assertThat(response.headers().firstValue("X-Request-ID")).isPresent();
        }

        @Test
        void answersCarryTheirLengthAndAreCompressedForClientsThatAsk() throws Exception {
            String body = "{\"districts\": [\"Central district\", \"Admiralty\"]}";
            HttpResponse<String> plain = system.postWithToken("/api/v1/restaurants/search/district", body);

            assertThat(plain.statusCode()).isEqualTo(200);
            assertThat(plain.headers().firstValueAsLong("Content-Length"))
                    .hasValue(plain.body().getBytes(StandardCharsets.UTF_8).length);
            assertThat(plain.headers().firstValue("Transfer-Encoding")).isEmpty();

            HttpResponse<byte[]> gzipped = HttpClient.newHttpClient().send(HttpRequest
                    .newBuilder(system.url("/api/v1/restaurants/search/district"))
                    .header("Authorization", "Bearer " + system.token())
                    .header("Content-Type", "application/json")
                    .header("Accept-Encoding", "gzip")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());

            assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
            assertThat(gzipped.body().length).as("compressed").isLessThan(plain.body().length() / 3);
            try (var in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
                JsonNode unzipped = system.mapper.readTree(in.readAllBytes());
                assertThat(unzipped.path("data")).isEqualTo(json(plain).path("data"));
            }
        }

        @Test
        void searchResultsFeedRecommendAndAnalyze() {
            JsonNode search = json(system.postWithToken("/api/v1/restaurants/search/combined",
                    "{\"districts\": [\"Central district\"], \"meal_types\": [\"dinner\"]}"));
            String restaurants = search.path("data").path("restaurants").toString();

            HttpResponse<String> first = system.postWithToken("/api/v1/restaurants/recommend",
                    "{\"restaurants\": " + restaurants + ", \"ranking_method\": \"combined_sentiment\"}");
            HttpResponse<String> second = system.postWithToken("/api/v1/restaurants/recommend",
                    "{\"restaurants\": " + restaurants + ", \"ranking_method\": \"combined_sentiment\"}");
            HttpResponse<String> analysis = system.postWithToken("/api/v1/restaurants/analyze",
                    "{\"restaurants\": " + restaurants + "}");

            assertThat(first.statusCode()).isEqualTo(200);
            assertThatJson(first.body()).inPath("data.candidates").isArray().isNotEmpty();
            assertThat(json(first).path("data").path("recommendation"))
                    .isEqualTo(json(second).path("data").path("recommendation"));
            assertThat(analysis.statusCode()).isEqualTo(200);
            assertThatJson(analysis.body()).inPath("data.sentiment_analysis").isObject()
                    .containsKeys("average_likes", "average_dislikes", "average_neutral");
        }

        @Test
        void aWholeDefaultSearchAnswerFeedsRecommendAndAnalyze() {
            // lunch matches every restaurant of the data set (1,849): one page of the search, by default
            JsonNode search = json(system.postWithToken("/api/v1/restaurants/search/meal-type",
                    "{\"meal_types\": [\"lunch\"]}"));
            JsonNode restaurants = search.path("data").path("restaurants");
            assertThat(restaurants.size()).isEqualTo(search.path("data").path("total_count").asInt())
                    .isGreaterThan(1000);

            HttpResponse<String> recommended = system.postWithToken("/api/v1/restaurants/recommend",
                    "{\"restaurants\": " + restaurants + "}");
            HttpResponse<String> analysis = system.postWithToken("/api/v1/restaurants/analyze",
                    "{\"restaurants\": " + restaurants + "}");

            assertThat(recommended.statusCode()).as(recommended.body()).isEqualTo(200);
            assertThat(analysis.statusCode()).as(analysis.body()).isEqualTo(200);
            assertThatJson(analysis.body()).inPath("data.sentiment_analysis.restaurant_count").isNumber()
                    .isPositive();
        }

        @Test
        void recommendCandidatesWithMissingFieldsFeedAnalyzeAsTheyAre() {
            String sparse = "{\"id\": \"s1\", \"name\": \"Sparse\", \"sentiment\": {\"likes\": 3, \"dislikes\": 1,"
                    + " \"neutral\": 0}}";
            HttpResponse<String> recommended = system.postWithToken("/api/v1/restaurants/recommend",
                    "{\"restaurants\": [" + sparse + "]}");
            String candidates = json(recommended).path("data").path("candidates").toString();

            HttpResponse<String> analysis = system.postWithToken("/api/v1/restaurants/analyze",
                    "{\"restaurants\": " + candidates + "}");

            assertThat(recommended.statusCode()).as(recommended.body()).isEqualTo(200);
            assertThat(candidates).contains("\"address\":null");
            assertThat(analysis.statusCode()).as(analysis.body()).isEqualTo(200);
            assertThatJson(analysis.body()).inPath("data.restaurant_count").isEqualTo(1);
        }

        @Test
        void aRandomPickWithoutASeedIsDrawnAfreshEveryCallAndOneWithASeedIsCached() {
            String restaurants = json(system.postWithToken("/api/v1/restaurants/search/district",
                    "{\"districts\": [\"Central district\"]}")).path("data").path("restaurants").toString();
            String unseeded = "{\"restaurants\": " + restaurants + ", \"selection\": \"random\"}";
            String seeded = "{\"restaurants\": " + restaurants + ", \"selection\": \"random\", \"seed\": 7}";

            List<HttpResponse<String>> draws = List.of(system.postWithToken("/api/v1/restaurants/recommend", unseeded),
                    system.postWithToken("/api/v1/restaurants/recommend", unseeded));
            system.postWithToken("/api/v1/restaurants/recommend", seeded);
            HttpResponse<String> seededAgain = system.postWithToken("/api/v1/restaurants/recommend", seeded);

            for (HttpResponse<String> draw : draws) {
                assertThat(draw.statusCode()).isEqualTo(200);
                assertThat(draw.headers().firstValue("X-Cache")).hasValue("NOT-CACHEABLE");
            }
            assertThat(json(draws.get(0)).path("data").path("selection").path("seed"))
                    .isNotEqualTo(json(draws.get(1)).path("data").path("selection").path("seed"));
            assertThat(seededAgain.headers().firstValue("X-Cache")).hasValue("HIT");
        }

        @Test
        void mealTypeSearchCoversTheDataSet() {
            HttpResponse<String> response = system.postWithToken("/api/v1/restaurants/search/meal-type",
                    "{\"meal_types\": [\"breakfast\"], \"limit\": 5}");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThatJson(response.body()).inPath("data.count").isEqualTo(5);
        }

        @Test
        void unknownDistrictIsA400WithTheToolsSuggestion() {
            HttpResponse<String> response = system.postWithToken("/api/v1/restaurants/search/district",
                    "{\"districts\": [\"Centrl\"]}");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThatJson(response.body()).inPath("error.type").isEqualTo("ValidationError");
            assertThatJson(response.body()).inPath("error.details.suggestions").isEqualTo(Map.of("Centrl", "Central district"));
            assertThatJson(response.body()).inPath("error.details.available_districts").isObject().isNotEmpty();
        }

        @Test
        void debugHeaderAddsTimings() {
            HttpResponse<String> response = system.post("/api/v1/restaurants/search/district",
                    "{\"districts\": [\"Admiralty\"]}", "Authorization", "Bearer " + system.token(), "X-Debug", "true");

            assertThatJson(response.body()).inPath("metadata.debug").isObject().containsKeys("backend_ms", "gateway_ms");
            HttpResponse<String> hit = system.post("/api/v1/restaurants/search/district",
                    "{\"districts\": [\"Admiralty\"]}", "Authorization", "Bearer " + system.token(), "X-Debug", "true");
            assertThat(hit.headers().firstValue("X-Cache")).hasValue("HIT");
            assertThatJson(hit.body()).inPath("metadata.debug.backend_ms").as("no backend was called").isEqualTo(0.0);
        }
    }

    @Nested
    class HeadRequests {

        private HttpResponse<String> head(String path, String... headers) {
            HttpRequest.Builder request = HttpRequest.newBuilder(system.url(path))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody());
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            return system.send(request);
        }

        @Test
        void aHeadIsAnsweredWithItsGetsStatusAndHeaders() {
            for (String path : new String[] {"/health", "/config/current", "/tools/metadata/nope", "/mcp"}) {
                HttpResponse<String> get = system.get(path);
                HttpResponse<String> head = head(path);

                assertThat(head.statusCode()).as(path).isEqualTo(get.statusCode());
                assertThat(head.headers().firstValue("Content-Type")).as(path)
                        .isEqualTo(get.headers().firstValue("Content-Type"));
            }
        }

        @Test
        void aHeadAnswerHasTheGetsLengthButNoBodyOnTheWire() throws Exception {
            // the JDK's client never reads a HEAD answer's body: look at the bytes themselves
            try (Socket socket = new Socket(system.url("/").getHost(), system.url("/").getPort())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write("HEAD /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

                assertThat(answer).startsWith("HTTP/1.1 200 ").containsIgnoringCase("Content-Length: ")
                        .doesNotContain("Content-Length: 0\r\n").endsWith("\r\n\r\n");
            }
        }

        @Test
        void aHeadIsCountedAsAHead() {
            // the 404 names the method asked for (no body on the wire, but the status and length are a GET's)
            assertThat(head("/tools/metadata/nope").statusCode()).isEqualTo(404);

            assertThat(system.get("/metrics/prometheus").body()).containsPattern(
                    "gateway_requests_seconds_count\\{method=\"HEAD\",outcome=\"client_error\",route=\"[^\"]*\","
                            + "status=\"404\"\\}");
        }

        @Test
        void aHeadOfAProtectedPathNeedsTheToken() {
            assertThat(head("/config/current").statusCode()).isEqualTo(401);
            assertThat(head("/config/current", "Authorization", "Bearer " + system.token()).statusCode())
                    .isEqualTo(200);
        }
    }

    @Nested
    class PublicEndpoints {

        @Test
        void healthIsHealthyWithBothBackends() {
            // the first round of probes runs beside the first requests: the issuer's keys may come last
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                HttpResponse<String> response = system.get("/health");

                assertThat(response.statusCode()).isEqualTo(200);
                assertThatJson(response.body()).inPath("status").isEqualTo("healthy");
                assertThatJson(response.body()).inPath("backends").isObject()
                        .containsKeys("restaurant-search", "restaurant-reasoning");
                assertThatJson(response.body()).inPath("identity_provider").isObject()
                        .containsEntry("issuer", system.issuer()).containsEntry("keys", "fetched");
            });
            assertThat(system.get("/health/live").statusCode()).isEqualTo(200);
            assertThat(system.get("/health/ready").statusCode()).isEqualTo(200);
        }

        @Test
        void toolMetadataListsTheFiveRoutedTools() {
            HttpResponse<String> response = system.get("/tools/metadata");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThatJson(response.body()).inPath("data.total_tools").isEqualTo(5);
            assertThatJson(response.body()).inPath("data.tools[*].name").isArray().containsExactly(
                    "search_restaurants_by_district", "search_restaurants_by_meal_type", "search_restaurants_combined",
                    "recommend_restaurants", "analyze_restaurant_sentiment");
        }

        @Test
        void metricsCountRequestsInJsonAndPrometheus() {
            system.postWithToken("/api/v1/restaurants/search/district", "{\"districts\": [\"Admiralty\"]}");

            assertThatJson(system.get("/metrics").body()).inPath("requests.total").isNumber().isPositive();
            // public: callers by pseudonym, never by their subjects
            var busiest = system.mapper.readTree(system.get("/metrics").body()).path("busiest_callers");
            assertThat(busiest.propertyNames()).isNotEmpty().allMatch(name -> name.matches("caller-[0-9a-f]{12}"));
            assertThat(busiest.toString()).doesNotContain("alice");
            assertThat(busiest.values()).allSatisfy(count -> assertThat(count.asLong()).isPositive());
            assertThatJson(system.get("/metrics").body()).inPath("requests.by_endpoint[*].route").isArray()
                    .contains("/api/v1/restaurants/search/district").doesNotContain("*");
            assertThatJson(system.get("/metrics").body()).inPath("auth.successes").isNumber().isPositive();
            // max_ms and the percentiles are recent figures, and the answer says how recent
            assertThatJson(system.get("/metrics").body()).inPath("latency_window_seconds").isEqualTo(120);
            String prometheus = system.get("/metrics/prometheus").body();
            assertThat(prometheus).contains("gateway_requests_seconds_count");
            // buckets, which a Deployment's pods can be summed over, unlike their percentiles
            assertThat(prometheus.lines().filter(line -> line.startsWith("gateway_requests_seconds_bucket{")
                    && line.contains("route=\"/api/v1/restaurants/search/district\"")
                    && line.contains("status=\"200\"")).map(line -> line.replaceAll(".*le=\"([^\"]+)\".*", "$1")))
                    .containsExactly("0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0",
                            "10.0", "30.0", "+Inf");
            assertThat(prometheus).contains("gateway_backend_calls_seconds_bucket{");
        }

        @Test
        void prometheusTellsEachBackendsLastProbeAndTheIssuersKeysWithoutAnyRequest() {
            String exposition = system.get("/metrics/prometheus").body();

            assertThat(exposition).contains("gateway_backend_up{backend=\"restaurant-search\"} 1.0",
                    "gateway_backend_up{backend=\"restaurant-reasoning\"} 1.0",
                    "gateway_identity_provider_keys{state=\"fetched\"} 1.0",
                    "gateway_identity_provider_keys{state=\"unreachable\"} 0.0",
                    "# HELP gateway_backend_up Whether the last health probe found the backend serving");
        }

        @Test
        void prometheusTellsWhetherEachBackendCanBeCalledAndWhetherItSaysItIsDegraded() {
            String exposition = system.get("/metrics/prometheus").body();

            assertThat(exposition).contains("gateway_backend_serving{backend=\"restaurant-search\"} 1.0",
                    "gateway_backend_serving{backend=\"restaurant-reasoning\"} 1.0",
                    "gateway_backend_degraded{backend=\"restaurant-search\"} 0.0",
                    "gateway_backend_degraded{backend=\"restaurant-reasoning\"} 0.0");
        }

        @Test
        void prometheusHasTheJvmsAndTheProcesssOwnMeters() {
            String exposition = system.get("/metrics/prometheus").body();

            // heap, collections, threads, CPU, descriptors: what an instance running out of any of them shows first
            assertThat(exposition).contains("jvm_memory_used_bytes{area=\"heap\"", "jvm_memory_max_bytes{",
                    "jvm_gc_", "jvm_threads_live_threads ", "jvm_classes_loaded_classes ", "process_cpu_usage ",
                    "system_cpu_count ", "process_files_open_files ", "process_files_max_files ",
                    "process_uptime_seconds ");
            assertThat(exposition).as("the exact JDK version is no public fact").doesNotContain("jvm_info");
        }

        @Test
        void everyPrometheusFamilyOfTheGatewaySaysWhatItCounts() {
            system.postWithToken("/api/v1/restaurants/search/district", "{\"districts\": [\"Central district\"]}");
            String exposition = system.get("/metrics/prometheus").body();

            assertThat(exposition).contains("# HELP gateway_auth_total Bearer token checks",
                    "# HELP gateway_backend_connections Connections to a backend");
            // a HELP line with nothing after the name tells an operator nothing
            assertThat(exposition.lines().filter(line -> line.startsWith("# HELP gateway_")))
                    .allSatisfy(line -> assertThat(line.split(" ", 4)).hasSize(4));
        }
    }

    @Test
    void routesNeedAToken() {
        HttpResponse<String> response = system.post("/api/v1/restaurants/search/district", "{\"districts\": [\"Admiralty\"]}");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"mcp-tools-gateway\"");
        assertThatJson(response.body()).inPath("error.type").isEqualTo("AuthenticationError");
    }

    @Test
    void unknownRouteIsA404AndWrongMethodA405() {
        assertThat(system.get("/nope").statusCode()).isEqualTo(404);
        HttpResponse<String> wrongMethod = system.get("/api/v1/restaurants/search/district");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThatJson(wrongMethod.body()).inPath("error.type").isEqualTo("MethodNotAllowedError");
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("POST");
        HttpResponse<String> postToHealth = system.post("/health", "{}");
        assertThat(postToHealth.statusCode()).isEqualTo(405);
        assertThat(postToHealth.headers().firstValue("Allow")).as("HEAD is answered as GET").hasValue("GET,HEAD");
        assertThat(List.of(404, 405)).contains(system.get("/nope").statusCode());
        // counted under the route of their path, as that path's answered requests are, not with unknown paths
        assertThat(system.get("/metrics/prometheus").body()).containsPattern(
                "gateway_requests_seconds_count\\{method=\"GET\",outcome=\"client_error\","
                        + "route=\"/api/v1/restaurants/search/district\",status=\"405\"\\}")
                .containsPattern("gateway_requests_seconds_count\\{method=\"POST\",outcome=\"client_error\","
                        + "route=\"/health\",status=\"405\"\\}");
    }

    @Test
    void aWebSocketUpgradeIsServedAsThePlainRequestItAlsoIsThroughEveryCheck() {
        // Javalin sent any request with Sec-WebSocket-Version down its upgrade path: a 404 before every check, and an
        // HTTP session left behind each time
        UnaryOperator<HttpRequest.Builder> upgrade = request -> request.header("Sec-WebSocket-Version", "13")
                .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");

        HttpResponse<String> health = system.send(upgrade.apply(HttpRequest.newBuilder(system.url("/health"))));
        HttpResponse<String> mcp = system.send(upgrade.apply(HttpRequest.newBuilder(system.url("/mcp")))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")));
        HttpResponse<String> search = system.send(upgrade.apply(HttpRequest.newBuilder(system.url(
                "/api/v1/restaurants/search/district"))).header("Authorization", "Bearer " + system.token())
                .POST(HttpRequest.BodyPublishers.ofString("{\"districts\": [\"Admiralty\"]}")));

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(mcp.statusCode()).as("authentication ran").isEqualTo(401);
        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(List.of(health, mcp, search)).allSatisfy(response ->
                assertThat(response.headers().map()).doesNotContainKey("set-cookie"));
    }

    @Test
    void aMethodOverrideHeaderRunsNoPostRoute() {
        String override = "X-HTTP-Method-Override";
        HttpResponse<String> search = system.send(HttpRequest.newBuilder(system.url(
                "/api/v1/restaurants/search/district")).header("Authorization", "Bearer " + system.token())
                .header("Content-Type", "application/json").header(override, "POST")
                .method("GET", HttpRequest.BodyPublishers.ofString("{\"districts\": [\"Admiralty\"]}")));
        HttpResponse<String> reload = system.send(HttpRequest.newBuilder(system.url("/config/reload"))
                .header("Authorization", "Bearer " + system.adminToken()).header(override, "POST")
                .PUT(HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> mcp = system.send(HttpRequest.newBuilder(system.url("/mcp"))
                .header("Authorization", "Bearer " + system.token()).header(override, "POST")
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .method("GET", HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}")));

        assertThat(search.statusCode()).isEqualTo(405);
        assertThat(reload.statusCode()).isEqualTo(405);
        assertThat(mcp.statusCode()).isEqualTo(405);
        assertThat(mcp.body()).doesNotContain("search_restaurants_by_district");
    }
}
