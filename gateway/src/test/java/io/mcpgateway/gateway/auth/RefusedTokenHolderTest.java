package io.mcpgateway.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.jwk.RSAKey;

import io.mcpgateway.gateway.config.AuthSettings;
import io.mcpgateway.json.Json;
import io.mcpgateway.testsupport.TokenForge;

/** Whom a refused token was issued to, for the log: named only when its signature was verified. */
class RefusedTokenHolderTest {

    @Test
    void aVerifiedTokenRefusedForAClaimNamesItsHolderAndAForgedOneDoesNot() throws Exception {
        RSAKey key = TokenForge.newSigningKey();
        try (TestIssuer issuer = new TestIssuer(key)) {
            AuthSettings settings = new AuthSettings(issuer.issuer(), null, List.of("app"), Set.of("access"),
                    Duration.ZERO, Duration.ofHours(1), Duration.ofSeconds(30), List.of());
            JwtVerifier verifier = new JwtVerifier(settings, new IssuerKeys(settings, HttpClient.newHttpClient(),
                    Json.newMapper(), Clock.systemUTC()), Clock.systemUTC());
            TokenForge forge = new TokenForge(key, Clock.systemUTC());
            String expired = forge.accessToken(issuer.issuer(), "app", "x").subject("alice")
                    .expiresAt(Instant.now().minusSeconds(600)).signed();
            String otherClient = forge.accessToken(issuer.issuer(), "their-app", "x").subject("bob").signed();
            String forged = forge.accessToken(issuer.issuer(), "app", "x").subject("mallory").signedWithWrongKey();

            assertThatThrownBy(() -> verifier.verify(expired)).isInstanceOfSatisfying(TokenRejectedException.class,
                    e -> assertThat(e.holder()).isEqualTo("sub 'alice', client 'app'"));
            assertThatThrownBy(() -> verifier.verify(otherClient))
                    .isInstanceOfSatisfying(TokenRejectedException.class,
                            e -> assertThat(e.holder()).isEqualTo("sub 'bob', client 'their-app'"));
            assertThatThrownBy(() -> verifier.verify(forged)).isInstanceOfSatisfying(TokenRejectedException.class,
                    e -> assertThat(e.holder()).as("anyone's to write").isNull());
        }
    }
}
