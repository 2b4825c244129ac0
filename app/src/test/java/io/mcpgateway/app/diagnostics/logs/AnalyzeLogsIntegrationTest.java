package io.mcpgateway.app.diagnostics.logs;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.mcpgateway.app.diagnostics.CommandRun;
import io.mcpgateway.devidp.DevIdentityProvider;
import io.mcpgateway.devidp.DevIdpConfig;
import io.mcpgateway.json.Json;
import io.mcpgateway.mcpkit.McpServerConfig;
import io.mcpgateway.mcpkit.McpServerHost;
import io.mcpgateway.reasoning.ReasoningServer;
import io.mcpgateway.restaurant.data.DataSetLoader;
import io.mcpgateway.restaurant.data.DirectoryDataSource;
import io.mcpgateway.restaurant.search.PageRequest;
import io.mcpgateway.search.SearchServer;
import io.mcpgateway.testsupport.TestDataSets;
import io.mcpgateway.testsupport.TokenForge;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code analyze-logs} on the log of a real gateway process ({@code LOG_FORMAT=JSON}, the product's logging
 * configuration) after the test caused successes and failures of every kind: bad and expired tokens, a token of
 * another issuer, no token, invalid bodies, rate-limited calls and a crashed backend. What it prints must be what the
 * test caused, counted from the answers the test got.
 */
@Timeout(120)
class AnalyzeLogsIntegrationTest {

    /**
     * The log's own start-up line (JSON escapes its slashes): with JSON logs the gateway prints no plain-text banner
     * beside them.
     */
    private static final Pattern READY = Pattern.compile("Gateway listening on http:\\\\?/\\\\?/(127\\.0\\.0\\.1:\\d+)");
    private static final String CLIENT = DevIdpConfig.DEFAULT_CLIENT_ID;
    private static final String RESTAURANTS = "{\"restaurants\": [{\"id\": \"r1\", \"name\": \"Tea House\","
            + " \"sentiment\": {\"likes\": 5, \"dislikes\": 1, \"neutral\": 2}}]}";

    @TempDir
    static Path dir;

    static final JsonMapper mapper = Json.newMapper();
    static final HttpClient http = HttpClient.newHttpClient();
    /** What the test caused: the status, error code and request id of every answer. */
    static final List<Answer> answers = new ArrayList<>();
    static Path log;

    record Answer(String requestId, int status, String errorCode) {
    }

    @BeforeAll
    static void runTheGatewayAndCauseTrouble() throws Exception {
        Clock clock = Clock.systemUTC();
        DevIdentityProvider idp = DevIdentityProvider.start(DevIdpConfig.defaults().withPort(0), clock, mapper);
        McpServerHost search = SearchServer.start(McpServerConfig.local(0), new DataSetLoader(mapper, clock)
                .load(new DirectoryDataSource(TestDataSets.hongKong())), PageRequest.DEFAULT_MAX_PAGE_SIZE, mapper,
                clock);
        McpServerHost reasoning = ReasoningServer.start(McpServerConfig.local(0), mapper, clock);
        log = dir.resolve("gateway.log");
        Process gateway = startGateway(config(idp.issuer(), search.port(), reasoning.port()));
        try {
            String base = awaitGateway();
            cause(base, idp, reasoning);
            gateway.toHandle().destroy(); // SIGTERM: the gateway stops cleanly, its last lines written
            assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            gateway.destroyForcibly();
            search.close();
            idp.close();
        }
    }

    private static Path config(String issuer, int searchPort, int reasoningPort) throws IOException {
        // The analyze route allows one call a minute, and the reasoning backend's breaker opens after 2 calls.
        return Files.writeString(dir.resolve("gateway.yaml"), """
                server: {port: 0}
                auth: {issuer: '%s', client_ids: [%s]}
                backends:
                  - {name: restaurant-search, url: 'http://127.0.0.1:%d'}
                  - {name: restaurant-reasoning, url: 'http://127.0.0.1:%d'}
                rate_limits:
                  per_minute: 0
                  burst: 0
                  routes: {/api/v1/restaurants/analyze: {per_minute: 1, burst: 1}}
                resilience: {max_attempts: 1, minimum_calls: 2, sliding_window_size: 2,
                             failure_rate_threshold_percent: 50}
                """.formatted(issuer, CLIENT, searchPort, reasoningPort));
    }

    private static Process startGateway(Path config) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String logConfig = AnalyzeLogsIntegrationTest.class.getResource("/logback.xml").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Dlogback.configurationFile=" + logConfig, "-cp",
                System.getProperty("java.class.path"), "io.mcpgateway.app.Main", "gateway", "--config",
                config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("OIDC_") || k.startsWith("COGNITO_")
                || k.startsWith("MCP_") || k.startsWith("RATE_LIMIT_") || k.startsWith("LOG_")
                || k.equals("GATEWAY_PORT") || k.equals("REDIS_URL"));
        builder.environment().put("LOG_FORMAT", "JSON");
        return builder.start();
    }

    private static String awaitGateway() {
        String[] base = new String[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Matcher m = READY.matcher(Files.readString(log));
            assertThat(m.find()).as("the gateway printed its URL").isTrue();
            base[0] = "http://" + m.group(1);
        });
        return base[0];
    }

    private static void cause(String base, DevIdentityProvider idp, McpServerHost reasoning) throws Exception {
        String token = idp.issueAccessToken(CLIENT, List.of("restaurants/read"), Duration.ofMinutes(10));
        TokenForge forge = new TokenForge(idp.signingKey(), Clock.systemUTC());
        String expired = forge.accessToken(idp.issuer(), CLIENT, "restaurants/read")
                .expiresAt(Instant.now().minus(Duration.ofMinutes(10))).signed();
        String otherIssuer = forge.accessToken("https://login.example.com", CLIENT, "restaurants/read").signed();
        String district = "{\"districts\": [\"Central district\"]}";
        String search = base + "/api/v1/restaurants/search/district";
        for (int i = 0; i < 3; i++) {
            post(search, token, district);
        }
        post(search, "not-a-jwt", district);
        post(search, "not-a-jwt", district);
        post(search, expired, district);
        post(search, expired, district);
        post(search, otherIssuer, district);
        post(search, null, district);
        post(search, token, "{\"districts\": 5}");
        post(search, token, "{\"districts\": [\"Atlantis\"]}");
        post(search, token, "{");
        for (int i = 0; i < 3; i++) {
            post(base + "/api/v1/restaurants/analyze", token, RESTAURANTS);
        }
        reasoning.close();
        for (int i = 0; i < 3; i++) {
            post(base + "/api/v1/restaurants/recommend", token, RESTAURANTS);
        }
    }

    private static void post(String url, String token, String body) throws Exception {
        String id = "test-" + answers.size();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type",
                "application/json").header("X-Request-ID", id).POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String code = response.statusCode() == 200 ? null
                : mapper.readTree(response.body()).path("error").path("code").asString(null);
        answers.add(new Answer(id, response.statusCode(), code));
    }

    private static JsonNode analysis() {
        CommandRun run = CommandRun.of("analyze-logs", log.toString(), "--json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return mapper.readTree(run.out());
    }

    private static Map<String, Long> counted(java.util.function.Predicate<Answer> which,
            java.util.function.Function<Answer, String> key) {
        Map<String, Long> counts = new TreeMap<>();
        answers.stream().filter(which).forEach(a -> counts.merge(key.apply(a), 1L, Long::sum));
        return counts;
    }

    private static Map<String, Long> map(JsonNode node) {
        Map<String, Long> map = new TreeMap<>();
        node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asLong()));
        return map;
    }

    @Test
    void everyRequestIsCountedByItsStatus() {
        JsonNode analysis = analysis();

        assertThat(analysis.path("requests").path("total").asLong()).isEqualTo(answers.size());
        assertThat(map(analysis.path("requests").path("by_status")))
                .isEqualTo(counted(a -> true, a -> Integer.toString(a.status())));
    }

    @Test
    void authenticationFailuresAreCountedByReason() {
        assertThat(map(analysis().path("auth_failures").path("by_reason"))).isEqualTo(Map.of("malformed", 2L,
                "expired", 2L, "wrong_issuer", 1L, "missing_token", 1L));
    }

    @Test
    void authenticationFailuresAreTracedToTheAddressAndTheHolderOfTheExpiredTokens() {
        long refused = answers.stream().filter(a -> a.status() == 401).count();
        JsonNode failures = analysis().path("auth_failures");

        // the forged access tokens' subject is their client; a token whose signature failed names no holder
        assertThat(map(failures.path("by_client_ip"))).isEqualTo(Map.of("127.0.0.1", refused));
        assertThat(map(failures.path("by_token_holder"))).isEqualTo(Map.of(CLIENT + " (client " + CLIENT + ")",
                2L));
    }

    @Test
    void validationErrorsAreCountedByCode() {
        Map<String, Long> caused = counted(a -> a.status() == 400, Answer::errorCode);

        assertThat(caused).containsOnlyKeys("SCHEMA_VIOLATION", "TOOL_VALIDATION_ERROR", "MALFORMED_JSON");
        assertThat(map(analysis().path("validation_errors").path("by_code"))).isEqualTo(caused);
    }

    @Test
    void rateLimitRejectionsAreCounted() {
        long caused = answers.stream().filter(a -> a.status() == 429).count();

        assertThat(caused).as("the analyze route's limit refused calls").isPositive();
        assertThat(analysis().path("rate_limited").path("total").asLong()).isEqualTo(caused);
    }

    @Test
    void theCrashedBackendShowsAsFailedCallsUnavailableAnswersAndAnOpenBreaker() {
        Map<String, Long> caused = counted(a -> a.status() == 503, a -> "503 " + a.errorCode());
        JsonNode analysis = analysis();

        // The first failed call opens the breaker (2 calls in the window, 1 failed = 50%); the next ones fail fast.
        assertThat(caused).containsKeys("503 BACKEND_UNAVAILABLE", "503 CIRCUIT_OPEN");
        assertThat(map(analysis.path("backend_failure_answers").path("by_status_and_code"))).isEqualTo(caused);
        assertThat(analysis.path("backend_call_failures").path("by_backend_and_kind")
                .path("restaurant-reasoning unavailable").asLong()).isGreaterThanOrEqualTo(
                        caused.get("503 BACKEND_UNAVAILABLE"));
        assertThatJson(analysis.path("circuit_breaker_transitions").toString())
                .inPath("events[?(@.name == 'restaurant-reasoning')].change").isArray()
                .containsExactly("CLOSED -> OPEN");
    }

    @Test
    void theSlowestRequestsAreNamedByTheirRequestIds() {
        List<String> sent = answers.stream().map(Answer::requestId).toList();
        JsonNode slowest = analysis().path("requests").path("slowest");

        assertThat(slowest.size()).isEqualTo(5);
        slowest.forEach(r -> assertThat(r.path("request_id").asString()).isIn(sent));
        assertThat(slowest.get(0).path("duration_ms").asDouble())
                .isGreaterThanOrEqualTo(slowest.get(4).path("duration_ms").asDouble());
    }

    @Test
    void theBusiestCallerIsTheAuthenticatedClientWithEveryRequestThatGotPastAuthentication() {
        long authenticated = answers.stream().filter(a -> a.status() != 401).count();

        assertThat(map(analysis().path("requests").path("busiest_callers"))).isEqualTo(Map.of(CLIENT, authenticated));
    }

    @Test
    void theTextReportSaysTheSameInSections() {
        CommandRun run = CommandRun.of("analyze-logs", log.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.line("Requests: ")).isEqualTo("Requests: " + answers.size() + " (by status: "
                + String.join(", ", counted(a -> true, a -> Integer.toString(a.status())).entrySet().stream()
                        .map(e -> e.getKey() + " x " + e.getValue()).toList()) + ")");
        assertThat(run.out()).contains("Authentication failures: 6\n  expired: 2\n  malformed: 2\n"
                + "  missing_token: 1\n  wrong_issuer: 1\n");
        assertThat(run.out()).contains("Circuit breaker transitions: 1\n")
                .contains(" restaurant-reasoning CLOSED -> OPEN\n");
    }

    @Test
    void everyLineOfTheOutputIsJson() throws IOException {
        // a log collector reads the process's output line by line: one plain line (a banner) is one it cannot read
        assertThat(Files.readAllLines(log, StandardCharsets.UTF_8)).isNotEmpty()
                .allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"));
    }

    @Test
    void theLogHoldsNoToken() throws IOException {
        assertThat(Files.readString(log, StandardCharsets.UTF_8)).doesNotContain("not-a-jwt").doesNotContain("eyJ");
    }
}
