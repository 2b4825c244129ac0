package io.mcpgateway.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.mcpgateway.gateway.config.AuthSettings;
import io.mcpgateway.json.Json;
import io.mcpgateway.testsupport.TokenForge;

class IssuerKeysTest {

    private static IssuerKeys keys(TestIssuer issuer, Duration cacheTtl, Duration refreshMinInterval) {
        return new IssuerKeys(new AuthSettings(issuer.issuer(), null, List.of("app"), Set.of("access"),
                Duration.ZERO, cacheTtl, refreshMinInterval, List.of()), HttpClient.newHttpClient(), Json.newMapper(),
                Clock.systemUTC());
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 20, 34, 35, 3600})
    void everyKeyCacheTimeTheConfigurationTakesWorks(int seconds) throws Exception {
        try (TestIssuer issuer = new TestIssuer(TokenForge.newSigningKey())) {
            IssuerKeys keys = keys(issuer, Duration.ofSeconds(seconds), Duration.ofSeconds(1));

            keys.load();

            assertThat(keys.status().everFetched()).isTrue();
            assertThat(keys.status().lastError()).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/jwks", "", "jwks.json", "ftp://127.0.0.1/jwks", "http:///jwks", "http://[bad"})
    void aDiscoveryDocumentWithoutAnAbsoluteHttpKeySetUrlIsAnIssuerProblemNotAServerError(String jwksUri)
            throws Exception {
        try (TestIssuer issuer = new TestIssuer(TokenForge.newSigningKey())) {
            issuer.nameInDiscovery(jwksUri);
            IssuerKeys keys = keys(issuer, Duration.ofHours(1), Duration.ofSeconds(30));

            assertThatThrownBy(keys::load).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("names no absolute http(s) jwks_uri but '" + jwksUri + "'");
            assertThat(keys.status().lastError()).contains("names no absolute http(s) jwks_uri");
        }
    }
}
