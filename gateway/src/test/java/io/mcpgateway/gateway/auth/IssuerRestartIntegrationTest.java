package io.mcpgateway.gateway.auth;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

import com.nimbusds.jose.jwk.RSAKey;

import io.mcpgateway.gateway.GatewayServer;
import io.mcpgateway.gateway.config.ConfigLoader;
import io.mcpgateway.json.Json;
import io.mcpgateway.mcpkit.McpServerConfig;
import io.mcpgateway.mcpkit.McpServerHost;
import io.mcpgateway.reasoning.ReasoningServer;
import io.mcpgateway.testsupport.TokenForge;

/**
 * The identity provider killed, then started again with a new signing key. Refreshes for unknown key ids are held to
 * one per 10 minutes here, so that what passes does so without waiting out the throttle.
 */
@Timeout(60)
class IssuerRestartIntegrationTest {

    private static final String CLIENT = "app-client";
    private static final String BODY = "{\"restaurants\":[{\"id\":\"a\",\"name\":\"A\","
            + "\"sentiment\":{\"likes\":1,\"dislikes\":0,\"neutral\":0}}]}";

    private final RSAKey first = TokenForge.newSigningKey();
    private final RSAKey second = TokenForge.newSigningKey();
    private final HttpClient http = HttpClient.newHttpClient();
    private TestIssuer issuer;
    private McpServerHost reasoning;
    private GatewayServer gateway;

    @BeforeEach
    void start() throws Exception {
        issuer = new TestIssuer(first);
        reasoning = ReasoningServer.start(McpServerConfig.local(0), Json.newMapper(), Clock.systemUTC());
        Path config = Files.createTempFile("gateway", ".yaml");
        try {
            Files.writeString(config, """
                    auth: {issuer: "%s", client_ids: [%s], jwks_refresh_min_interval_seconds: 600}
                    health: {probe_interval_seconds: 1}
                    backends: [{name: restaurant-reasoning, url: "http://127.0.0.1:%d"}]
                    routes: [{path: /api/v1/restaurants/analyze, backend: restaurant-reasoning,
                              tool: analyze_restaurant_sentiment}]
                    """.formatted(issuer.issuer(), CLIENT, reasoning.port()));
            gateway = GatewayServer.start(new ConfigLoader(Map.of("GATEWAY_PORT", "0")).load(config),
                    Json.newMapper(), Clock.systemUTC());
        } finally {
            Files.delete(config);
        }
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        reasoning.close();
        issuer.close();
        http.close();
    }

    @Test
    void whileTheIssuerIsDownATokenOfAKeyNotCachedIsAnOutageEachTimeNotAnUnknownKey() {
        assertThat(analyze(token(first)).statusCode()).isEqualTo(200);
        issuer.failKeySet(true);

        String fresh = token(second);
        for (int i = 0; i < 3; i++) { // the first makes the refresh that fails; the throttle refuses the others
            HttpResponse<String> response = analyze(fresh);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThatJson(response.body()).inPath("error.code").isEqualTo("IDENTITY_PROVIDER_UNAVAILABLE");
            assertThatJson(response.body()).inPath("error.message").isEqualTo(
                    "Tokens cannot be verified right now: the identity provider's keys are unavailable");
            assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        }
    }

    @Test
    void theNewKeysTokensPassFromTheProbeThatFindsTheIssuerBackAndTheOldKeysNoLonger() {
        String old = token(first);
        assertThat(analyze(old).statusCode()).isEqualTo(200);
        issuer.failKeySet(true);
        String fresh = token(second);
        assertThat(analyze(fresh).statusCode()).isEqualTo(503);

        issuer.publish(second);
        issuer.withdraw(first);
        issuer.failKeySet(false);

        // a round of probes is a second apart; the throttle would let the next refresh through in 10 minutes
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(analyze(fresh).statusCode()).isEqualTo(200));
        HttpResponse<String> refused = analyze(old);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThatJson(refused.body()).inPath("error.code").isEqualTo(AuthFailure.UNKNOWN_KEY.name());
    }

    private String token(RSAKey key) {
        return new TokenForge(key, Clock.systemUTC()).accessToken(issuer.issuer(), CLIENT, "restaurants/read")
                .signed();
    }

    private HttpResponse<String> analyze(String token) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port()
                            + "/api/v1/restaurants/analyze")).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(BODY))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
