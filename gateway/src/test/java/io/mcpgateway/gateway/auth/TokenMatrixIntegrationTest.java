package io.mcpgateway.gateway.auth;

import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
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

/** Every way a token can be wrong, each with its status, reason code and challenge; and the ways it can be right. */
@Timeout(120)
class TokenMatrixIntegrationTest {

    private static final String CLIENT = "app-client";
    private static final String RESOURCE = "https://gateway.example.com/mcp";
    private static final String ANALYZE = "/api/v1/restaurants/analyze";
    private static final String RECOMMEND = "/api/v1/restaurants/recommend";
    private static final String BODY =
            "{\"restaurants\":[{\"id\":\"a\",\"name\":\"A\",\"sentiment\":{\"likes\":1,\"dislikes\":0,\"neutral\":0}}]}";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static RSAKey key;
    private static TokenForge forge;
    private static TestIssuer issuer;
    private static McpServerHost reasoning;
    private static GatewayServer gateway;

    @BeforeAll
    static void start() throws Exception {
        key = TokenForge.newSigningKey();
        forge = new TokenForge(key, Clock.systemUTC());
        issuer = new TestIssuer(key);
        reasoning = ReasoningServer.start(McpServerConfig.local(0), Json.newMapper(), Clock.systemUTC());
        Path config = Files.createTempFile("gateway", ".yaml");
        Files.writeString(config, """
                auth: {issuer: "%s", client_ids: [%s], leeway_seconds: 60, jwks_refresh_min_interval_seconds: 1}
                mcp: {resource_url: "%s"}
                rate_limits: {per_minute: 0, burst: 0}   # one caller makes every call here
                backends: [{name: restaurant-reasoning, url: "http://127.0.0.1:%d"}]
                routes:
                  - {path: %s, backend: restaurant-reasoning, tool: analyze_restaurant_sentiment}
                  - {path: %s, backend: restaurant-reasoning, tool: recommend_restaurants,
                     required_scopes: [restaurants/recommend]}
                """.formatted(issuer.issuer(), CLIENT, RESOURCE, reasoning.port(), ANALYZE, RECOMMEND));
        gateway = GatewayServer.start(new ConfigLoader(Map.of("GATEWAY_PORT", "0")).load(config), Json.newMapper(),
                Clock.systemUTC());
        Files.delete(config);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (reasoning != null) {
            reasoning.close();
        }
        if (issuer != null) {
            issuer.close();
        }
    }

    private static HttpResponse<String> call(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(BODY));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> bearer(String token) {
        return call(ANALYZE, "Bearer " + token);
    }

    private static void rejected(HttpResponse<String> response, AuthFailure reason) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThatJson(response.body()).inPath("error.type").isEqualTo("AuthenticationError");
        assertThatJson(response.body()).inPath("error.code").isEqualTo(reason.name());
        assertThatJson(response.body()).inPath("error.message").asString().startsWith(reason.message());
        assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString()
                .startsWith("Bearer realm=\"mcp-tools-gateway\", error=\"invalid_token\", error_description=\"");
    }

    private static TokenForge.Token access() {
        return forge.accessToken(issuer.issuer(), CLIENT, "restaurants/read");
    }

    @Nested
    class Header {

        @Test
        void missingHeaderIsChallengedWithoutAnErrorCode() {
            HttpResponse<String> response = call(ANALYZE, null);

            assertThat(response.statusCode()).isEqualTo(401);
            assertThatJson(response.body()).inPath("error.code").isEqualTo("MISSING_TOKEN");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"mcp-tools-gateway\"");
        }

        @Test
        void theMessagesAreTheOriginalsWordForWord() { // REFERENCE-SPEC 5.1
            assertThatJson(call(ANALYZE, null).body()).inPath("error.message").isEqualTo("Authorization header"
                    + " required. Please provide a valid JWT token in the format: 'Bearer <token>'");
            assertThatJson(call(ANALYZE, "Basic YWxpY2U6c2VjcmV0").body()).inPath("error.message")
                    .isEqualTo("Invalid authorization header format. Expected: 'Bearer <token>'");
            assertThatJson(call(ANALYZE, "Bearer ").body()).inPath("error.message").isEqualTo("JWT token is required");
            assertThatJson(bearer(access().expiresAt(Instant.now().minusSeconds(120)).signed()).body())
                    .inPath("error.message").asString().startsWith("Invalid JWT token: Token has expired");
            assertThatJson(bearer("abc.def").body()).inPath("error.message").asString()
                    .startsWith("Invalid JWT token: Invalid token: ");
        }

        @Test
        void wrongSchemeIsRejectedWithAChallengeWithoutAnErrorCode() {
            for (String header : List.of("Basic YWxpY2U6c2VjcmV0", "Bearer" + access().signed(), "Bear", "Bearertoken")) {
                HttpResponse<String> response = call(ANALYZE, header);

                assertThat(response.statusCode()).as(header).isEqualTo(401);
                assertThatJson(response.body()).inPath("error.code").isEqualTo("INVALID_SCHEME");
                assertThatJson(response.body()).inPath("error.message").isEqualTo(AuthFailure.INVALID_SCHEME.message());
                // RFC 6750 §3.1: a client that tried another scheme gets no error code, as one that sent nothing
                assertThat(response.headers().firstValue("WWW-Authenticate"))
                        .hasValue("Bearer realm=\"mcp-tools-gateway\"");
            }
        }

        @Test
        void twoAuthorizationHeadersAreRejectedWhicheverComesFirst() throws Exception {
            String valid = "Bearer " + access().signed();
            for (String[] pair : new String[][] {{valid, "Bearer garbage"}, {"Bearer garbage", valid}, {valid, valid}}) {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + gateway.port() + ANALYZE))
                        .header("Content-Type", "application/json")
                        .header("Authorization", pair[0]).header("Authorization", pair[1])
                        .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(), HttpResponse.BodyHandlers.ofString());

                rejected(response, AuthFailure.REPEATED_HEADER);
            }
        }

        @Test
        void emptyTokenIsRejected() {
            rejected(call(ANALYZE, "Bearer   "), AuthFailure.EMPTY_TOKEN);
        }

        @Test
        void schemeIsCaseInsensitive() {
            for (String scheme : List.of("bearer ", "BEARER ", "bEaReR ")) {
                assertThat(call(ANALYZE, scheme + access().signed()).statusCode()).isEqualTo(200);
            }
        }
    }

    @Nested
    class Forgeries {

        @Test
        void malformedTokensAreRejected() {
            rejected(bearer(access().twoSegments()), AuthFailure.MALFORMED);
            rejected(bearer(access().garbageBase64()), AuthFailure.MALFORMED);
            rejected(bearer("not-a-jwt"), AuthFailure.MALFORMED);
            // five parts: an encrypted JWT (JWE), whose payload cannot be read without the recipient's key
            rejected(bearer("eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.AAAA.AAAA.AAAA.AAAA"),
                    AuthFailure.UNSUPPORTED_ALGORITHM);
        }

        @Test
        void headersTheJwtLibraryCannotReadAreMalformedNotServerErrors() {
            // found by fuzzing: Nimbus threw NullPointerException on these, which the gateway answered with 500
            String nullHeader = b64("null");
            for (String token : List.of(nullHeader + "." + b64("{}") + ".AA", nullHeader + ".AA.AA.AA.AA",
                    b64("{\"alg\":\"RS256\",\"enc\":null}") + ".AA.AA.AA.AA")) {
                rejected(bearer(token), AuthFailure.MALFORMED);
            }
        }

        private static String b64(String json) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        }

        @Test
        void anotherSpellingOfTheSameSignatureIsRejected() {
            String token = access().signed();
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            char last = token.charAt(token.length() - 1);
            // a 256-byte signature leaves the last character's low 4 bits unused: flipping one keeps the bytes
            char twin = alphabet.charAt(alphabet.indexOf(last) ^ 1);

            assertThat(bearer(token).statusCode()).isEqualTo(200);
            rejected(bearer(token.substring(0, token.length() - 1) + twin), AuthFailure.MALFORMED);
        }

        @Test
        void unsignedTokenIsRejected() {
            rejected(bearer(access().unsigned()), AuthFailure.UNSUPPORTED_ALGORITHM);
        }

        @Test
        void hmacSignedWithThePublicKeyIsRejected() {
            rejected(bearer(access().hmacWithPublicKey()), AuthFailure.UNSUPPORTED_ALGORITHM);
        }

        @Test
        void accessTokensOfRfc9068AndPlainJwtsAreAcceptedTokensOfOtherTypesRefusedByType() {
            for (String type : List.of("JWT", "jwt", "at+jwt", "application/at+JWT")) {
                assertThat(bearer(access().header("typ", type).signed()).statusCode()).as(type).isEqualTo(200);
            }
            HttpResponse<String> logout = bearer(access().header("typ", "logout+jwt").signed());
            rejected(logout, AuthFailure.UNSUPPORTED_TYPE);
            assertThatJson(logout.body()).inPath("error.message").asString().endsWith("got logout+jwt");
            rejected(bearer(access().header("typ", "dpop+jwt").signed()), AuthFailure.UNSUPPORTED_TYPE);
        }

        @Test
        void aTokenNamingCriticalHeaderParametersIsRefusedForThemNotForItsSignature() {
            HttpResponse<String> response = bearer(access().header("crit", List.of("exp-ext"))
                    .header("exp-ext", 1).signed());

            rejected(response, AuthFailure.UNSUPPORTED_CRITICAL);
        }

        @Test
        void tokenSignedWithAnotherKeyIsRejected() {
            rejected(bearer(access().signedWithWrongKey()), AuthFailure.BAD_SIGNATURE);
        }
    }

    @Nested
    class Claims {

        @Test
        void expiredTokenIsRejectedButWithinLeewayAccepted() {
            rejected(bearer(access().expiresAt(Instant.now().minusSeconds(120)).signed()), AuthFailure.EXPIRED);
            assertThat(bearer(access().expiresAt(Instant.now().minusSeconds(30)).signed()).statusCode()).isEqualTo(200);
            rejected(bearer(access().claim("exp", null).signed()), AuthFailure.MISSING_EXPIRY);
        }

        @Test
        void tokenNotYetValidIsRejectedButWithinLeewayAccepted() {
            rejected(bearer(access().notBefore(Instant.now().plusSeconds(300)).signed()), AuthFailure.NOT_YET_VALID);
            assertThat(bearer(access().notBefore(Instant.now().plusSeconds(30)).signed()).statusCode()).isEqualTo(200);
        }

        @Test
        void tokenIssuedInTheFutureIsRejectedButWithinLeewayAccepted() {
            rejected(bearer(access().issuedAt(Instant.now().plusSeconds(3000)).signed()), AuthFailure.NOT_YET_VALID);
            assertThat(bearer(access().issuedAt(Instant.now().plusSeconds(30)).signed()).statusCode()).isEqualTo(200);
        }

        @Test
        void aTimeBeyondTheYear9999OrBefore1970IsMalformedNotExpiredOrValid() {
            for (String claim : List.of("exp", "nbf", "iat")) {
                for (Object time : List.of(1e20, -5, "tomorrow")) {
                    HttpResponse<String> response = bearer(access().claim(claim, time).signed());

                    rejected(response, AuthFailure.MALFORMED);
                    assertThatJson(response.body()).as(claim + " " + time).inPath("error.message").asString()
                            .endsWith("its " + claim + " is not a time (seconds since 1970, up to the year 9999)");
                }
            }
            assertThat(bearer(access().expiresAt(Instant.now().plusSeconds(60)).claim("nbf", 1.5).signed())
                    .statusCode()).as("a NumericDate may have a fraction").isEqualTo(200);
        }

        @Test
        void wrongIssuerIsRejectedNamingTheTokensIssuerWhenItIsPlainText() {
            HttpResponse<String> evil = bearer(access().issuer("https://evil.example.com").signed());
            rejected(evil, AuthFailure.WRONG_ISSUER);
            // a trailing slash or another user pool is the usual mistake: both issuers side by side show which
            assertThatJson(evil.body()).inPath("error.message").asString()
                    .endsWith("expected " + issuer.issuer() + ", got 'https://evil.example.com'");

            HttpResponse<String> forged = bearer(access().issuer("https://a\"b\r\nX-Evil: 1").signed());
            rejected(forged, AuthFailure.WRONG_ISSUER);
            assertThatJson(forged.body()).inPath("error.message").asString().endsWith(", got another");
            assertThat(forged.headers().firstValue("WWW-Authenticate")).get().asString().doesNotContain("Evil");
        }

        @Test
        void anAlgorithmThatIsNoPlainNameIsNotEchoed() {
            String signed = access().signed();
            String header = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    "{\"alg\":\"x\\r\\nSet-Cookie: a=b\",\"kid\":\"k\"}".getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> response = bearer(header + signed.substring(signed.indexOf('.')));
            rejected(response, AuthFailure.UNSUPPORTED_ALGORITHM);
            assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString()
                    .doesNotContain("Set-Cookie").endsWith("got another\"");
        }

        @Test
        void anIdTokenForSeveralAudiencesIsTakenForTheAcceptedOne() throws Exception {
            String token = forge.idToken(issuer.issuer(), CLIENT, "alice").audience("other-app", CLIENT).signed();

            HttpResponse<String> check = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + gateway.port() + "/auth/test"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(check.statusCode()).as(check.body()).isEqualTo(200);
            assertThatJson(check.body()).inPath("token_claims.client_id").isEqualTo(CLIENT);
        }

        @Test
        void aClaimTheTokenLacksIsShownAsNull() throws Exception {
            String token = forge.token().issuer(issuer.issuer()).subject("s").audience(CLIENT)
                    .expiresAt(Instant.now().plusSeconds(300)).signed();

            HttpResponse<String> check = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + gateway.port() + "/auth/test"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(check.statusCode()).as(check.body()).isEqualTo(200);
            assertThatJson(check.body()).inPath("token_claims.token_use").isNull();
            assertThatJson(check.body()).inPath("token_claims.aud").isEqualTo(CLIENT);
        }

        @Test
        void anAudienceListHoldingANullIsReadForItsNames() {
            String token = forge.idToken(issuer.issuer(), CLIENT, "alice")
                    .claim("aud", java.util.Arrays.asList(null, CLIENT)).signed();
            String onlyNull = forge.idToken(issuer.issuer(), CLIENT, "alice")
                    .claim("aud", java.util.Arrays.asList((Object) null)).signed();

            assertThat(bearer(token).statusCode()).isEqualTo(200);
            rejected(bearer(onlyNull), AuthFailure.WRONG_AUDIENCE);
        }

        @Test
        void idTokenForAnotherAudienceIsRejected() {
            rejected(bearer(forge.idToken(issuer.issuer(), "other-app", "alice").signed()), AuthFailure.WRONG_AUDIENCE);
        }

        @Test
        void aTokenOfAnAcceptedClientMeantForAnotherResourceIsRejected() {
            String elsewhere = "https://payments-api.example.com";

            rejected(bearer(access().audience(elsewhere).signed()), AuthFailure.WRONG_AUDIENCE);
            rejected(bearer(access().tokenUse(null).audience(elsewhere).signed()), AuthFailure.WRONG_AUDIENCE);
            assertThat(bearer(access().audience(elsewhere, CLIENT).signed()).statusCode())
                    .as("one of its audiences is accepted").isEqualTo(200);
            assertThat(bearer(access().tokenUse(null).signed()).statusCode())
                    .as("no audience: the client decides").isEqualTo(200);
        }

        @Test
        void aTokenIssuedForTheGatewaysResourceUrlIsAcceptedWhateverItsClient() {
            // RFC 8707 / MCP authorization: a client asks for a token for mcp.resource_url, which lands in aud
            assertThat(bearer(access().tokenUse(null).audience(RESOURCE).signed()).statusCode()).isEqualTo(200);
            assertThat(bearer(forge.accessToken(issuer.issuer(), "another-app", "restaurants/read").tokenUse(null)
                    .audience(RESOURCE).signed()).statusCode()).as("issued for this resource").isEqualTo(200);
            assertThat(bearer(access().audience(RESOURCE).signed()).statusCode()).isEqualTo(200);
            rejected(bearer(access().tokenUse(null).audience("https://gateway.example.com/other").signed()),
                    AuthFailure.WRONG_AUDIENCE);
            rejected(bearer(forge.accessToken(issuer.issuer(), "another-app", "restaurants/read").audience(RESOURCE)
                    .signed()), AuthFailure.WRONG_CLIENT);
        }

        @Test
        void anIdTokenIssuedToAnotherClientIsRejectedThoughItNamesOursAmongItsAudiences() {
            String token = forge.idToken(issuer.issuer(), CLIENT, "alice").audience(CLIENT, "evil")
                    .claim("azp", "evil").signed();
            String ours = forge.idToken(issuer.issuer(), CLIENT, "alice").audience(CLIENT, "evil")
                    .claim("azp", CLIENT).signed();

            HttpResponse<String> refused = bearer(token);
            rejected(refused, AuthFailure.WRONG_AUDIENCE);
            assertThatJson(refused.body()).inPath("error.message").asString().endsWith("azp 'evil'");
            assertThat(bearer(ours).statusCode()).isEqualTo(200);
        }

        @Test
        void accessTokenOfAClientNotAllowedIsRejected() {
            rejected(bearer(forge.accessToken(issuer.issuer(), "other-app", "x").signed()), AuthFailure.WRONG_CLIENT);
        }

        @Test
        void anAccessTokensClientIdThatIsNoStringIsSaidToBeOne() {
            HttpResponse<String> response = bearer(access().clientId(null).claim("client_id", List.of("tests")).signed());

            rejected(response, AuthFailure.WRONG_CLIENT);
            assertThatJson(response.body()).inPath("error.message").asString().endsWith("client_id empty or not a string");
        }

        @Test
        void claimsRepeatedInARefusalAreOnlyPrintableAsciiAsTheChallengeMayHold() {
            for (HttpResponse<String> refused : List.of(
                    bearer(forge.accessToken(issuer.issuer(), "zz\u00e9\u2028x\u0007", "x").signed()),
                    bearer(access().tokenUse("yy\u00e8s").signed()),
                    bearer(forge.idToken(issuer.issuer(), "zz\u00e9-app", "alice").signed()))) {
                assertThat(refused.statusCode()).isEqualTo(401);
                assertThat(refused.headers().firstValue("WWW-Authenticate")).get().asString()
                        .matches("[\\x20-\\x7e]+").doesNotContain("zz", "yy");
                assertThatJson(refused.body()).inPath("error.message").asString().doesNotContain("zz", "yy");
            }
        }

        @Test
        void aTokenForManyOtherAudiencesIsRefusedNamingTheFirstFew() {
            HttpResponse<String> refused = bearer(forge.idToken(issuer.issuer(), "a1", "alice")
                    .audience("a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8").signed());

            rejected(refused, AuthFailure.WRONG_AUDIENCE);
            assertThatJson(refused.body()).inPath("error.message").asString()
                    .endsWith("aud [a1, a2, a3, a4, a5] and 3 more");
        }

        @Test
        void wrongTokenUseIsRejected() {
            rejected(bearer(access().tokenUse("refresh").signed()), AuthFailure.WRONG_TOKEN_USE);
        }

        @Test
        void aTokenUseThatIsEmptyOrNoStringIsRejectedNotTakenForAnAbsentOne() {
            for (Object tokenUse : List.of(5, true, "", "  ", List.of("access"), java.util.Map.of("a", 1))) {
                HttpResponse<String> response = bearer(access().tokenUse(null).claim("token_use", tokenUse).signed());

                rejected(response, AuthFailure.WRONG_TOKEN_USE);
                assertThatJson(response.body()).inPath("error.message").asString().contains("empty or not a string");
            }
        }

        @Test
        void aSubjectThatIsNoStringIsMalformed() {
            for (Object subject : List.of(5, 5.5, List.of("alice"))) {
                HttpResponse<String> response = bearer(access().subject(null).claim("sub", subject).signed());

                rejected(response, AuthFailure.MALFORMED);
                assertThatJson(response.body()).inPath("error.message").asString().endsWith("its sub is not a string");
            }
        }

        @Test
        void tokenWithoutSubjectIsRejected() {
            rejected(bearer(access().claim("sub", null).signed()), AuthFailure.MISSING_SUBJECT);
        }

        @Test
        void cognitoIdAndAccessTokensAreBothAccepted() {
            assertThat(bearer(forge.idToken(issuer.issuer(), CLIENT, "alice").signed()).statusCode()).isEqualTo(200);
            assertThat(bearer(access().signed()).statusCode()).isEqualTo(200);
        }
    }

    @Nested
    class Scopes {

        @Test
        void missingScopeIsA403NamingIt() {
            HttpResponse<String> response = call(RECOMMEND, "Bearer " + access().signed());

            assertThat(response.statusCode()).isEqualTo(403);
            assertThatJson(response.body()).inPath("error.type").isEqualTo("AuthorizationError");
            assertThatJson(response.body()).inPath("error.details.missing_scopes").isArray()
                    .containsExactly("restaurants/recommend");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue(
                    "Bearer realm=\"mcp-tools-gateway\", error=\"insufficient_scope\", scope=\"restaurants/recommend\"");
        }

        @Test
        void scopeOrGroupGrantsTheRoute() {
            String withScope = forge.accessToken(issuer.issuer(), CLIENT, "restaurants/read restaurants/recommend").signed();
            String withGroup = forge.idToken(issuer.issuer(), CLIENT, "bob").groups("restaurants/recommend").signed();

            assertThat(call(RECOMMEND, "Bearer " + withScope).statusCode()).isEqualTo(200);
            assertThat(call(RECOMMEND, "Bearer " + withGroup).statusCode()).isEqualTo(200);
        }

        @Test
        void scopesAreReadFromScopeAndScpAsTextOrAsLists() {
            for (var claim : List.of(Map.entry("scp", (Object) "restaurants/read restaurants/recommend"),
                    Map.entry("scp", (Object) List.of("restaurants/read", "restaurants/recommend")),
                    Map.entry("scope", (Object) List.of("restaurants/read", "restaurants/recommend")))) {
                String token = forge.accessToken(issuer.issuer(), CLIENT, "other").claim("scope", null)
                        .claim(claim.getKey(), claim.getValue()).signed();

                assertThat(call(RECOMMEND, "Bearer " + token).statusCode()).as(claim.toString()).isEqualTo(200);
            }
        }
    }

    @Nested
    class McpEndpointScopes {

        private HttpResponse<String> mcp(String token, String body) {
            try {
                return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/mcp"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .header("Accept", "application/json, text/event-stream")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private static final String LIST = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}";

        @Test
        void toolsNeedingAScopeAreListedOnlyForCallersHoldingIt() {
            String without = access().signed();
            String with = forge.accessToken(issuer.issuer(), CLIENT, "restaurants/read restaurants/recommend").signed();

            assertThatJson(mcp(without, LIST).body()).inPath("result.tools[*].name").isArray()
                    .containsExactly("analyze_restaurant_sentiment");
            assertThatJson(mcp(with, LIST).body()).inPath("result.tools[*].name").isArray()
                    .containsExactly("analyze_restaurant_sentiment", "recommend_restaurants");
        }

        @Test
        void callingAToolWithoutItsScopeIsA403NamingTheScope() {
            HttpResponse<String> response = mcp(access().signed(), "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":"
                    + "\"tools/call\",\"params\":{\"name\":\"recommend_restaurants\",\"arguments\":" + BODY + "}}");

            assertThat(response.statusCode()).isEqualTo(403);
            // the step-up challenge names the metadata document, as the 401 does (MCP authorization)
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue(
                    "Bearer realm=\"mcp-tools-gateway\", error=\"insufficient_scope\", scope=\"restaurants/recommend\""
                            + ", resource_metadata=\"https://gateway.example.com/.well-known/oauth-protected-resource"
                            + "/mcp\"");
        }
    }

    @Test
    void anotherIssuersTokenIsRefusedForItsIssuerWithoutFetchingTheKeysAgain() {
        int before = issuer.jwksFetches();
        String token = new TokenForge(TokenForge.newSigningKey(), Clock.systemUTC())
                .accessToken("https://other-issuer.example", CLIENT, "x").signed();

        rejected(bearer(token), AuthFailure.WRONG_ISSUER);
        assertThat(issuer.jwksFetches()).isEqualTo(before);
    }

    @Test
    void unknownKeyIsRejectedUntilTheIssuerPublishesIt() {
        RSAKey rotated = TokenForge.newSigningKey();
        String token = new TokenForge(rotated, Clock.systemUTC()).accessToken(issuer.issuer(), CLIENT, "x").signed();

        rejected(bearer(token), AuthFailure.UNKNOWN_KEY);
        issuer.publish(rotated);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(bearer(token).statusCode()).isEqualTo(200));
    }

    @Test
    void forgedKeyIdsCannotMakeTheGatewayHammerTheIssuer() {
        int before = issuer.jwksFetches();
        for (int i = 0; i < 20; i++) {
            bearer(access().signedWithUnknownKid());
        }
        assertThat(issuer.jwksFetches() - before).isLessThanOrEqualTo(3);
    }
}
