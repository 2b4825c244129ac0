package io.mcpgateway.devidp;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;

import io.mcpgateway.testsupport.TokenForge;

@Timeout(30)
class AccessTokenIssuerTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30.750Z");
    private static final String ISSUER = "http://127.0.0.1:9000";

    private final SigningKeys keys = new SigningKeys();
    private final AccessTokenIssuer issuer = new AccessTokenIssuer(keys, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void tokenHasCognitoAccessTokenClaimsAndNoAudience() throws Exception {
        SignedJWT jwt = SignedJWT.parse(issuer.issue(ISSUER, "dev-client", List.of("a/read", "a/write"),
                Duration.ofMinutes(10)));

        long iat = NOW.getEpochSecond();
        assertThatJson(jwt.getPayload().toString()).isEqualTo(json("""
                {"sub": "dev-client", "token_use": "access", "scope": "a/read a/write", "auth_time": %d,
                 "iss": "%s", "exp": %d, "iat": %d, "version": 2, "jti": "${json-unit.any-string}",
                 "client_id": "dev-client"}""".formatted(iat, ISSUER, iat + 600, iat)));
    }

    @Test
    void tokenForgeMakesTheSameClaimsAsTheIssuerButTheJti() throws Exception {
        String issued = issuer.issue(ISSUER, "dev-client", List.of("a/read"), Duration.ofHours(1));
        String forged = new TokenForge(keys.current(), Clock.fixed(NOW, ZoneOffset.UTC))
                .accessToken(ISSUER, "dev-client", "a/read").signed();

        assertThatJson(SignedJWT.parse(forged).getPayload().toString()).whenIgnoringPaths("jti")
                .isEqualTo(SignedJWT.parse(issued).getPayload().toString());
    }

    @Test
    void tokenIsSignedRs256ByTheCurrentKeyNamedByKid() throws Exception {
        SignedJWT jwt = SignedJWT.parse(issuer.issue(ISSUER, "c", List.of("s"), Duration.ofMinutes(1)));

        assertThatJson(jwt.getHeader().toString()).isEqualTo(json(
                "{\"alg\": \"RS256\", \"kid\": \"" + keys.current().getKeyID() + "\"}"));
        assertThat(jwt.verify(new RSASSAVerifier(keys.current().toRSAPublicKey()))).isTrue();
    }

    @Test
    void noScopesLeaveTheScopeClaimOut() throws Exception {
        SignedJWT jwt = SignedJWT.parse(issuer.issue(ISSUER, "c", List.of(), Duration.ofMinutes(1)));

        assertThat(jwt.getJWTClaimsSet().getClaims()).doesNotContainKey("scope");
    }

    @Test
    void blankClientIdShouldFail() {
        assertThatThrownBy(() -> issuer.issue(ISSUER, " ", List.of("s"), Duration.ofMinutes(1)))
                .hasMessage("clientId must not be blank but was ' '");
    }

    @Test
    void malformedScopeShouldFail() {
        assertThatThrownBy(() -> issuer.issue(ISSUER, "c", List.of("a b"), Duration.ofMinutes(1)))
                .hasMessageStartingWith("scopes must hold RFC 6749 scope tokens");
    }

    @Test
    void subSecondLifetimeShouldFail() {
        assertThatThrownBy(() -> issuer.issue(ISSUER, "c", List.of("s"), Duration.ofMillis(999)))
                .hasMessage("lifetime must be between 1 second and PT24H but was PT0.999S");
    }

    @Test
    void lifetimeOverADayShouldFail() {
        assertThatThrownBy(() -> issuer.issue(ISSUER, "c", List.of("s"), Duration.ofDays(2)))
                .hasMessageEndingWith("but was PT48H");
    }
}
