package io.mcpgateway.devidp;

import static io.mcpgateway.devidp.IdpFixture.BASIC;
import static io.mcpgateway.devidp.IdpFixture.CLOCK;
import static io.mcpgateway.devidp.IdpFixture.GRANT;
import static io.mcpgateway.devidp.IdpFixture.accessToken;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.assertThatJson;
import static net.javacrumbs.jsonunit.assertj.JsonAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.SignedJWT;

import io.mcpgateway.testsupport.TokenForge;

/** The issuer over real HTTP on a free port: discovery, JWKS, start and stop, key rotation. */
@Timeout(60)
class DevIdentityProviderIntegrationTest {

    @RegisterExtension
    static final RunningIdp RUNNING = new RunningIdp();

    @Nested
    class Discovery {

        @Test
        void issuerIsTheLoopbackAddressAndActualPort() {
            assertThat(RUNNING.idp().port()).isPositive();
            assertThat(RUNNING.idp().issuer()).isEqualTo("http://127.0.0.1:" + RUNNING.idp().port());
            assertThat(RUNNING.idp().tokenEndpoint()).isEqualTo(RUNNING.idp().issuer() + "/oauth2/token");
            assertThat(RUNNING.idp().jwksUri()).isEqualTo(RUNNING.idp().issuer() + "/.well-known/jwks.json");
        }

        @ParameterizedTest
        @ValueSource(strings = {"/.well-known/openid-configuration", "/.well-known/oauth-authorization-server"})
        void discoveryDocumentDescribesTheClientCredentialsIssuer(String path) {
            HttpResponse<String> response = RUNNING.http().get(path);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThatJson(response.body()).isEqualTo(json("""
                    {
                      "issuer": "%1$s",
                      "jwks_uri": "%1$s/.well-known/jwks.json",
                      "authorization_endpoint": "%1$s/oauth2/authorize",
                      "token_endpoint": "%1$s/oauth2/token",
                      "grant_types_supported": ["client_credentials"],
                      "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
                      "response_types_supported": [],
                      "subject_types_supported": ["public"],
                      "id_token_signing_alg_values_supported": ["RS256"],
                      "scopes_supported": ["restaurants/read", "restaurants/admin"]
                    }""".formatted(RUNNING.idp().issuer())));
        }

        @Test
        void theAuthorizationEndpointSaysOnlyClientCredentialsAreIssued() {
            HttpResponse<String> response = RUNNING.http().get("/oauth2/authorize?response_type=code&client_id=x");

            assertThat(response.statusCode()).isEqualTo(400);
            assertThatJson(response.body()).node("error").isEqualTo("unsupported_response_type");
            assertThatJson(response.body()).node("error_description").asString().contains("client credentials");
        }

        @Test
        void jwksPublishesTheSigningKeyWithKidAlgAndUse() {
            HttpResponse<String> response = RUNNING.http().get("/.well-known/jwks.json");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThatJson(response.body()).node("keys").isArray().hasSize(1);
            assertThatJson(response.body()).node("keys[0]").isObject()
                    .containsEntry("kid", RUNNING.idp().signingKeyId())
                    .containsEntry("kty", "RSA")
                    .containsEntry("alg", "RS256")
                    .containsEntry("use", "sig")
                    .containsKeys("n", "e");
        }

        @Test
        void jwksHoldsNoPrivateKeyParts() {
            HttpResponse<String> response = RUNNING.http().get("/.well-known/jwks.json");

            assertThatJson(response.body()).node("keys[0]").isObject()
                    .doesNotContainKeys("d", "p", "q", "dp", "dq", "qi", "oth");
        }
    }

    @Nested
    class Lifecycle {

        @Test
        void startingOnABusyPortFailsNamingThePort() {
            DevIdpConfig busy = DevIdpConfig.defaults().withPort(RUNNING.idp().port());

            assertThatThrownBy(() -> DevIdentityProvider.start(busy, CLOCK))
                    .hasMessageContaining("port " + RUNNING.idp().port());
        }

        @Test
        void closedIssuerAcceptsNoMoreConnections() {
            DevIdentityProvider closing = DevIdentityProvider.start(DevIdpConfig.defaults().withPort(0), CLOCK);
            IdpHttp closingHttp = new IdpHttp(closing);
            assertThat(closingHttp.get("/.well-known/jwks.json").statusCode()).isEqualTo(200);

            closing.close();

            assertThatThrownBy(() -> closingHttp.get("/.well-known/jwks.json"))
                    .hasMessageContaining("/.well-known/jwks.json failed");
        }
    }

    @Nested
    class KeyRotation {

        private DevIdentityProvider rotating;

        @BeforeEach
        void start() {
            rotating = DevIdentityProvider.start(DevIdpConfig.defaults().withPort(0), CLOCK);
        }

        @AfterEach
        void stop() {
            rotating.close();
        }

        @Test
        void oldTokensStillVerifyAndNewOnesCarryTheNewKid() throws Exception {
            JwksVerifier verifier = new JwksVerifier(rotating);
            String oldKid = rotating.signingKeyId();
            String before = rotating.issueAccessToken("dev-client", List.of("restaurants/read"), Duration.ofHours(1));
            verifier.verify(before);

            String newKid = rotating.rotateKey();
            IdpHttp rotatingHttp = new IdpHttp(rotating);
            String after = accessToken(rotatingHttp.token(GRANT, "Authorization", BASIC));

            assertThat(newKid).isNotEqualTo(oldKid).isEqualTo(rotating.signingKeyId());
            assertThat(SignedJWT.parse(after).getHeader().getKeyID()).isEqualTo(newKid);
            // The verifier cached the old JWKS; the unknown kid makes it fetch again.
            assertThat(verifier.verify(after).getSubject()).isEqualTo("dev-client");
            assertThat(verifier.verify(before).getSubject()).isEqualTo("dev-client");
            assertThat(new JwksVerifier(rotating).verify(before).getSubject()).isEqualTo("dev-client");
        }

        @Test
        void jwksPublishesEveryKeyNewestFirst() {
            String oldKid = rotating.signingKeyId();
            String newKid = rotating.rotateKey();

            HttpResponse<String> response = new IdpHttp(rotating).get("/.well-known/jwks.json");

            assertThatJson(response.body()).node("keys").isArray().hasSize(2);
            assertThatJson(response.body()).node("keys[0].kid").isEqualTo(newKid);
            assertThatJson(response.body()).node("keys[1].kid").isEqualTo(oldKid);
        }

        @Test
        void tokenSignedWithAKeyTheIssuerNeverHadDoesNotVerify() {
            String forged = new TokenForge(rotating.signingKey(), CLOCK)
                    .accessToken(rotating.issuer(), "dev-client", "restaurants/read").signedWithWrongKey();

            assertThatThrownBy(() -> new JwksVerifier(rotating).verify(forged)).isInstanceOf(BadJOSEException.class);
        }
    }
}
