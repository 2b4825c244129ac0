package io.mcpgateway.devidp;

import static io.mcpgateway.devidp.IdpFixture.BASIC;
import static io.mcpgateway.devidp.IdpFixture.CLOCK;
import static io.mcpgateway.devidp.IdpFixture.GRANT;
import static io.mcpgateway.devidp.IdpFixture.accessToken;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.mcpgateway.testsupport.TokenForge;

/** {@code POST /oauth2/token} over real HTTP: what a well-formed request gets, verified as a resource server would. */
@Timeout(60)
class TokenEndpointIntegrationTest {

    @RegisterExtension
    static final RunningIdp RUNNING = new RunningIdp();

    @Test
    void basicCredentialsGetANoStoreBearerToken() {
        HttpResponse<String> response = RUNNING.http().token(GRANT, "Authorization", BASIC);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.headers().firstValue("Pragma")).hasValue("no-cache");
        assertThatJson(response.body()).isEqualTo(json("""
                {"access_token": "${json-unit.any-string}", "token_type": "Bearer", "expires_in": 3600,
                 "scope": "restaurants/read"}"""));
    }

    @Test
    void formCredentialsGetAToken() {
        HttpResponse<String> response = RUNNING.http().token(GRANT + "&client_id=dev-client&client_secret=dev-secret");

        assertThat(accessToken(response)).isNotBlank();
    }

    @Test
    void tokenVerifiesAgainstTheJwksWithCognitoAccessTokenClaims() throws Exception {
        String token = accessToken(RUNNING.http().token(GRANT, "Authorization", BASIC));

        JWTClaimsSet claims = new JwksVerifier(RUNNING.idp()).verify(token);

        assertThat(claims.getAudience()).isEmpty();
        assertThat(claims.getClaims()).doesNotContainKey("aud")
                .containsEntry("iss", RUNNING.idp().issuer())
                .containsEntry("sub", "dev-client")
                .containsEntry("client_id", "dev-client")
                .containsEntry("token_use", "access")
                .containsEntry("scope", "restaurants/read")
                .containsEntry("version", 2L)
                .containsEntry("auth_time", CLOCK.instant().getEpochSecond());
        assertThat(claims.getIssueTime().toInstant()).isEqualTo(CLOCK.instant());
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(CLOCK.instant().plusSeconds(3600));
        assertThat(claims.getJWTID()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(RUNNING.idp().signingKeyId());
    }

    @Test
    void everyTokenHasItsOwnJti() throws Exception {
        String first = accessToken(RUNNING.http().token(GRANT, "Authorization", BASIC));
        String second = accessToken(RUNNING.http().token(GRANT, "Authorization", BASIC));

        assertThat(SignedJWT.parse(first).getJWTClaimsSet().getJWTID())
                .isNotEqualTo(SignedJWT.parse(second).getJWTClaimsSet().getJWTID());
    }

    @Test
    void requestedScopesAreGrantedOnceEachInRequestOrder() throws Exception {
        HttpResponse<String> response = RUNNING.http().token(
                GRANT + "&scope=restaurants/admin%20restaurants/read%20restaurants/admin", "Authorization", BASIC);

        assertThatJson(response.body()).node("scope").isEqualTo("restaurants/admin restaurants/read");
        assertThat(SignedJWT.parse(accessToken(response)).getJWTClaimsSet().getStringClaim("scope"))
                .isEqualTo("restaurants/admin restaurants/read");
    }

    @Test
    void basicCredentialsAreFormDecodedAsRfc6749Requires() throws Exception {
        HttpResponse<String> response = RUNNING.http().token(GRANT, "Authorization",
                IdpHttp.basic("svc+client", "p%40ss%3Aword"));

        assertThat(SignedJWT.parse(accessToken(response)).getJWTClaimsSet().getSubject()).isEqualTo("svc client");
    }

    @Test
    void basicWithTheSameClientIdFieldIsAccepted() {
        HttpResponse<String> response = RUNNING.http().token(GRANT + "&client_id=dev-client", "Authorization", BASIC);

        assertThat(accessToken(response)).isNotBlank();
    }

    @Test
    void contentTypeWithCharsetIsAccepted() {
        HttpResponse<String> response = RUNNING.http().token(GRANT, "Authorization", BASIC,
                "Content-Type", "application/x-www-form-urlencoded; charset=UTF-8");

        assertThat(accessToken(response)).isNotBlank();
    }

    @Test
    void issuedTokenAndForgedTokenWithTheSigningKeyBothVerify() throws Exception {
        JwksVerifier verifier = new JwksVerifier(RUNNING.idp());
        String direct = RUNNING.idp().issueAccessToken("other-client", List.of("restaurants/read"), Duration.ofMinutes(5));
        String forged = new TokenForge(RUNNING.idp().signingKey(), CLOCK)
                .accessToken(RUNNING.idp().issuer(), "forged-client", "restaurants/read").signed();

        assertThat(verifier.verify(direct).getClaim("client_id")).isEqualTo("other-client");
        assertThat(verifier.verify(forged).getClaim("client_id")).isEqualTo("forged-client");
    }
}
