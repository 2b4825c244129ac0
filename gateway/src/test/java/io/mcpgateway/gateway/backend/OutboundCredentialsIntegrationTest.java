package io.mcpgateway.gateway.backend;

import static io.mcpgateway.gateway.backend.FaultInjectionGateway.ALPHA_LOOKUP;
import static io.mcpgateway.gateway.backend.FaultInjectionGateway.BETA_LOOKUP;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.nimbusds.jwt.SignedJWT;

import ch.qos.logback.classic.Level;

import io.mcpgateway.gateway.CapturedLogs;
import io.mcpgateway.gateway.backend.FaultyMcpServer.Behaviour;
import io.mcpgateway.testsupport.RefusingPort;
import io.mcpgateway.testsupport.ScriptedServer;
import no.nav.security.mock.oauth2.MockOAuth2Server;

/**
 * What a backend sees of the gateway: its configured credentials (a static bearer token, an API key, or a token the
 * gateway gets itself with the client credentials grant), and never the caller's token.
 */
@Timeout(120)
class OutboundCredentialsIntegrationTest {

    private static final String RETRIES_AND_BREAKER_OFF =
            "{max_attempts: 1, minimum_calls: 10000, sliding_window_size: 10000}";

    /** The backend's own authorization server: not the one that issues callers' tokens. */
    private final MockOAuth2Server backendIssuer = new MockOAuth2Server();

    @BeforeEach
    void startBackendIssuer() {
        backendIssuer.start();
    }

    @AfterEach
    void stopBackendIssuer() {
        backendIssuer.shutdown();
    }

    @Test
    void noCredentialsConfiguredMeansNoAuthorizationHeaderAndNeverTheCallersToken() {
        try (var env = new FaultInjectionGateway(5_000, 5_000, RETRIES_AND_BREAKER_OFF)) {
            assertThat(env.post(ALPHA_LOOKUP).statusCode()).isEqualTo(200);

            assertThat(env.alpha.callCredentials()).containsExactly(Map.of());
        }
    }

    @Test
    void theBackendGetsTheIdOfTheRequestItServesOnEveryAttemptSoBothLogsCanBeJoined() {
        try (var env = new FaultInjectionGateway(5_000, 5_000,
                "{max_attempts: 2, initial_backoff_ms: 1, retry_budget_percent: 100, minimum_calls: 10000}")) {
            HttpResponse<String> chosen = env.post(ALPHA_LOOKUP, "X-Request-ID", "trace-me-42");
            HttpResponse<String> assigned = env.post(ALPHA_LOOKUP);
            env.alpha.next(Behaviour.httpStatus(503));
            HttpResponse<String> retried = env.post(ALPHA_LOOKUP, "X-Request-ID", "retried-7");
            HttpResponse<String> invalid = env.post(ALPHA_LOOKUP, "X-Request-ID", "not valid!");

            assertThat(List.of(chosen, assigned, retried, invalid)).allSatisfy(r -> assertThat(r.statusCode())
                    .as(r.body()).isEqualTo(200));
            String assignedId = assigned.headers().firstValue("X-Request-ID").orElseThrow();
            String replacedId = invalid.headers().firstValue("X-Request-ID").orElseThrow();
            assertThat(replacedId).isNotEqualTo("not valid!");
            assertThat(env.alpha.callRequestIds()).containsExactly("trace-me-42", assignedId, "retried-7",
                    "retried-7", replacedId);
        }
    }

    @Test
    void theCallersTraceContextIsSentOnToTheBackendWithEveryAttemptWhenWellFormedAndNothingElse() {
        String parent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        try (CapturedLogs accessLines = CapturedLogs.of("access").atLevel(Level.INFO);
                var env = new FaultInjectionGateway(5_000, 5_000,
                        "{max_attempts: 2, initial_backoff_ms: 1, retry_budget_percent: 100, minimum_calls: 10000}")) {
            env.alpha.next(Behaviour.httpStatus(503));
            HttpResponse<String> retried = env.post(ALPHA_LOOKUP, "traceparent", parent, "tracestate", "vendor=a1");
            HttpResponse<String> overMcp = env.postMcp("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                    + "\"params\":{\"name\":\"alpha___lookup\",\"arguments\":{\"q\":\"x\"}}}", "traceparent", parent);
            HttpResponse<String> malformed = env.post(ALPHA_LOOKUP, "traceparent", parent.toUpperCase(Locale.ROOT),
                    "tracestate", "vendor=a1");
            HttpResponse<String> twice = env.post(ALPHA_LOOKUP, "traceparent", parent, "traceparent", parent);
            HttpResponse<String> untraced = env.post(ALPHA_LOOKUP);

            assertThat(List.of(retried, overMcp, malformed, twice, untraced)).allSatisfy(r -> assertThat(r.statusCode())
                    .as(r.body()).isEqualTo(200));
            Map<String, String> traced = Map.of("traceparent", parent, "tracestate", "vendor=a1");
            assertThat(env.alpha.callTraceHeaders()).containsExactly(traced, traced, Map.of("traceparent", parent),
                    Map.of(), Map.of(), Map.of());
            // the access line of a traced request carries the trace id, so the log can be joined to the trace
            // (written once the answer is sent: awaited)
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(accessLines.events())
                    .filteredOn(line -> line.getFormattedMessage().startsWith("POST "))
                    .extracting(line -> line.getMDCPropertyMap().get("trace_id"))
                    .containsExactly("4bf92f3577b34da6a3ce929d0e0e4736", "4bf92f3577b34da6a3ce929d0e0e4736", null,
                            null, null));
        }
    }

    @Test
    void restCallsOfferToTakeTheStructuredContentOnlyAndMcpCallsTakeWholeResultsBothSayingWhomTheyAreFor() {
        try (var env = new FaultInjectionGateway(5_000, 5_000, RETRIES_AND_BREAKER_OFF)) {
            HttpResponse<String> rest = env.post(ALPHA_LOOKUP);
            HttpResponse<String> mcp = env.postMcp("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                    + "\"params\":{\"name\":\"alpha___lookup\",\"arguments\":{\"q\":\"x\"}}}");

            String caller = "{\"subject\":\"tester\",\"client_id\":\"" + FaultInjectionGateway.CLIENT_ID
                    + "\",\"scopes\":[]}";
            assertThat(env.alpha.callMeta()).containsExactly("{\"io.mcpgateway/structured-only\":true,"
                    + "\"io.mcpgateway/caller\":" + caller + "}", "{\"io.mcpgateway/caller\":" + caller + "}");
            // this backend ignores the offer and sends its text copy anyway: the REST answer is the same
            assertThat(rest.statusCode()).isEqualTo(200);
            assertThatJson(rest.body()).inPath("data.served_by").isEqualTo("alpha");
            assertThatJson(mcp.body()).inPath("result.content[0].type").isEqualTo("text");
        }
    }

    @Test
    void aStaticBearerTokenFromTheEnvironmentIsSentOnEveryCall() {
        try (var env = new FaultInjectionGateway(5_000, 5_000, RETRIES_AND_BREAKER_OFF,
                ", auth: {type: bearer, token_env: ALPHA_TOKEN}", Map.of("ALPHA_TOKEN", "s3cr3t-alpha"))) {
            env.post(ALPHA_LOOKUP);
            env.post(ALPHA_LOOKUP);
            env.post(BETA_LOOKUP);

            assertThat(env.alpha.callCredentials()).containsExactly(Map.of("Authorization", "Bearer s3cr3t-alpha"),
                    Map.of("Authorization", "Bearer s3cr3t-alpha"));
            assertThat(env.beta.callCredentials()).as("credentials are per backend").containsExactly(Map.of());
        }
    }

    @Test
    void anApiKeyGoesInItsConfiguredHeader() {
        try (var env = new FaultInjectionGateway(5_000, 5_000, RETRIES_AND_BREAKER_OFF,
                ", auth: {type: api_key, header: X-API-Key, key: k-123}", Map.of())) {
            assertThat(env.post(ALPHA_LOOKUP).statusCode()).isEqualTo(200);

            assertThat(env.alpha.callCredentials()).containsExactly(Map.of("X-API-Key", "k-123"));
        }
    }

    @Test
    void clientCredentialsTokenIsFetchedOnceReusedAndRenewedWhenTheBackendRefusesIt() throws ParseException {
        String tokenUrl = backendIssuer.tokenEndpointUrl("backend").toString();
        try (var env = new FaultInjectionGateway(5_000, 5_000, RETRIES_AND_BREAKER_OFF,
                ", auth: {type: oauth_client_credentials, token_url: \"" + tokenUrl + "\", client_id: gateway-client,"
                        + " client_secret_env: ALPHA_SECRET, scopes: [tools.read]}",
                Map.of("ALPHA_SECRET", "client-secret"))) {
            assertThat(env.post(ALPHA_LOOKUP).statusCode()).isEqualTo(200);
            assertThat(env.post(ALPHA_LOOKUP).statusCode()).isEqualTo(200);
            env.alpha.next(Behaviour.httpStatus(401));
            HttpResponse<String> afterRefusal = env.post(ALPHA_LOOKUP);

            assertThat(afterRefusal.statusCode()).as("renewed and tried once more").isEqualTo(200);
            List<String> tokens = env.alpha.callCredentials().stream()
                    .map(headers -> headers.get("Authorization").substring("Bearer ".length())).toList();
            assertThat(tokens).hasSize(4);
            assertThat(tokens.get(1)).as("reused").isEqualTo(tokens.get(0));
            assertThat(tokens.get(2)).as("the refused one").isEqualTo(tokens.get(0));
            assertThat(tokens.get(3)).as("a new one after the 401").isNotEqualTo(tokens.get(0));
            SignedJWT token = SignedJWT.parse(tokens.get(3));
            assertThat(token.getJWTClaimsSet().getIssuer()).isEqualTo(backendIssuer.issuerUrl("backend").toString());
            assertThat(token.getJWTClaimsSet().getSubject()).isEqualTo("gateway-client");
            assertThat(tokens).doesNotContain(env.callerToken());
        }
    }

    @Test
    void aTokenEndpointThatHangsCostsConcurrentCallsOneRequestsTimeoutNotOneEach() throws Exception {
        try (ScriptedServer tokenEndpoint = new ScriptedServer(socket -> {
                    ScriptedServer.readRequest(socket.getInputStream());
                    Thread.sleep(60_000); // never answers
                });
                var env = new FaultInjectionGateway(5_000, 5_000, RETRIES_AND_BREAKER_OFF,
                ", auth: {type: oauth_client_credentials, token_url: \"" + tokenEndpoint.uri("/token")
                        + "\", client_id: gateway-client, client_secret: s}", Map.of())) {
            long start = System.nanoTime();
            List<Integer> statuses;
            try (var callers = Executors.newVirtualThreadPerTaskExecutor()) {
                var calls = IntStream.range(0, 4)
                        .mapToObj(i -> callers.submit(() -> env.post(ALPHA_LOOKUP).statusCode())).toList();
                statuses = new ArrayList<>();
                for (var call : calls) {
                    statuses.add(call.get());
                }
            }
            long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
            int status = env.post(ALPHA_LOOKUP).statusCode();

            assertThat(statuses).containsOnly(503);
            assertThat(seconds).as("the waiting calls got the failure of the one request").isLessThan(20);
            assertThat(status).as("a call right after is answered by that failure").isEqualTo(503);
            assertThat(tokenEndpoint.accepted()).isEqualTo(1);
        }
    }

    @Test
    void aBackendThatKeepsSessionsGetsOneAndANewOneWhenItForgetsIt() {
        try (var env = new FaultInjectionGateway(5_000, 5_000, RETRIES_AND_BREAKER_OFF, "", Map.of(), "", server -> {
            if (server.name().equals("alpha")) {
                server.requireSessions();
            }
        })) {
            assertThat(env.post(ALPHA_LOOKUP).statusCode()).as("listed and called in a session").isEqualTo(200);
            assertThat(env.post(ALPHA_LOOKUP).statusCode()).isEqualTo(200);
            assertThat(env.alpha.sessionsStarted()).as("one for the listing and both calls").isEqualTo(1);

            env.alpha.forgetSessions();
            assertThat(env.post(ALPHA_LOOKUP).statusCode()).isEqualTo(200);
            assertThat(env.alpha.sessionsStarted()).isEqualTo(2);
            assertThat(env.post(BETA_LOOKUP).statusCode()).as("a backend without sessions is left so").isEqualTo(200);
            assertThat(env.beta.sessionsStarted()).isZero();

            env.alpha.forgetSessions();
            env.alpha.failInitialize();
            int before = env.alpha.initializeRequests();
            List<Integer> statuses = new ArrayList<>();
            try (var callers = Executors.newVirtualThreadPerTaskExecutor()) {
                var calls = IntStream.range(0, 4).mapToObj(i -> callers.submit(() -> env.post(ALPHA_LOOKUP)
                        .statusCode())).toList();
                for (var call : calls) {
                    statuses.add(call.get());
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            assertThat(statuses).containsOnly(503);
            assertThat(env.alpha.initializeRequests() - before).as("one start answers every waiting call").isEqualTo(1);
        }
    }

    @Test
    void aServerOfAnOlderVersionIsSpokenToInTheVersionItsInitializeAgreedOn() {
        // alpha keeps sessions, beta none; both refuse a request naming any version but 2025-03-26 (old SDK servers)
        try (var env = new FaultInjectionGateway(5_000, 5_000, RETRIES_AND_BREAKER_OFF, "", Map.of(), "", server -> {
            server.speakOnly("2025-03-26");
            if (server.name().equals("alpha")) {
                server.requireSessions();
            }
        })) {
            assertThat(env.post(ALPHA_LOOKUP).statusCode()).isEqualTo(200);
            assertThat(env.post(ALPHA_LOOKUP).statusCode()).isEqualTo(200);
            assertThat(env.post(BETA_LOOKUP).statusCode()).isEqualTo(200);
            assertThat(env.post(BETA_LOOKUP).statusCode()).isEqualTo(200);
            assertThat(env.alpha.sessionsStarted()).isEqualTo(1);
            assertThat(env.alpha.notices()).contains("notifications/initialized  in session-1");
            assertThat(env.beta.notices()).as("the lifecycle's end without a session too")
                    .contains("notifications/initialized  in null");
        }
    }

    @Test
    void anUnreachableTokenEndpointIs503WithoutTheSecret() throws Exception {
        try (RefusingPort tokenEndpoint = new RefusingPort();
                var env = new FaultInjectionGateway(5_000, 5_000, RETRIES_AND_BREAKER_OFF,
                ", auth: {type: oauth_client_credentials, token_url: \"" + tokenEndpoint.url()
                        + "/token\", client_id: gateway-client, client_secret: do-not-leak}", Map.of())) {
            HttpResponse<String> response = env.post(ALPHA_LOOKUP);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            assertThatJson(response.body()).inPath("error.type").isEqualTo("ServiceUnavailableError");
            assertThat(response.body()).doesNotContain("do-not-leak");
            assertThat(env.alpha.calls()).as("no call without credentials").isZero();
        }
    }
}
