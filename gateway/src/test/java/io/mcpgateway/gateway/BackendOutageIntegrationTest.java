package io.mcpgateway.gateway;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import ch.qos.logback.classic.Level;

import io.mcpgateway.gateway.config.ConfigException;
import io.mcpgateway.gateway.config.ConfigLoader;
import io.mcpgateway.gateway.config.GatewayConfig;
import io.mcpgateway.gateway.health.BackendHealthMonitor;
import io.mcpgateway.gateway.toolmeta.ToolRegistry;
import io.mcpgateway.json.Json;
import io.mcpgateway.mcpkit.McpServerConfig;
import io.mcpgateway.mcpkit.McpServerHost;
import io.mcpgateway.reasoning.ReasoningServer;
import io.mcpgateway.testsupport.FixedAnswerServer;
import io.mcpgateway.testsupport.RefusingPort;
import io.mcpgateway.testsupport.ScriptedServer;
import no.nav.security.mock.oauth2.MockOAuth2Server;

/** A backend that is down at start-up, comes up, and goes down again: the gateway copes and says so. */
@Timeout(90)
class BackendOutageIntegrationTest {

    @TempDir
    Path dir;

    /** The issuer, and a search backend that is down, as every test here has them. */
    private final MockOAuth2Server oauth = new MockOAuth2Server();
    private final RefusingPort search = new RefusingPort();

    @BeforeEach
    void startIssuer() {
        oauth.start();
    }

    @AfterEach
    void stop() {
        oauth.shutdown();
        search.close();
    }

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A gateway over the two backends on these ports, probing them every second, trusting the issuer. */
    private GatewayServer startGateway(int searchPort, int reasoningPort) throws Exception {
        return startGateway(searchPort, reasoningPort, "ready_needs_backend: true");
    }

    /** The same, with {@code health} settings beside the probes' (YAML, "name: value"). */
    private GatewayServer startGateway(int searchPort, int reasoningPort, String health) throws Exception {
        return startGateway("http://127.0.0.1:" + searchPort, "http://127.0.0.1:" + reasoningPort, health);
    }

    private GatewayServer startGateway(String searchUrl, String reasoningUrl, String health) throws Exception {
        Path config = dir.resolve("gateway.yaml");
        Files.writeString(config, """
                backends:
                  - {name: restaurant-search, url: "%s", request_timeout_ms: 2000}
                  - {name: restaurant-reasoning, url: "%s", request_timeout_ms: 2000}
                health: {probe_interval_seconds: 1, probe_timeout_ms: 500, %s}
                """.formatted(searchUrl, reasoningUrl, health));
        String issuer = oauth.issuerUrl("default").toString().replaceAll("/$", "");
        GatewayConfig gatewayConfig = new ConfigLoader(Map.of("OIDC_ISSUER_URL", issuer, "OIDC_CLIENT_IDS", "tests",
                "GATEWAY_PORT", "0")).load(config);
        return GatewayServer.start(gatewayConfig, Json.newMapper(), Clock.systemUTC());
    }

    @Test
    void gatewayStartsWithoutBackendsAnswers503AndRecoversByItself() throws Exception {
        RefusingPort reasoningDown = new RefusingPort();
        int reasoningPort = reasoningDown.port();
        try (GatewayServer gateway = startGateway(search.port(), reasoningPort)) {
            URI base = URI.create("http://127.0.0.1:" + gateway.port());
            String token = oauth.issueToken("default", "alice", "tests", Map.of()).serialize();
            HttpRequest analyze = HttpRequest.newBuilder(base.resolve("/api/v1/restaurants/analyze"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    // The outage must be seen, not the response cache's copy of the last good answer.
                    .header("Cache-Control", "no-cache")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"restaurants\":[{\"id\":\"a\",\"name\":\"A\",\"sentiment\":{\"likes\":1,\"dislikes\":0,\"neutral\":0}}]}"))
                    .build();
            HttpRequest health = HttpRequest.newBuilder(base.resolve("/health")).build();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                HttpResponse<String> h = send(health);
                assertThat(h.statusCode()).isEqualTo(503);
                assertThatJson(h.body()).inPath("status").isEqualTo("unhealthy");
                assertThatJson(h.body()).inPath("backends.restaurant-reasoning.last_error").isEqualTo("connection refused");
            });
            HttpRequest prometheus = HttpRequest.newBuilder(base.resolve("/metrics/prometheus")).build();
            assertThat(send(prometheus).body()).as("for alerts without traffic")
                    .contains("gateway_backend_up{backend=\"restaurant-reasoning\"} 0.0")
                    .contains("gateway_backend_up{backend=\"restaurant-search\"} 0.0");
            HttpResponse<String> notReady = send(HttpRequest.newBuilder(base.resolve("/health/ready")).build());
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThatJson(notReady.body()).isEqualTo("{\"status\":\"not_ready\",\"reason\":\"no backend serves"
                    + " (see /health)\"}");
            HttpResponse<String> down = send(analyze);
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.headers().firstValue("Retry-After")).isPresent();
            assertThatJson(down.body()).inPath("error.type").isEqualTo("ServiceUnavailableError");
            // on /mcp a tool no backend has listed is unknown, and the answer says which backend may have it
            HttpResponse<String> mcpNeverListed = send(mcpAnalyze(base, token));
            assertThatJson(mcpNeverListed.body()).inPath("error.code").isEqualTo(-32602);
            assertThatJson(mcpNeverListed.body()).inPath("error.message").asString()
                    .contains("Unknown tool: analyze_restaurant_sentiment", "restaurant-reasoning");
            assertThat(send(HttpRequest.newBuilder(base.resolve("/metrics/prometheus")).build()).body())
                    .as("an outage, as the REST route's 503 TOOL_UNAVAILABLE")
                    .containsPattern("gateway_requests_seconds_count\\{[^}]*outcome=\"server_error\"[^}]*"
                            + "route=\"/mcp\"");
            // a name no route nor prefix ties to the backend that is down is the caller's mistake, outage or not
            HttpResponse<String> typo = send(HttpRequest.newBuilder(base.resolve("/mcp"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .header("Accept", "application/json, text/event-stream").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"tools/call\",\"params\":{\"name\":"
                                    + "\"analyse_restaurant_sentiment\",\"arguments\":{}}}")).build());
            assertThatJson(typo.body()).inPath("error.code").isEqualTo(-32602);
            assertThat(send(HttpRequest.newBuilder(base.resolve("/metrics/prometheus")).build()).body())
                    .containsPattern("gateway_requests_seconds_count\\{[^}]*outcome=\"client_error\"[^}]*"
                            + "route=\"/mcp\"");

            reasoningDown.close(); // the reasoning server comes up on the port
            try (McpServerHost reasoning = ReasoningServer.start(new McpServerConfig("127.0.0.1", reasoningPort,
                    McpServerConfig.LOCAL_HOSTS, McpServerConfig.LOCAL_ORIGINS, McpServerConfig.DEFAULT_MAX_REQUEST_BYTES,
                    Duration.ofSeconds(1), McpServerConfig.DEFAULT_MAX_CONNECTIONS), Json.newMapper(),
                    Clock.systemUTC())) {
                await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                    HttpResponse<String> h = send(health);
                    assertThat(h.statusCode()).isEqualTo(200);
                    assertThatJson(h.body()).inPath("status").isEqualTo("degraded");
                    assertThatJson(h.body()).inPath("backends.restaurant-reasoning.status").isEqualTo("healthy");
                });
                assertThat(send(prometheus).body())
                        .contains("gateway_backend_up{backend=\"restaurant-reasoning\"} 1.0")
                        .contains("gateway_backend_up{backend=\"restaurant-search\"} 0.0");
                assertThat(send(analyze).statusCode()).isEqualTo(200);
            }

            HttpResponse<String> downAgain = send(analyze);
            assertThat(downAgain.statusCode()).isEqualTo(503);
            assertThatJson(downAgain.body()).inPath("error.code").isEqualTo("BACKEND_UNAVAILABLE");
            // on /mcp the same failure is a tool error an agent can read: the envelope as structured content
            HttpResponse<String> mcpDown = send(mcpAnalyze(base, token));
            assertThat(mcpDown.statusCode()).isEqualTo(200);
            assertThatJson(mcpDown.body()).inPath("result.isError").isEqualTo(true);
            assertThatJson(mcpDown.body()).inPath("result.structuredContent.error.code")
                    .isEqualTo("BACKEND_UNAVAILABLE");
            assertThatJson(mcpDown.body()).inPath("result.structuredContent.error.type")
                    .isEqualTo("ServiceUnavailableError");
        } finally {
            reasoningDown.close();
        }
    }

    private static HttpRequest mcpAnalyze(URI base, String token) {
        return HttpRequest.newBuilder(base.resolve("/mcp"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").header("Cache-Control", "no-cache")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"jsonrpc":"2.0","id":7,"method":"tools/call",
                         "params":{"name":"analyze_restaurant_sentiment","arguments":{"restaurants":[
                           {"id":"a","name":"A","sentiment":{"likes":1,"dislikes":0,"neutral":0}}]}}}
                        """)).build();
    }

    @Test
    void aBackendWhoseHostDoesNotResolveIsSaidToBeSoAndTheLogNamesItsAddress() throws Exception {
        try (CapturedLogs probeLogs = CapturedLogs.of(BackendHealthMonitor.class);
                GatewayServer gateway = startGateway("http://restaurant-serch.invalid:8081",
                        "http://127.0.0.1:" + search.port(), "ready_needs_backend: false")) {
            URI base = URI.create("http://127.0.0.1:" + gateway.port());

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                HttpResponse<String> h = send(HttpRequest.newBuilder(base.resolve("/health")).build());
                assertThatJson(h.body()).inPath("backends.restaurant-search.last_error")
                        .isEqualTo("the host name does not resolve"); // not "connection refused"
                assertThat(h.body()).doesNotContain("restaurant-serch"); // /health is public
            });
            assertThat(probeLogs.events()).anySatisfy(e -> assertThat(e.getFormattedMessage()).isEqualTo(
                    "Backend 'restaurant-search' is unhealthy: the host name does not resolve"
                            + " (http://restaurant-serch.invalid:8081/health)"));
        }
    }

    @Test
    void aBackendThatAnswersHealthButRefusesToListItsToolsIsUnhealthy() throws Exception {
        // The reasoning server accepts another Host than the one the gateway sends: 421 on /mcp, 200 on /health.
        try (CapturedLogs registryLogs = CapturedLogs.of(ToolRegistry.class);
                McpServerHost reasoning = ReasoningServer.start(new McpServerConfig("127.0.0.1", 0,
                        java.util.List.of("restaurant-reasoning:*"), McpServerConfig.LOCAL_ORIGINS,
                        McpServerConfig.DEFAULT_MAX_REQUEST_BYTES, Duration.ofSeconds(1),
                        McpServerConfig.DEFAULT_MAX_CONNECTIONS), Json.newMapper(), Clock.systemUTC())) {
            try (GatewayServer gateway = startGateway(search.port(), reasoning.port())) {
                URI base = URI.create("http://127.0.0.1:" + gateway.port());

                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    HttpResponse<String> h = send(HttpRequest.newBuilder(base.resolve("/health")).build());
                    assertThat(h.statusCode()).isEqualTo(503);
                    assertThatJson(h.body()).inPath("status").isEqualTo("unhealthy");
                    assertThatJson(h.body()).inPath("backends.restaurant-reasoning.status").isEqualTo("unhealthy");
                    assertThatJson(h.body()).inPath("backends.restaurant-reasoning.last_error").asString()
                            .startsWith("its tools cannot be listed: ").contains("421");
                });
                assertThat(send(HttpRequest.newBuilder(base.resolve("/health/ready")).build()).statusCode())
                        .isEqualTo(503);
                // the same failure is logged once, however many probes ask for the tools again meanwhile
                await().during(Duration.ofMillis(2_500)).atMost(Duration.ofSeconds(5))
                        .until(() -> registryLogs.messages(Level.WARN).stream()
                                .filter(line -> line.contains("restaurant-reasoning")).count() == 1);
                // the line names where the gateway looked, for whoever set it
                assertThat(registryLogs.events()).anySatisfy(e -> assertThat(e.getFormattedMessage())
                        .contains("(http://127.0.0.1:" + reasoning.port() + "/mcp)"));
            }
        }
    }

    @Test
    @Timeout(30)
    void aBackendWhoseHealthAnswerStallsIsUnhealthyAndHoldsNoProbeUp() throws Exception {
        // headers, then 3 of the 100 bytes promised, then nothing: the JDK client's timeout covers only the headers
        try (ScriptedServer stalling = new ScriptedServer(socket -> {
            ScriptedServer.readRequest(socket.getInputStream());
            ScriptedServer.send(socket, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc");
            Thread.sleep(60_000);
        }); GatewayServer gateway = startGateway(search.port(), stalling.uri("").getPort())) {
            // it started (it probes before it serves), and the probes go on round after round
            URI base = URI.create("http://127.0.0.1:" + gateway.port());
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                HttpResponse<String> h = send(HttpRequest.newBuilder(base.resolve("/health")).build());
                assertThatJson(h.body()).inPath("backends.restaurant-reasoning.status").isEqualTo("unhealthy");
                assertThatJson(h.body()).inPath("backends.restaurant-reasoning.last_error")
                        .isEqualTo("no answer within 500 ms");
                assertThatJson(h.body()).inPath("backends.restaurant-reasoning.consecutive_failures").asNumber()
                        .isGreaterThanOrEqualTo(java.math.BigDecimal.valueOf(3));
            });
        }
    }

    /** A gateway over a reasoning server of its own, trusting the issuer at {@code idpPort}. */
    private GatewayServer startGatewayTrusting(int idpPort, McpServerHost reasoning) throws Exception {
        Path config = dir.resolve("gateway.yaml");
        Files.writeString(config, """
                auth: {issuer: "http://127.0.0.1:%d", client_ids: [tests]}
                backends: [{name: restaurant-reasoning, url: "http://127.0.0.1:%d"}]
                routes: [{path: /api/v1/restaurants/analyze, backend: restaurant-reasoning,
                          tool: analyze_restaurant_sentiment}]
                health: {probe_interval_seconds: 1, probe_timeout_ms: 500}
                """.formatted(idpPort, reasoning.port()));
        return GatewayServer.start(new ConfigLoader(Map.of("GATEWAY_PORT", "0")).load(config), Json.newMapper(),
                Clock.systemUTC());
    }

    @Test
    void anIssuerThatDoesNotAnswerAtStartUpLeavesTheGatewayNotReadyFromItsFirstRequest() throws Exception {
        // accepts no connection: the gateway's first fetch of the keys waits in its backlog to the fetch's timeout
        try (ServerSocket silentIdp = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                McpServerHost reasoning = ReasoningServer.start(McpServerConfig.local(0), Json.newMapper(),
                        Clock.systemUTC());
                GatewayServer gateway = startGatewayTrusting(silentIdp.getLocalPort(), reasoning)) {
            URI base = URI.create("http://127.0.0.1:" + gateway.port());

            HttpResponse<String> ready = send(HttpRequest.newBuilder(base.resolve("/health/ready")).build());

            assertThat(ready.statusCode()).as("no token can be verified").isEqualTo(503);
            assertThatJson(ready.body()).isEqualTo("{\"status\":\"not_ready\",\"reason\":\"the identity "
                    + "provider's keys have never been fetched: no token can be verified\"}");
            assertThatJson(send(HttpRequest.newBuilder(base.resolve("/health")).build()).body())
                    .inPath("identity_provider.keys").isEqualTo("unreachable");
        }
    }

    @Test
    void anIssuerThatNamesItselfOtherwiseStopsStartUpNamingTheSetting() throws Exception {
        try (FixedAnswerServer idp = new FixedAnswerServer();
                McpServerHost reasoning = ReasoningServer.start(McpServerConfig.local(0), Json.newMapper(),
                        Clock.systemUTC())) {
            // the configured issuer without the final '/' the issuer writes: every token's iss would differ
            idp.answer("/.well-known/openid-configuration", 200, "{\"issuer\": \"" + idp.url() + "/\","
                    + " \"jwks_uri\": \"" + idp.url() + "/jwks\"}");
            int port = URI.create(idp.url()).getPort();

            assertThatThrownBy(() -> startGatewayTrusting(port, reasoning).close())
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("auth.issuer (OIDC_ISSUER_URL, or from COGNITO_USER_POOL_ID) is not the"
                            + " issuer's own name: discovery ")
                    .hasMessageContaining("names issuer '" + idp.url() + "/'");
        }
    }

    @Test
    void anIssuerOutOfReachSinceStartUpMakesTheGatewayUnhealthyAndNotReady() throws Exception {
        RefusingPort idp = new RefusingPort();
        try (McpServerHost reasoning = ReasoningServer.start(McpServerConfig.local(0), Json.newMapper(),
                Clock.systemUTC())) {
            try (GatewayServer gateway = startGatewayTrusting(idp.port(), reasoning)) {
                URI base = URI.create("http://127.0.0.1:" + gateway.port());

                // its backend is healthy, but no token can be verified: said before any caller finds out
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    HttpResponse<String> h = send(HttpRequest.newBuilder(base.resolve("/health")).build());
                    assertThat(h.statusCode()).isEqualTo(503);
                    assertThatJson(h.body()).inPath("status").isEqualTo("unhealthy");
                    assertThatJson(h.body()).inPath("backends.restaurant-reasoning.status").isEqualTo("healthy");
                    assertThatJson(h.body()).inPath("identity_provider.keys").isEqualTo("unreachable");
                    assertThatJson(h.body()).inPath("identity_provider.last_error").asString()
                            .contains("openid-configuration");
                });
                assertThat(send(HttpRequest.newBuilder(base.resolve("/health/ready")).build()).statusCode())
                        .isEqualTo(503);
                assertThat(send(HttpRequest.newBuilder(base.resolve("/metrics/prometheus")).build()).body())
                        .as("for alerts without scraping /health")
                        .contains("gateway_identity_provider_keys{state=\"unreachable\"} 1.0")
                        .contains("gateway_identity_provider_keys{state=\"fetched\"} 0.0")
                        .contains("gateway_identity_provider_keys{state=\"not_fetched_yet\"} 0.0")
                        .contains("gateway_backend_up{backend=\"restaurant-reasoning\"} 1.0");
            }
        }
    }

    @Test
    void readinessCanMeanThatTheGatewayRunsWhateverItsBackends() throws Exception {
        RefusingPort reasoning = new RefusingPort();
        try (GatewayServer gateway = startGateway(search.port(), reasoning.port(), "ready_needs_backend: false")) {
            URI base = URI.create("http://127.0.0.1:" + gateway.port());

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    send(HttpRequest.newBuilder(base.resolve("/health")).build()).statusCode()).isEqualTo(503));
            HttpResponse<String> ready = send(HttpRequest.newBuilder(base.resolve("/health/ready")).build());

            assertThat(ready.statusCode()).isEqualTo(200);
            assertThatJson(ready.body()).inPath("status").isEqualTo("ready");
        } finally {
            reasoning.close();
        }
    }
}
