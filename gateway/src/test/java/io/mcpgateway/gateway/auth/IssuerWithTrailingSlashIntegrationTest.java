package io.mcpgateway.gateway.auth;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

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
 * An issuer whose identifier ends with '/' (Auth0's {@code https://tenant.auth0.com/}, Entra ID v1's
 * {@code https://sts.windows.net/<tenant>/}): its tokens carry the '/' in {@code iss}, and its discovery document
 * names it so. The gateway took the '/' off the configured issuer, then refused the document and every token.
 */
@Timeout(60)
class IssuerWithTrailingSlashIntegrationTest {

    private static final String CLIENT = "app-client";
    private static final String BODY = "{\"restaurants\":[{\"id\":\"a\",\"name\":\"A\","
            + "\"sentiment\":{\"likes\":1,\"dislikes\":0,\"neutral\":0}}]}";

    @Test
    void itsTokensAreAcceptedWithTheExactIssuerOnly() throws Exception {
        RSAKey key = TokenForge.newSigningKey();
        TokenForge forge = new TokenForge(key, Clock.systemUTC());
        Path config = Files.createTempFile("gateway", ".yaml");
        try (TestIssuer issuer = new TestIssuer(key, true);
                McpServerHost reasoning = ReasoningServer.start(McpServerConfig.local(0), Json.newMapper(),
                        Clock.systemUTC())) {
            assertThat(issuer.issuer()).endsWith("/");
            Files.writeString(config, """
                    auth: {issuer: "%s", client_ids: [%s]}
                    backends: [{name: restaurant-reasoning, url: "http://127.0.0.1:%d"}]
                    routes: [{path: /api/v1/restaurants/analyze, backend: restaurant-reasoning,
                              tool: analyze_restaurant_sentiment}]
                    """.formatted(issuer.issuer(), CLIENT, reasoning.port()));
            try (GatewayServer gateway = GatewayServer.start(new ConfigLoader(Map.of("GATEWAY_PORT", "0"))
                    .load(config), Json.newMapper(), Clock.systemUTC())) {
                HttpResponse<String> exact = analyze(gateway,
                        forge.accessToken(issuer.issuer(), CLIENT, "restaurants/read").signed());
                String withoutSlash = issuer.issuer().substring(0, issuer.issuer().length() - 1);
                HttpResponse<String> other = analyze(gateway,
                        forge.accessToken(withoutSlash, CLIENT, "restaurants/read").signed());

                assertThat(exact.statusCode()).as(exact.body()).isEqualTo(200);
                assertThat(other.statusCode()).as(other.body()).isEqualTo(401);
                assertThatJson(other.body()).inPath("error.code").isEqualTo(AuthFailure.WRONG_ISSUER.name());
            }
        } finally {
            Files.deleteIfExists(config);
        }
    }

    private static HttpResponse<String> analyze(GatewayServer gateway, String token) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port()
                            + "/api/v1/restaurants/analyze")).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(BODY))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
