package io.mcpgateway.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.jwk.RSAKey;

import io.mcpgateway.gateway.config.AuthSettings;
import io.mcpgateway.json.Json;
import io.mcpgateway.testsupport.TokenForge;

/**
 * Review: IssuerKeys.get now reads the cached set a second time with a select-everything JWKSelector. Nimbus's
 * JWKSetBasedJWKSource.get treats an empty selection as "unknown key": it forces a (rate-limited) refresh. With an
 * issuer publishing an empty key set, that second read spends the rate limiter's second permit (one more JWKS fetch
 * per verification) or throws RateLimitReachedException, which IssuerKeys rethrows: load() then says "rate limit"
 * instead of "holds no key", and everFetched stays false although the set was fetched.
 */
class ReviewLateIssuerKeysEmptySetTest {

    @Test
    void anEmptyKeySetIsReportedAsEmptyAndFetchedOnceForItsUnknownKid() throws Exception {
        RSAKey only = TokenForge.newSigningKey();
        try (TestIssuer issuer = new TestIssuer(only)) {
            issuer.withdraw(only); // the issuer publishes {"keys":[]}
            IssuerKeys keys = new IssuerKeys(new AuthSettings(issuer.issuer(), null, List.of("app"),
                    Set.of("access"), Duration.ZERO, Duration.ofHours(1), Duration.ofSeconds(30), List.of()),
                    HttpClient.newHttpClient(), Json.newMapper(), Clock.systemUTC());

            assertThatThrownBy(keys::load).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("holds no key");
            assertThat(keys.status().everFetched()).as("the set was fetched (it is empty)").isTrue();
        }
    }
}
