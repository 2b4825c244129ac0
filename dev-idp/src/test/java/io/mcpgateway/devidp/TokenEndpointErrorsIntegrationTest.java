package io.mcpgateway.devidp;

import static io.mcpgateway.devidp.IdpFixture.BASIC;
import static io.mcpgateway.devidp.IdpFixture.GRANT;
import static io.mcpgateway.devidp.IdpFixture.accessToken;
import static io.mcpgateway.devidp.IdpFixture.assertError;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every wrong request to the issuer gets its RFC 6749 §5.2 error (or a JSON 404/405/413), and the issuer stays up. */
@Timeout(60)
class TokenEndpointErrorsIntegrationTest {

    @RegisterExtension
    static final RunningIdp RUNNING = new RunningIdp();

    @Test
    void wrongSecretIsInvalidClientWithBasicChallenge() {
        HttpResponse<String> response = RUNNING.http().token(GRANT, "Authorization", IdpHttp.basic("dev-client", "nope"));

        assertError(response, 401, "invalid_client", "client authentication failed");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"dev-idp\"");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void unknownClientGetsTheSameAnswerAsAWrongSecret() {
        HttpResponse<String> response = RUNNING.http().token(GRANT + "&client_id=stranger&client_secret=dev-secret");

        assertError(response, 401, "invalid_client", "client authentication failed");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"dev-idp\"");
    }

    @Test
    void missingCredentialsAreInvalidClient() {
        assertError(RUNNING.http().token(GRANT), 401, "invalid_client",
                "client authentication is required: HTTP Basic or client_id and client_secret form fields");
    }

    @Test
    void clientIdWithoutSecretIsInvalidClient() {
        assertError(RUNNING.http().token(GRANT + "&client_id=dev-client"), 401, "invalid_client",
                "client authentication is required: HTTP Basic or client_id and client_secret form fields");
    }

    @Test
    void bearerAuthorizationIsInvalidClient() {
        assertError(RUNNING.http().token(GRANT, "Authorization", "Bearer abc"), 401, "invalid_client",
                "only HTTP Basic client authentication is supported");
    }

    @Test
    void missingGrantTypeIsInvalidRequest() {
        assertError(RUNNING.http().token("scope=restaurants/read", "Authorization", BASIC), 400, "invalid_request",
                "grant_type is required");
    }

    @Test
    void passwordGrantIsUnsupported() {
        assertError(RUNNING.http().token("grant_type=password&username=a&password=b", "Authorization", BASIC), 400,
                "unsupported_grant_type", "only grant_type=client_credentials is supported");
    }

    @Test
    void basicAndFormSecretTogetherAreInvalidRequest() {
        HttpResponse<String> response = RUNNING.http().token(
                GRANT + "&client_id=dev-client&client_secret=dev-secret", "Authorization", BASIC);

        assertError(response, 400, "invalid_request",
                "use one client authentication method: HTTP Basic or form fields");
    }

    @Test
    void basicAndAConflictingClientIdAreInvalidRequest() {
        assertError(RUNNING.http().token(GRANT + "&client_id=svc%20client", "Authorization", BASIC), 400,
                "invalid_request", "client_id does not match the HTTP Basic credentials");
    }

    @Test
    void basicThatIsNotBase64IsInvalidRequest() {
        assertError(RUNNING.http().token(GRANT, "Authorization", "Basic %%%not-base64%%%"), 400, "invalid_request",
                "malformed HTTP Basic credentials");
    }

    @Test
    void basicWithoutAColonIsInvalidRequest() {
        String noColon = "Basic " + Base64.getEncoder()
                .encodeToString("dev-client".getBytes(StandardCharsets.UTF_8));

        assertError(RUNNING.http().token(GRANT, "Authorization", noColon), 400, "invalid_request",
                "malformed HTTP Basic credentials");
    }

    @Test
    void jsonBodyIsInvalidRequest() {
        HttpResponse<String> response = RUNNING.http().token("{\"grant_type\":\"client_credentials\"}",
                "Authorization", BASIC, "Content-Type", "application/json");

        assertError(response, 400, "invalid_request", "the body must be application/x-www-form-urlencoded");
    }

    @Test
    void repeatedParameterIsInvalidRequest() {
        assertError(RUNNING.http().token(GRANT + "&" + GRANT, "Authorization", BASIC), 400, "invalid_request",
                "a parameter was sent more than once");
    }

    @Test
    void brokenPercentEncodingIsInvalidRequest() {
        assertError(RUNNING.http().token(GRANT + "&scope=%zz", "Authorization", BASIC), 400, "invalid_request",
                "the body is not valid form encoding");
    }

    @Test
    void scopeNotAllowedIsInvalidScope() {
        assertError(RUNNING.http().token(GRANT + "&scope=restaurants/write", "Authorization", BASIC), 400,
                "invalid_scope",
                "scope restaurants/write is not allowed; allowed scopes are restaurants/read restaurants/admin");
    }

    @Test
    void scopeWithDoubleSpaceIsInvalidScope() {
        assertError(RUNNING.http().token(GRANT + "&scope=restaurants/read%20%20restaurants/admin", "Authorization",
                BASIC), 400, "invalid_scope", "scope must be scope tokens separated by single spaces");
    }

    @Test
    void oversizedBodyIsRefused() {
        String body = GRANT + "&padding=" + "x".repeat(DevIdentityProvider.MAX_REQUEST_BYTES);

        assertError(RUNNING.http().token(body, "Authorization", BASIC), 413, "invalid_request",
                "the body is larger than 16384 bytes");
    }

    @Test
    void oversizedChunkedBodyIsRefused() {
        byte[] body = new byte[DevIdentityProvider.MAX_REQUEST_BYTES + 1];
        Arrays.fill(body, (byte) 'x');

        assertError(RUNNING.http().tokenChunked(body), 413, "invalid_request", "the body is larger than 16384 bytes");
    }

    @Test
    void getOnTheTokenEndpointIsMethodNotAllowed() {
        HttpResponse<String> response = RUNNING.http().get("/oauth2/token");

        assertError(response, 405, "method_not_allowed", "method not allowed; this issuer serves GET "
                + "/.well-known/openid-configuration, GET /.well-known/jwks.json and POST /oauth2/token");
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void postOnDiscoveryIsMethodNotAllowed() {
        HttpResponse<String> response = RUNNING.http().send("POST", "/.well-known/openid-configuration",
                HttpRequest.BodyPublishers.ofString(""), "Accept", "text/html");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
        assertThatJson(response.body()).node("error").isEqualTo("method_not_allowed");
    }

    @Test
    void unknownPathIsNotFoundJson() {
        assertError(RUNNING.http().get("/authorize"), 404, "not_found", "no such endpoint; this issuer serves GET "
                + "/.well-known/openid-configuration, GET /.well-known/jwks.json and POST /oauth2/token");
    }

    @Test
    void issuerStillServesAfterWrongInput() {
        RUNNING.http().token("%%%", "Authorization", "Basic ???");

        assertThat(accessToken(RUNNING.http().token(GRANT, "Authorization", BASIC))).isNotBlank();
    }
}
