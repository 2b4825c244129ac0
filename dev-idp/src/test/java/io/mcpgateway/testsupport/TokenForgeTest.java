package io.mcpgateway.testsupport;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/** The token shapes {@link TokenForge} makes, checked by parsing them back. */
@Timeout(60)
class TokenForgeTest {

    private static final RSAKey KEY = TokenForge.newSigningKey();
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final String ISSUER = "https://cognito-idp.ap-east-1.amazonaws.com/ap-east-1_test";

    private final TokenForge forge = new TokenForge(KEY, Clock.fixed(NOW, ZoneOffset.UTC));

    private static String segment(String token, int index) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.", -1)[index]), StandardCharsets.UTF_8);
    }

    @Nested
    class ValidTokens {

        /** The claims themselves are compared with the development issuer's in {@code AccessTokenIssuerTest}. */
        @Test
        void accessTokenIsRs256UnderTheKeysKidAndVerifiesWithIt() throws Exception {
            SignedJWT jwt = SignedJWT.parse(forge.accessToken(ISSUER, "app-client", "restaurants/read").signed());

            assertThat(jwt.verify(new RSASSAVerifier(KEY.toRSAPublicKey()))).isTrue();
            assertThatJson(jwt.getHeader().toString()).isEqualTo(json(
                    "{\"alg\": \"RS256\", \"kid\": \"" + KEY.getKeyID() + "\"}"));
            assertThat(jwt.getJWTClaimsSet().getAudience()).isEmpty();
            assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(NOW.plusSeconds(3600));
        }

        @Test
        void idTokenCarriesTheClientIdAsAudience() throws Exception {
            SignedJWT jwt = SignedJWT.parse(forge.idToken(ISSUER, "app-client", "user-1").signed());

            assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("app-client");
            assertThat(jwt.getJWTClaimsSet().getClaim("token_use")).isEqualTo("id");
            assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("user-1");
        }

        @Test
        void everyClaimCanBeSetChangedOrRemoved() throws Exception {
            String token = forge.accessToken(ISSUER, "c", "s")
                    .audience("a1", "a2")
                    .groups("admins", "ops")
                    .notBefore(NOW.plusSeconds(60))
                    .issuedAt(NOW.minusSeconds(5))
                    .expiresAt(NOW.minusSeconds(1))
                    .tokenUse("id")
                    .claim("client_id", null)
                    .claim("custom", 7)
                    .signed();

            assertThatJson(segment(token, 1)).isObject()
                    .containsEntry("aud", List.of("a1", "a2"))
                    .containsEntry("cognito:groups", List.of("admins", "ops"))
                    .containsEntry("nbf", NOW.getEpochSecond() + 60)
                    .containsEntry("iat", NOW.getEpochSecond() - 5)
                    .containsEntry("exp", NOW.getEpochSecond() - 1)
                    .containsEntry("token_use", "id")
                    .containsEntry("custom", 7)
                    .doesNotContainKey("client_id");
        }

        @Test
        void claimsOfTheWrongTypeAreWrittenAsGiven() {
            String token = forge.token().claim("exp", "tomorrow").audience("a").signed();

            assertThatJson(segment(token, 1)).isEqualTo("{\"exp\": \"tomorrow\", \"aud\": \"a\"}");
        }

        @Test
        void headerParametersCanBeAddedOverriddenOrRemoved() {
            String token = forge.token().keyId(null).header("typ", "at+jwt").header("x-test", "yes").signed();

            assertThatJson(segment(token, 0)).isEqualTo("{\"alg\": \"RS256\", \"typ\": \"at+jwt\", \"x-test\": \"yes\"}");
        }

        @Test
        void algIsNotAHeaderParameterTestsSet() {
            assertThatThrownBy(() -> forge.token().header("alg", "none"))
                    .hasMessageContaining("alg is set by the terminal method");
        }

        @Test
        void publicOnlyKeyIsRefused() {
            assertThatThrownBy(() -> new TokenForge(KEY.toPublicJWK(), Clock.systemUTC()))
                    .hasMessage("key must have its private part and a kid");
        }

        @Test
        void publicJwkSetHasNoPrivateParts() {
            assertThatJson(TokenForge.publicJwkSetJson(KEY)).node("keys[0]").isObject()
                    .containsEntry("kid", KEY.getKeyID())
                    .doesNotContainKeys("d", "p", "q", "dp", "dq", "qi");
        }
    }

    @Nested
    class AttackTokens {

        @Test
        void unsignedTokenHasAlgNoneTheExpectedKidAndNoSignature() throws Exception {
            String token = forge.accessToken(ISSUER, "c", "s").unsigned();

            assertThat(token).endsWith(".");
            assertThat(JWTParser.parse(token)).isInstanceOf(PlainJWT.class);
            assertThatJson(segment(token, 0)).isEqualTo("{\"alg\": \"none\", \"kid\": \"" + KEY.getKeyID() + "\"}");
            assertThatJson(segment(token, 1)).node("client_id").isEqualTo("c");
        }

        @Test
        void algorithmConfusionTokenIsHs256KeyedWithThePublicKeyPem() throws Exception {
            SignedJWT jwt = SignedJWT.parse(forge.accessToken(ISSUER, "c", "s").hmacWithPublicKey());
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(KEY.toRSAPublicKey().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";

            assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("HS256");
            assertThat(jwt.getHeader().getKeyID()).isEqualTo(KEY.getKeyID());
            assertThat(jwt.verify(new MACVerifier(pem.getBytes(StandardCharsets.US_ASCII)))).isTrue();
        }

        @Test
        void wrongKeyTokenClaimsTheTrustedKidButDoesNotVerifyWithIt() throws Exception {
            SignedJWT jwt = SignedJWT.parse(forge.accessToken(ISSUER, "c", "s").signedWithWrongKey());

            assertThat(jwt.getHeader().getKeyID()).isEqualTo(KEY.getKeyID());
            assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
            assertThat(jwt.verify(new RSASSAVerifier(KEY.toRSAPublicKey()))).isFalse();
        }

        @Test
        void unknownKidTokenIsSignedByTheTrustedKeyUnderAnotherKid() throws Exception {
            SignedJWT jwt = SignedJWT.parse(forge.accessToken(ISSUER, "c", "s").signedWithUnknownKid());

            assertThat(jwt.getHeader().getKeyID()).startsWith("unknown-").isNotEqualTo(KEY.getKeyID());
            assertThat(jwt.verify(new RSASSAVerifier(KEY.toRSAPublicKey()))).isTrue();
        }

        @Test
        void twoSegmentTokenDoesNotParse() {
            String token = forge.accessToken(ISSUER, "c", "s").twoSegments();

            assertThat(token.split("\\.", -1)).hasSize(2);
            assertThatThrownBy(() -> JWTParser.parse(token)).isInstanceOf(ParseException.class);
        }

        @Test
        void garbageTokenHasThreeSegmentsAndDoesNotParse() {
            String token = forge.accessToken(ISSUER, "c", "s").garbageBase64();

            assertThat(token.split("\\.", -1)).hasSize(3);
            assertThatThrownBy(() -> SignedJWT.parse(token).getJWTClaimsSet()).isInstanceOf(ParseException.class);
        }
    }
}
