package io.mcpgateway.gateway;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.mcpgateway.testsupport.ScriptedServer;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /config/reload} and {@code GET /config/validate/all} on a gateway started from a YAML file: the file is
 * read again, a bad one changes nothing, a good one takes effect on the same port without failing a request.
 */
@Timeout(120)
class ConfigReloadIntegrationTest {

    private static final String SEARCH = "/api/v1/restaurants/search/district";
    private static final String CENTRAL = "{\"districts\":[\"Central district\"]}";
    /** The file decides the limits and the port: the fixture's variables for them are blanked. */
    static final Map<String, String> FROM_FILE = Map.of("RATE_LIMIT_BURST", "", "RATE_LIMIT_PER_MINUTE", "",
            "GATEWAY_PORT", "");
    /** A production configuration with an admin scope, its limits off and any free port. */
    static final String BASE = """
            environment: production
            auth: {admin_scopes: [gateway-admin]}
            rate_limits: {per_minute: 0, burst: 0}
            server: {port: 0}
            """;

    @TempDir
    Path dir;
    private Path file;
    private GatewayFixture system;
    private String auth;
    private String admin;

    @BeforeEach
    void start() throws IOException {
        file = dir.resolve("gateway.yaml");
        Files.writeString(file, BASE);
        system = new GatewayFixture(FROM_FILE, file);
        auth = "Bearer " + system.token();
        admin = "Bearer " + system.adminToken();
    }

    @AfterEach
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    /** On a connection of its own: one pooled from before a previous reload may be closing with its gateway. */
    private HttpResponse<String> reload() {
        return onANewConnection(HttpRequest.newBuilder(system.url("/config/reload")).header("Authorization", admin)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private HttpResponse<String> search() {
        return system.post(SEARCH, CENTRAL, "Authorization", auth);
    }

    @Test
    void currentAndValidateAllTellTheEnvironmentAndJudgeTheFileForEachOne() {
        HttpResponse<String> current = system.get("/config/current", "Authorization", admin);
        assertThatJson(current.body()).inPath("data.environment").isEqualTo("production");
        assertThatJson(current.body()).inPath("data.log_level").isString().isIn("TRACE", "DEBUG", "INFO", "WARN",
                "ERROR", "OFF");
        boolean debug = system.mapper.readTree(current.body()).path("data").path("log_level").asString()
                .matches("TRACE|DEBUG");
        assertThatJson(current.body()).inPath("data.debug").isEqualTo(debug);

        HttpResponse<String> all = system.get("/config/validate/all", "Authorization", admin);
        assertThat(all.statusCode()).isEqualTo(200);
        assertThatJson(all.body()).inPath("data.summary").isEqualTo(
                "{\"total_environments\":4,\"valid_environments\":4,\"invalid_environments\":0}");
        assertThatJson(all.body()).inPath("data.results.development.warnings").isArray().isEmpty();
        assertThatJson(all.body()).inPath("data.results.production.warnings").isArray()
                .contains("rate_limits are off: one caller can take the whole capacity of the gateway");
        assertThatJson(system.get("/config/validate", "Authorization", admin).body()).inPath("data.warnings")
                .isArray().contains("rate_limits are off: one caller can take the whole capacity of the gateway");
        assertThatJson(system.get("/config/validate", "Authorization", admin).body()).inPath("data.environment")
                .isEqualTo("production");
    }

    @Test
    void reloadAndTheConfigurationWantAnOperatorsTokenAndReloadAPost() throws IOException {
        assertThat(system.post("/config/reload", "").statusCode()).isEqualTo(401);
        assertThat(system.get("/config/validate/all").statusCode()).isEqualTo(401);
        Files.writeString(file, BASE.replace("production", "staging"));
        for (HttpResponse<String> refused : List.of(system.post("/config/reload", "", "Authorization", auth),
                system.get("/config/validate/all", "Authorization", auth),
                system.get("/config/current", "Authorization", auth),
                system.get("/config/servers/restaurant-search", "Authorization", auth))) {
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThatJson(refused.body()).inPath("error.details.missing_scopes").isArray()
                    .containsExactly("gateway-admin");
        }
        assertThatJson(system.get("/config/current", "Authorization", admin).body()).inPath("data.environment")
                .isEqualTo("production");
        HttpResponse<String> get = system.get("/config/reload", "Authorization", admin);
        assertThat(get.statusCode()).isEqualTo(405);
        assertThatJson(get.body()).inPath("success").isEqualTo(false);
    }

    @Test
    void anUnchangedFileRestartsNothing() {
        HttpResponse<String> response = reload();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThatJson(response.body()).inPath("message")
                .isEqualTo("Configuration unchanged: the gateway goes on as it was");
        assertThatJson(response.body()).inPath("data.reloaded").isEqualTo(false);
        assertThatJson(response.body()).inPath("data.environment").isEqualTo("production");
    }

    @Test
    void anInvalidFileIsRefusedWithEveryProblemAndTheGatewayGoesOnAsItWas() throws IOException {
        Files.writeString(file, "environment: prod\nrate_limits: {per_minute: -1}\nserver: {gzip_level: 12}\n");

        HttpResponse<String> refused = reload();
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThatJson(refused.body()).inPath("error.code").isEqualTo("INVALID_CONFIGURATION");
        assertThatJson(refused.body()).inPath("error.message").asString()
                .startsWith("Invalid configuration after reload: ").contains("environment must be one of")
                .contains("server.gzip_level").contains("rate_limits.per_minute")
                .endsWith("The gateway goes on with the configuration it had");
        assertThatJson(refused.body()).inPath("error.details.errors").isArray().hasSize(3);

        HttpResponse<String> all = system.get("/config/validate/all", "Authorization", admin);
        assertThatJson(all.body()).inPath("data.summary.invalid_environments").isEqualTo(4);
        assertThatJson(all.body()).inPath("data.results.test.is_valid").isEqualTo(false);
        assertThatJson(all.body()).inPath("data.results.test.errors").isArray().hasSize(3);

        assertThat(search().statusCode()).isEqualTo(200);
        assertThatJson(system.get("/config/current", "Authorization", admin).body()).inPath("data.environment")
                .isEqualTo("production");

        Files.writeString(file, "{not yaml");
        assertThat(reload().statusCode()).isEqualTo(400);
        Files.delete(file);
        assertThatJson(reload().body()).inPath("error.message").asString().contains("is not a readable file");
        assertThat(search().statusCode()).isEqualTo(200);
    }

    @Test
    void aChangedFileTakesEffectOnTheSamePortRoutesAndLimitsIncluded() throws IOException {
        int port = system.gateway.port();
        Files.writeString(file, """
                environment: staging
                auth: {admin_scopes: [gateway-admin]}
                server: {port: 0}
                rate_limits: {per_minute: 0, burst: 1}
                routes:
                  - {path: /api/v1/restaurants/search/district, backend: restaurant-search,
                     tool: search_restaurants_by_district}
                  - {path: /api/v1/districts, backend: restaurant-search, tool: list_districts}
                """);

        HttpResponse<String> reloaded = reload();
        assertThat(reloaded.statusCode()).isEqualTo(200);
        assertThatJson(reloaded.body()).inPath("message").isEqualTo("Configuration reloaded successfully");
        assertThatJson(reloaded.body()).inPath("data.changed_sections").isArray()
                .containsExactly("environment", "routes", "rate_limits");
        assertThatJson(reloaded.body()).inPath("data.port").isEqualTo(port);
        assertThatJson(reloaded.body()).inPath("data.environment").isEqualTo("staging");
        assertThatJson(reloaded.body()).inPath("data.warnings").isArray().isEmpty();
        assertThatJson(reloaded.body()).inPath("timestamp").isString().isNotEmpty();
        assertThat(system.gateway.port()).isEqualTo(port);
        // the caller's connection was to the replaced gateway: it is closed, so the next request meets the new one
        assertThat(reloaded.headers().firstValue("Connection")).hasValue("close");

        assertThat(system.post("/api/v1/districts", "{}", "Authorization", auth).statusCode()).isEqualTo(200);
        assertThat(system.post("/api/v1/restaurants/analyze", "{\"restaurants\":[]}", "Authorization", auth)
                .statusCode()).isEqualTo(404);
        assertThat(search().statusCode()).isEqualTo(429);
        assertThatJson(system.get("/config/current", "Authorization", admin).body()).inPath("data.environment")
                .isEqualTo("staging");
        assertThatJson(reload().body()).inPath("data.reloaded").isEqualTo(false);
    }

    @Test
    void aReloadKeepsTheProcesssUptimeAndItsRecentTraffic() throws Exception {
        assertThat(search().statusCode()).isEqualTo(200);
        Thread.sleep(1_100); // a second of uptime, which a gateway started afresh would not have
        Files.writeString(file, BASE.replace("production", "staging"));

        assertThatJson(reload().body()).inPath("data.reloaded").isEqualTo(true);

        assertThatJson(system.get("/health").body()).inPath("uptime_seconds").isNumber()
                .isGreaterThanOrEqualTo(BigDecimal.ONE);
        assertThatJson(system.get("/metrics").body()).inPath("uptime_seconds").isNumber()
                .isGreaterThanOrEqualTo(BigDecimal.ONE);
        // the search before the reload is still among the recent requests, with its backend call
        assertThatJson(system.get("/metrics/performance").body())
                .inPath("$.endpoint_breakdown['" + SEARCH + "'].mcp_calls").isEqualTo(1);
    }

    @Test
    void aReloadThatLeavesTheAuthenticationAloneWorksWhileTheIdentityProviderIsOutOfReach() throws IOException {
        assertThat(search().statusCode()).isEqualTo(200); // the keys are fetched
        system.oauth.shutdown();
        Files.writeString(file, BASE.replace("per_minute: 0", "per_minute: 100"));

        HttpResponse<String> reloaded = reload();

        assertThat(reloaded.statusCode()).as(reloaded.body()).isEqualTo(200);
        assertThatJson(reloaded.body()).inPath("data.changed_sections").isArray().containsExactly("rate_limits");
        assertThat(onANewConnection(searchRequest()).statusCode()).as("verified with the keys the gateway had")
                .isEqualTo(200);
    }

    @Test
    void aReloadCountsOnInTheRateLimitBucketsOfTheLimitsItLeftAlone() throws IOException {
        String twoPerMinute = BASE.replace("per_minute: 0", "per_minute: 2");
        Files.writeString(file, twoPerMinute);
        assertThatJson(reload().body()).inPath("data.changed_sections").isArray().containsExactly("rate_limits");
        assertThat(search().statusCode()).isEqualTo(200);
        assertThat(search().statusCode()).isEqualTo(200);
        assertThat(search().statusCode()).isEqualTo(429);

        Files.writeString(file, twoPerMinute.replace("production", "staging"));
        assertThatJson(reload().body()).inPath("data.changed_sections").isArray().containsExactly("environment");

        // a gateway with buckets of its own would let two more through
        assertThat(onANewConnection(searchRequest()).statusCode()).isEqualTo(429);
        Files.writeString(file, twoPerMinute.replace("per_minute: 2", "per_minute: 3"));
        assertThatJson(reload().body()).inPath("data.reloaded").isEqualTo(true);
        assertThat(onANewConnection(searchRequest()).statusCode()).as("a new limit counts from the start")
                .isEqualTo(200);
    }

    @Test
    void aReloadKeepsTheResponseCacheUnlessItChangedTheCacheTheBackendsOrTheAuthentication() throws IOException {
        assertThat(cacheOfANewConnection()).isEqualTo("MISS");
        assertThat(cacheOfANewConnection()).isEqualTo("HIT");
        String staging = BASE.replace("production", "staging");
        Files.writeString(file, staging);
        assertThatJson(reload().body()).inPath("data.reloaded").isEqualTo(true);

        assertThat(cacheOfANewConnection()).isEqualTo("HIT");

        Files.writeString(file, staging + "cache: {ttl_seconds: 30}\n");
        assertThatJson(reload().body()).inPath("data.changed_sections").isArray().containsExactly("cache");
        assertThat(cacheOfANewConnection()).isEqualTo("MISS");
        Files.writeString(file, staging.replace("admin_scopes: [gateway-admin]", "admin_scopes: [gateway-admin, ops]")
                + "cache: {ttl_seconds: 30}\n");
        assertThatJson(reload().body()).inPath("data.changed_sections").isArray().containsExactly("auth");
        assertThat(cacheOfANewConnection()).isEqualTo("MISS");
    }

    private String cacheOfANewConnection() {
        return onANewConnection(searchRequest()).headers().firstValue("X-Cache").orElse("none");
    }

    private HttpRequest.Builder searchRequest() {
        return HttpRequest.newBuilder(system.url(SEARCH)).header("Authorization", auth)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(CENTRAL));
    }

    /**
     * Sends a request on a connection of its own, which only the gateway serving now accepts: the one a reload
     * replaced still answers once on a connection opened before the reload (a client's pool may hold one), under its
     * own configuration.
     */
    /**
     * A reload while a backend is down keeps that backend's last tool listing ({@link Handover}), as the running
     * gateway keeps it: its tools stay in {@code /mcp}'s {@code tools/list} and {@code /tools/metadata}, and its REST
     * routes keep answering that the backend is unavailable, not that the tool is unknown.
     */
    @Test
    void aBackendDownDuringAReloadKeepsItsToolsListed() throws Exception {
        assertThat(system.get("/tools/metadata/analyze_restaurant_sentiment").statusCode()).isEqualTo(200);
        system.reasoning.close();
        Files.writeString(file, BASE + "cache: {ttl_seconds: 30}\n"); // a change that has nothing to do with tools

        HttpResponse<String> reloaded = onANewConnection(HttpRequest.newBuilder(system.url("/config/reload"))
                .header("Authorization", admin)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThatJson(reloaded.body()).inPath("data.reloaded").isEqualTo(true);

        assertThat(onANewConnection(HttpRequest.newBuilder(system.url("/tools/metadata/analyze_restaurant_sentiment")))
                .statusCode()).as("the tool described after the reload").isEqualTo(200);
        HttpResponse<String> listed = onANewConnection(HttpRequest.newBuilder(system.url("/mcp"))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}")));
        assertThat(listed.body()).as("/mcp tools/list after the reload").contains("\"analyze_restaurant_sentiment\"");
        HttpResponse<String> called = onANewConnection(HttpRequest.newBuilder(system.url("/api/v1/restaurants/analyze"))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"restaurants\": [{\"id\": \"r1\", \"name\": \"One\", "
                        + "\"sentiment\": {\"likes\": 1, \"dislikes\": 0, \"neutral\": 0}}]}")));
        assertThat(called.statusCode()).isEqualTo(503);
        assertThatJson(called.body()).inPath("error.code").isString().isNotEqualTo("TOOL_UNAVAILABLE");
    }

    private static HttpResponse<String> onANewConnection(HttpRequest.Builder request) {
        try (HttpClient fresh = HttpClient.newHttpClient()) {
            return fresh.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aReloadThatTakesABackendOutOfServiceIsDoneAndSaysSoWithTheBackendsAddress() throws IOException {
        // the environment gives the backends' addresses; the file sends the search backend's probe astray
        Files.writeString(file, BASE + """
                backends:
                  - {name: restaurant-search, url: "http://127.0.0.1:1", health_path: /no-such-health}
                  - {name: restaurant-reasoning, url: "http://127.0.0.1:1"}
                """);

        HttpResponse<String> reloaded = reload();

        assertThat(reloaded.statusCode()).as(reloaded.body()).isEqualTo(200);
        assertThatJson(reloaded.body()).inPath("data.reloaded").isEqualTo(true);
        assertThatJson(reloaded.body()).inPath("data.warnings").isArray().hasSize(1);
        assertThatJson(reloaded.body()).inPath("data.warnings[0]").isString().isEqualTo("backend"
                + " 'restaurant-search' served before and does not now (http://127.0.0.1:" + system.search.port()
                + "): HTTP 404 (no health page? set health_path: \"\" to probe with tools/list)");
    }

    @Test
    void aReloadKeepsTheCircuitBreakerOfABackendFoundFailingOpenAndItsFailuresCounted() throws IOException {
        String quick = BASE + "resilience: {minimum_calls: 2, sliding_window_size: 2, max_attempts: 1}\n";
        Files.writeString(file, quick);
        assertThatJson(reload().body()).inPath("data.reloaded").isEqualTo(true);
        system.reasoning.close();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            system.post("/api/v1/restaurants/analyze", "{\"restaurants\": [{\"id\": \"r1\", \"name\": \"One\","
                    + " \"sentiment\": {\"likes\": 1, \"dislikes\": 0, \"neutral\": 0}}]}", "Authorization", auth);
            return reasoningBreaker();
        }, "open"::equals);

        Files.writeString(file, quick.replace("production", "staging"));
        assertThatJson(reload().body()).inPath("data.changed_sections").isArray().containsExactly("environment");

        assertThat(reasoningBreaker()).isEqualTo("open");
        // each new gateway probes the backends before it serves: the failures of the one before count on
        Files.writeString(file, quick.replace("production", "test"));
        assertThatJson(reload().body()).inPath("data.reloaded").isEqualTo(true);
        assertThat(reasoningHealth().path("consecutive_failures").asInt()).isGreaterThanOrEqualTo(2);
    }

    private String reasoningBreaker() {
        return reasoningHealth().path("circuit_breaker").asString();
    }

    private JsonNode reasoningHealth() {
        String health = onANewConnection(HttpRequest.newBuilder(system.url("/health"))).body();
        return system.mapper.readTree(health).path("backends").path("restaurant-reasoning");
    }

    @Test
    void theMetricsCountOnAcrossAReloadAndReadTheNewGatewaysConnections() throws Exception {
        assertThat(search().statusCode()).isEqualTo(200);
        Files.writeString(file, BASE.replace("production", "staging"));
        assertThatJson(reload().body()).inPath("data.reloaded").isEqualTo(true);
        assertThat(search().statusCode()).isEqualTo(200);
        Thread.sleep(2_500); // the replaced gateway has finished its drain and closed its connections to backends

        JsonNode searches = StreamSupport.stream(system.mapper.readTree(system.get("/metrics").body())
                        .path("requests").path("by_endpoint").spliterator(), false)
                .filter(endpoint -> endpoint.path("route").asString().equals(SEARCH)).findFirst().orElseThrow();
        assertThat(searches.path("count").asLong()).as("the searches before and after the reload").isEqualTo(2);
        // the gauge reads the pool of the gateway serving now, which holds the connection of the second search
        assertThat(system.get("/metrics/prometheus").body())
                .contains("gateway_backend_connections{backend=\"restaurant-search\",state=\"open\"} 1.0")
                .as("the scrape itself, in flight in the gateway serving now")
                .contains("\ngateway_requests_in_flight 1.0\n");
    }

    @Test
    void theHealthGaugesReadTheNewGatewaysProbesAfterAReload() throws IOException {
        Files.writeString(file, BASE + "health: {probe_interval_seconds: 1}\n");
        assertThatJson(reload().body()).inPath("data.reloaded").isEqualTo(true);
        assertThat(system.get("/metrics/prometheus").body())
                .contains("gateway_backend_up{backend=\"restaurant-reasoning\"} 1.0")
                .contains("gateway_identity_provider_keys{state=\"fetched\"} 1.0");

        system.reasoning.close();

        // the replaced gateway's probes stop with it: a gauge still reading them would stay at 1 (or go blank)
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(system.get("/metrics/prometheus").body())
                .contains("gateway_backend_up{backend=\"restaurant-reasoning\"} 0.0")
                .contains("gateway_backend_up{backend=\"restaurant-search\"} 1.0"));
    }

    @Test
    void withAWatchAnEditedFileIsAppliedUnaskedAndABrokenOneChangesNothing() throws Exception {
        String watched = BASE.replace("server: {port: 0}", "server: {port: 0, config_watch_seconds: 1}");
        Files.writeString(file, watched);
        assertThatJson(reload().body()).inPath("data.changed_sections").isArray().containsExactly("server");
        assertThatJson(system.get("/config/current", "Authorization", admin).body()).inPath("data.enable_hot_reload")
                .isEqualTo(true);

        Files.writeString(file, watched.replace("production", "staging"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThatJson(system.get("/config/current",
                "Authorization", admin).body()).inPath("data.environment").isEqualTo("staging"));

        Files.writeString(file, "environment: nowhere\n");
        Thread.sleep(3_000); // three looks at the file, and the 2 s hand-over of the last reload, are over
        assertThatJson(system.get("/config/current", "Authorization", admin).body()).inPath("data.environment")
                .isEqualTo("staging");
        assertThat(search().statusCode()).isEqualTo(200);

        Files.writeString(file, ""); // an editor or a script emptying the file before it writes it again
        Thread.sleep(3_000);
        assertThatJson(system.get("/config/current", "Authorization", admin).body()).as("not all defaults")
                .inPath("data.environment").isEqualTo("staging");

        Files.writeString(file, watched.replace("production", "test"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThatJson(system.get("/config/current",
                "Authorization", admin).body()).inPath("data.environment").isEqualTo("test"));
    }

    @Test
    void withAWatchAChangeThatCouldNotStartIsTriedAgainWithoutAnotherEdit() throws Exception {
        String watched = BASE.replace("server: {port: 0}", "server: {port: 0, config_watch_seconds: 1}");
        Files.writeString(file, watched);
        assertThat(reload().statusCode()).isEqualTo(200);
        int port;
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = taken.getLocalPort();
            Files.writeString(file, watched.replace("port: 0", "port: " + port).replace("production", "staging"));
            Thread.sleep(2_500); // a look or two at the file: the port is taken, the gateway goes on as it was
            assertThatJson(system.get("/config/current", "Authorization", admin).body()).inPath("data.environment")
                    .isEqualTo("production");
        }
        // the port is free now, the file as it was: a pod that met a passing failure catches up by itself
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(system.gateway.port()).isEqualTo(port));
        assertThatJson(system.get("/config/current", "Authorization", admin).body()).inPath("data.environment")
                .isEqualTo("staging");
    }

    @Test
    void duringTheHandOverTheReplacedGatewayStaysReadyAndClosesItsConnections() throws Exception {
        byte[] ask = "GET /health/ready HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        await().atMost(Duration.ofSeconds(10)).until(() -> system.get("/health/ready").statusCode() == 200);
        try (java.net.Socket kept = new java.net.Socket(InetAddress.getLoopbackAddress(), system.gateway.port())) {
            kept.getOutputStream().write(ask);
            assertThat(ScriptedServer.readRequest(kept.getInputStream())).startsWith("HTTP/1.1 200");
            Files.writeString(file, BASE.replace("production", "staging"));
            assertThat(reload().statusCode()).isEqualTo(200);

            // the instance is not going away: a health checker on a kept-alive connection must not see 503 draining
            String answer;
            do {
                kept.getOutputStream().write(ask);
                answer = ScriptedServer.readRequest(kept.getInputStream());
                assertThat(answer).as("an answer on the kept connection").isNotNull().startsWith("HTTP/1.1 200")
                        .contains("\"ready\"");
            } while (!answer.toLowerCase(java.util.Locale.ROOT).contains("connection: close"));
        }
    }

    @Test
    void reloadsAskedForTogetherRunOneAfterTheOther() throws Exception {
        Files.writeString(file, BASE.replace("production", "staging"));
        List<HttpResponse<String>> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Thread> askers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            askers.add(Thread.ofVirtual().start(() -> answers.add(reload())));
        }
        for (Thread asker : askers) {
            asker.join();
        }

        assertThat(answers).extracting(HttpResponse::statusCode).containsExactly(200, 200, 200);
        assertThat(answers).extracting(answer -> system.mapper.readTree(answer.body()).path("data").path("reloaded")
                .asBoolean()).containsExactlyInAnyOrder(true, false, false);
        assertThatJson(system.get("/config/current", "Authorization", admin).body()).inPath("data.environment")
                .isEqualTo("staging");
    }

    @Test
    void aStopCutsAReloadInProgressShortInsteadOfWaitingForIt() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // the new gateway fetches its keys before it serves: from a server that takes the connection and says
            // nothing, for up to the fetch's 5 s timeout
            Files.writeString(file, BASE.replace("auth: {admin_scopes: [gateway-admin]}", "auth: {admin_scopes:"
                    + " [gateway-admin], jwks_uri: \"http://127.0.0.1:" + silent.getLocalPort() + "/jwks\"}"));
            List<java.net.Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread.ofVirtual().start(() -> {
                try {
                    held.add(silent.accept());
                } catch (IOException e) {
                    // closed by the test's end
                }
            });
            java.util.concurrent.atomic.AtomicReference<HttpResponse<String>> answer =
                    new java.util.concurrent.atomic.AtomicReference<>();
            Thread asker = Thread.ofVirtual().start(() -> answer.set(reload()));
            await().atMost(Duration.ofSeconds(10)).until(() -> !held.isEmpty());

            long start = System.nanoTime();
            system.stopGateway();
            Duration stopping = Duration.ofNanos(System.nanoTime() - start);
            asker.join();

            assertThat(stopping).isLessThan(Duration.ofSeconds(3));
            assertThat(answer.get().statusCode()).isEqualTo(500);
            assertThatJson(answer.get().body()).inPath("error.message").asString().contains("the gateway is stopping");
            for (java.net.Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void everyConnectionOpenedDuringReloadsIsAnsweredAndTheReplacedGatewaysWaitWithoutSpinning() throws Exception {
        // new connections all the time, from several clients: none may be refused or reset by a hand-over (with a
        // listening socket per gateway, those queued on the replaced one's were reset as it closed: 2 in 1,909)
        Clients clients = Clients.start(8, this::healthOnANewConnection);
        for (String environment : List.of("staging", "test", "production", "staging", "test", "production")) {
            Files.writeString(file, BASE.replace("production", environment));
            assertThatJson(reload().body()).inPath("data.reloaded").isEqualTo(true);
        }
        clients.stop();
        assertThat(clients.failures).isEmpty();
        assertThat(clients.succeeded.get()).isGreaterThan(100);

        // the replaced gateways finish within their 2 s drain, waiting: the threads that carry virtual threads (an
        // acceptor's included) are nearly idle; the JIT compilers, busy after the load, are not counted
        long cpu = carrierCpuNanos();
        Thread.sleep(1_000);
        Duration used = Duration.ofNanos(carrierCpuNanos() - cpu);

        assertThat(used).isLessThan(Duration.ofMillis(400));
        assertThat(search().statusCode()).isEqualTo(200);
    }

    /** Clients calling in a loop until stopped, tallying what they saw: a success, or each kind of failure. */
    private record Clients(AtomicBoolean running, List<Thread> threads, AtomicInteger succeeded,
            ConcurrentMap<String, Integer> failures) {

        static final String SUCCESS = "success";

        /** {@code count} clients each running {@code call}, which says {@link #SUCCESS} or what failed. */
        static Clients start(int count, java.util.function.Supplier<String> call) {
            Clients clients = new Clients(new AtomicBoolean(true), new ArrayList<>(), new AtomicInteger(),
                    new ConcurrentHashMap<>());
            for (int i = 0; i < count; i++) {
                clients.threads.add(Thread.ofVirtual().start(() -> {
                    while (clients.running.get()) {
                        String outcome = call.get();
                        if (outcome.equals(SUCCESS)) {
                            clients.succeeded.incrementAndGet();
                        } else {
                            clients.failures.merge(outcome, 1, Integer::sum);
                        }
                    }
                }));
            }
            return clients;
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join();
            }
        }
    }

    /** {@link Clients#SUCCESS} for a 200 to {@code GET /health/live} on a connection of its own, else what came. */
    private String healthOnANewConnection() {
        try (java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(), system.gateway.port())) {
            socket.getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return answer.startsWith("HTTP/1.1 200") ? Clients.SUCCESS
                    : answer.isEmpty() ? "closed without an answer" : answer.lines().findFirst().orElseThrow();
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** The CPU time of the JDK's carrier threads of virtual threads, which are all the gateway's threads here. */
    private static long carrierCpuNanos() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long total = 0;
        int carriers = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("ForkJoinPool-1-worker-")) {
                total += Math.max(0, threads.getThreadCpuTime(thread.threadId()));
                carriers++;
            }
        }
        assertThat(carriers).as("carrier threads found").isPositive();
        return total;
    }

    @Test
    void aStopRightAfterAReloadRefusesNewConnectionsAtOnceThoughTheReplacedGatewayStillDrains() throws Exception {
        Files.writeString(file, BASE.replace("production", "staging"));
        assertThat(reload().statusCode()).isEqualTo(200);
        int port = system.gateway.port();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(system::stopGateway);

        // the replaced gateway drains for 2 s and holds its share of the socket meanwhile: the stop must not wait
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
                .until(() -> !acceptsConnections(port));
        assertThat(stopping).as("the replaced gateway is still draining").isNotDone();
        stopping.join();
    }

    private static boolean acceptsConnections(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (java.net.ConnectException e) {
            return false;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aConfigurationThatCannotStartChangesNothingAndLeavesNoThreadBehind() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Files.writeString(file, BASE.replace("port: 0", "port: " + taken.getLocalPort()));
            String expected = "The configuration was not reloaded: a gateway could not be started with it: Failed to"
                    + " bind to 127.0.0.1:" + taken.getLocalPort() + ": Address already in use. The gateway goes on"
                    + " with the configuration it had";
            assertThatJson(reload().body()).as("warm-up: the JVM's own pools have started").inPath("error.message")
                    .isEqualTo(expected);
            int before = platformThreads();
            double streamsBefore = eventStreamsOpened();

            // it fails last, after its probes and pools have started: all of them must be closed
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> failed = reload();
                assertThat(failed.statusCode()).isEqualTo(500);
                assertThatJson(failed.body()).inPath("error.code").isEqualTo("RELOAD_FAILED");
                assertThatJson(failed.body()).inPath("error.message").isEqualTo(expected);
            }

            assertThat(search().statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(platformThreads()).isLessThanOrEqualTo(before));
            // a stream stopped while it connected left its socket open to the backend: none is opened before the end
            assertThat(eventStreamsOpened()).as("event streams opened by gateways that did not start")
                    .isEqualTo(streamsBefore);
        }
    }

    /**
     * The event streams gateways opened to the search server: each is a GET of its /mcp, which a stateless server
     * answers 405 (counted in its metrics).
     */
    private double eventStreamsOpened() throws Exception {
        try (var http = java.net.http.HttpClient.newHttpClient()) {
            String metrics = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                    "http://127.0.0.1:" + system.search.port() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return metrics.lines().filter(line -> line.startsWith("mcp_server_requests_total{status=\"405\"}"))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .sum();
        }
    }

    @Test
    void aReloadThatFailsHalfWayLeavesNoThreadBehind() throws Exception {
        Path pins = Files.writeString(dir.resolve("pins.json"), "not JSON");
        Files.writeString(file, BASE + "tools: {pins_file: \"" + pins + "\"}\n");
        assertThat(reload().statusCode()).as("warm-up: the JVM's own pools have started").isEqualTo(500);
        int before = platformThreads();

        for (int i = 0; i < 5; i++) {
            HttpResponse<String> failed = reload();
            assertThat(failed.statusCode()).isEqualTo(500);
            assertThatJson(failed.body()).inPath("error.message").asString().contains("tools.pins_file");
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(platformThreads()).isLessThanOrEqualTo(before));
        assertThat(search().statusCode()).isEqualTo(200);
    }

    /**
     * Platform threads but the JVM's pools and the test's own (awaitility's, the workers of the test's HTTP client,
     * which come and go with its requests): those of a half-started gateway (probes, clients) would be here. The
     * gateway's HTTP clients run their work on virtual threads; their selector threads are counted.
     */
    private static int platformThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> !name.startsWith("ForkJoinPool") && !name.startsWith("awaitility")
                        && !name.matches("HttpClient-\\d+-Worker-\\d+"))
                .count();
    }

    @Test
    void aFileWithSecretsInItsErrorsShowsTheSettingsNotTheValues() throws IOException {
        Map<String, String> secretBySetting = Map.of(
                "rate_limits.redis_url", "rate_limits: {redis_url: \"redis:/:hunter2@cache:6379\"}",
                "backends[0].url", "backends: [{name: restaurant-search, url: \"htp://svc:pa55word@search:8081\"}]",
                "backends[0].auth.token_env", "backends: [{name: restaurant-search, url: \"http://search:8081\","
                        + " auth: {type: bearer, token_env: \"sk-live-TOPSECRET\"}}]");
        for (var secret : secretBySetting.entrySet()) {
            Files.writeString(file, BASE.replace("rate_limits: {per_minute: 0, burst: 0}", secret.getValue()));

            HttpResponse<String> refused = reload();
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThatJson(refused.body()).inPath("error.details.errors").isArray().singleElement().asString()
                    .startsWith(secret.getKey());
            assertThat(refused.body()).doesNotContain("hunter2", "pa55word", "TOPSECRET");
            HttpResponse<String> all = system.get("/config/validate/all", "Authorization", admin);
            assertThatJson(all.body()).inPath("data.results.production.errors").isArray().hasSize(1);
            assertThat(all.body()).doesNotContain("hunter2", "pa55word", "TOPSECRET");
        }

        Files.writeString(file, "auth: {client_ids: [app], token: s3cr3t: oops}\n");
        HttpResponse<String> yaml = reload();
        assertThatJson(yaml.body()).inPath("error.message").asString().contains("is not valid YAML");
        assertThat(yaml.body()).doesNotContain("s3cr3t");
    }

    @Test
    void requestsInFlightAndOnOpenConnectionsAllSucceedAcrossReloads() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(system.url(SEARCH)).timeout(Duration.ofSeconds(30))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(CENTRAL)).build();
        Clients callers = Clients.start(4, () -> {
            try {
                int status = client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
                return status == 200 ? Clients.SUCCESS : "HTTP " + status;
            } catch (IOException | InterruptedException e) {
                return e.toString();
            }
        });
        Thread.sleep(1_000);
        List<Integer> reloadStatuses = new ArrayList<>();
        for (String environment : List.of("staging", "test")) {
            Files.writeString(file, BASE.replace("production", environment));
            reloadStatuses.add(reload().statusCode());
            Thread.sleep(3_000); // the replaced gateway has stopped before the next reload
        }
        callers.stop();

        assertThat(reloadStatuses).containsExactly(200, 200);
        assertThat(callers.failures).isEmpty();
        assertThat(callers.succeeded.get()).isGreaterThan(20);
        assertThatJson(system.get("/config/current", "Authorization", admin).body()).inPath("data.environment")
                .isEqualTo("test");
    }
}
