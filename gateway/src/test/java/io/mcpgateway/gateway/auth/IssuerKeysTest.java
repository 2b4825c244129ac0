package io.mcpgateway.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;

import io.mcpgateway.gateway.CapturedLogs;
import io.mcpgateway.gateway.config.AuthSettings;
import io.mcpgateway.json.Json;
import io.mcpgateway.testsupport.FixedAnswerServer;
import io.mcpgateway.testsupport.ManualClock;
import io.mcpgateway.testsupport.RefusingPort;
import io.mcpgateway.testsupport.TokenForge;

class IssuerKeysTest {

    private static IssuerKeys keys(TestIssuer issuer, Duration cacheTtl, Duration refreshMinInterval) {
        return keys(issuer, cacheTtl, refreshMinInterval, Clock.systemUTC());
    }

    private static IssuerKeys keys(TestIssuer issuer, Duration cacheTtl, Duration refreshMinInterval, Clock clock) {
        return keys(issuer.issuer(), cacheTtl, refreshMinInterval, clock);
    }

    private static IssuerKeys keys(String issuer, Duration cacheTtl, Duration refreshMinInterval, Clock clock) {
        return new IssuerKeys(new AuthSettings(issuer, null, List.of("app"), Set.of("access"), Duration.ZERO,
                cacheTtl, refreshMinInterval, List.of()), HttpClient.newHttpClient(), Json.newMapper(), clock);
    }

    @Test
    void theProbesSeeTheIssuerGoAndComeBackWithoutATokenThatNeedsAFetch() throws Exception {
        ManualClock clock = ManualClock.atEpochDay();
        try (TestIssuer issuer = new TestIssuer(TokenForge.newSigningKey())) {
            IssuerKeys keys = keys(issuer, Duration.ofHours(1), Duration.ofSeconds(30), clock);
            keys.probe(); // the first round fetches the keys
            assertThat(keys.status().everFetched()).isTrue();

            issuer.failKeySet(true);
            keys.probe();
            assertThat(keys.status().unreachable()).isTrue();
            assertThat(keys.status().lastError()).endsWith("/jwks answered HTTP 503");

            issuer.failKeySet(false);
            keys.probe(); // every round while it fails
            assertThat(keys.status().unreachable()).isFalse();
        }
    }

    @Test
    void anIssuerOutOfReachSinceTheStartIsLoggedOnceNotAtEveryRoundOfProbes() {
        ManualClock clock = ManualClock.atEpochDay();
        try (CapturedLogs logs = CapturedLogs.of(IssuerKeys.class).atLevel(Level.DEBUG);
                RefusingPort down = new RefusingPort()) {
            IssuerKeys keys = keys("http://127.0.0.1:" + down.port(), Duration.ofHours(1), Duration.ofSeconds(30),
                    clock);
            for (int round = 0; round < 3; round++) {
                keys.probe();
                clock.advance(Duration.ofSeconds(10));
            }

            assertThat(logs.events())
                    .filteredOn(e -> e.getFormattedMessage().startsWith("Cannot read the OIDC discovery"))
                    .extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.DEBUG, Level.DEBUG);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"<html>\n<body>Not the document</body>\n</html>",
        "{\"issuer\": \"x\\n07:00:00.000 ERROR FORGED \\u202e\", \"jwks_uri\": \"http://x/jwks\"}"})
    void aDiscoveryDocumentThatCannotBeUsedIsSaidOnOneLineWithoutTheParsersWords(String document) throws Exception {
        try (FixedAnswerServer issuer = new FixedAnswerServer()
                .answer("/.well-known/openid-configuration", 200, document)) {
            IssuerKeys keys = keys(issuer.url(), Duration.ofHours(1), Duration.ofSeconds(30),
                    ManualClock.atEpochDay());
            keys.probe();

            // shown by the log and the public /health
            assertThat(keys.status().lastError()).doesNotContain("\n", "\u202e", "Source", "StreamReadFeature")
                    .containsAnyOf("is not JSON", "names issuer 'x 07:00:00.000 ERROR FORGED  '");
        }
    }

    @Test
    void anIssuerWrittenWithAnotherFinalSlashIsSaidToBeSo() throws Exception {
        try (FixedAnswerServer issuer = new FixedAnswerServer()) {
            issuer.answer("/.well-known/openid-configuration", 200, "{\"issuer\": \"" + issuer.url()
                    + "/\", \"jwks_uri\": \"" + issuer.url() + "/jwks\"}");
            IssuerKeys keys = keys(issuer.url(), Duration.ofHours(1), Duration.ofSeconds(30),
                    ManualClock.atEpochDay());
            keys.probe();

            assertThat(keys.status().lastError()).contains("names issuer '" + issuer.url() + "/'",
                    "must be written exactly as the issuer names itself, its final '/' included or not");
            assertThat(keys.misnamed()).as("a setting to correct: start-up stops on it").isPresent();
        }
    }

    @Test
    void aDiscoveryDocumentNamingNoIssuerIsAnOutageToWaitOutNotAMisnamedIssuer() throws Exception {
        try (FixedAnswerServer issuer = new FixedAnswerServer()) {
            issuer.answer("/.well-known/openid-configuration", 200, "{\"jwks_uri\": \"" + issuer.url() + "/jwks\"}");
            IssuerKeys keys = keys(issuer.url(), Duration.ofHours(1), Duration.ofSeconds(30),
                    ManualClock.atEpochDay());
            keys.probe();

            assertThat(keys.status().lastError()).contains("names issuer ''");
            assertThat(keys.misnamed()).isEmpty();
        }
    }

    @Test
    void aDiscoveryAndAKeySetBehindRedirectsAreReadByTheProbesAsByTheTokensKeyFetch() throws Exception {
        RSAKey key = TokenForge.newSigningKey();
        try (FixedAnswerServer issuer = new FixedAnswerServer()) {
            String base = issuer.url();
            issuer.redirect("/.well-known/openid-configuration", "/discovery/v2")
                    .answer("/discovery/v2", 200, "{\"issuer\": \"" + base + "\", \"jwks_uri\": \"" + base
                            + "/jwks\"}")
                    .redirect("/jwks", base + "/keys/v2")
                    .answer("/keys/v2", 200, new JWKSet(key).toString());
            IssuerKeys keys = keys(base, Duration.ofHours(1), Duration.ofSeconds(30), ManualClock.atEpochDay());
            keys.probe();
            keys.probe();

            assertThat(keys.status().everFetched()).isTrue();
            assertThat(keys.status().unreachable()).isFalse();
            assertThat(keys.status().lastError()).isNull();
        }
    }

    @Test
    void aDiscoveryOverHttpsNamingKeysOverPlainHttpIsRefused() throws Exception {
        assertThatThrownBy(() -> IssuerDocuments.jwksUriNamed("http://id.example.com/jwks",
                java.net.URI.create("https://id.example.com/.well-known/openid-configuration")))
                .isInstanceOf(KeySourceException.class).hasMessageContaining("names a jwks_uri over plain HTTP");
        assertThat(IssuerDocuments.jwksUriNamed("https://id.example.com/jwks",
                java.net.URI.create("https://id.example.com/.well-known/openid-configuration")))
                .hasToString("https://id.example.com/jwks");
        assertThat(IssuerDocuments.jwksUriNamed("http://127.0.0.1:9000/jwks",
                java.net.URI.create("http://127.0.0.1:9000/.well-known/openid-configuration")))
                .as("a development issuer over HTTP names its keys over HTTP").hasToString("http://127.0.0.1:9000/jwks");
    }

    @Test
    void aTokenVerifiedFromTheCachedKeysDoesNotMakeAnIssuerThatTheProbeFoundDownLookReachable() throws Exception {
        ManualClock clock = ManualClock.atEpochDay();
        RSAKey key = TokenForge.newSigningKey();
        try (TestIssuer issuer = new TestIssuer(key)) {
            IssuerKeys keys = keys(issuer, Duration.ofHours(1), Duration.ofSeconds(30), clock);
            keys.probe(); // the first round fetches the keys
            issuer.failKeySet(true);
            keys.probe();
            assertThat(keys.status().unreachable()).isTrue();

            // a token arrives: its key is found in the cached set, no fetch is made, the issuer is still down
            int fetches = issuer.jwksFetches();
            keys.get(new com.nimbusds.jose.jwk.JWKSelector(new com.nimbusds.jose.jwk.JWKMatcher.Builder()
                    .keyID(key.getKeyID()).build()), null);
            assertThat(issuer.jwksFetches()).as("served from the cache").isEqualTo(fetches);

            assertThat(keys.status().unreachable()).as("nothing was learnt of the issuer: still unreachable")
                    .isTrue();
        }
    }

    @Test
    void aGatewayReplacingAnotherGoesOnWithItsKeysAndWhatItKnowsOfTheIssuer() throws Exception {
        ManualClock clock = ManualClock.atEpochDay();
        try (TestIssuer issuer = new TestIssuer(TokenForge.newSigningKey())) {
            IssuerKeys before = keys(issuer, Duration.ofHours(1), Duration.ofSeconds(30), clock);
            before.probe();
            issuer.failKeySet(true);
            before.probe();
            int fetches = issuer.jwksFetches();

            IssuerKeys after = keys(issuer, Duration.ofHours(1), Duration.ofSeconds(30), clock);
            after.continueFrom(before);
            after.load();

            assertThat(issuer.jwksFetches()).as("the keys held before serve").isEqualTo(fetches);
            assertThat(after.status().everFetched()).isTrue();
            assertThat(after.status().unreachable()).as("the outage is still known").isTrue();
        }
    }

    @Test
    void aKeySetThatCanBeFetchedIsCheckedOnceAMinuteNotEveryRound() throws Exception {
        ManualClock clock = ManualClock.atEpochDay();
        try (TestIssuer issuer = new TestIssuer(TokenForge.newSigningKey())) {
            IssuerKeys keys = keys(issuer, Duration.ofHours(1), Duration.ofSeconds(30), clock);
            keys.probe();
            keys.probe(); // checked: the first round after the fetch
            int fetches = issuer.jwksFetches();

            clock.advance(IssuerKeys.REACHABILITY_CHECK.minusSeconds(1));
            keys.probe();
            assertThat(issuer.jwksFetches()).isEqualTo(fetches);

            clock.advance(Duration.ofSeconds(1));
            keys.probe();
            assertThat(issuer.jwksFetches()).isEqualTo(fetches + 1);
        }
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

    @Test
    void aTokenVerifiedBeforeItsKeyWasWithdrawnIsRefusedOnceTheNewKeySetIsSeen() throws Exception {
        RSAKey first = TokenForge.newSigningKey();
        RSAKey second = TokenForge.newSigningKey();
        try (TestIssuer issuer = new TestIssuer(first)) {
            IssuerKeys keys = keys(issuer, Duration.ofHours(1), Duration.ofSeconds(1));
            JwtVerifier verifier = new JwtVerifier(new AuthSettings(issuer.issuer(), null, List.of("app"),
                    Set.of("access"), Duration.ofSeconds(60), Duration.ofHours(1), Duration.ofSeconds(1), List.of()),
                    keys, Clock.systemUTC());
            String old = new TokenForge(first, Clock.systemUTC()).accessToken(issuer.issuer(), "app", "x").signed();
            String fresh = new TokenForge(second, Clock.systemUTC()).accessToken(issuer.issuer(), "app", "x")
                    .signed();
            verifier.verify(old); // and kept as verified

            issuer.publish(second);
            issuer.withdraw(first);
            // the new key's first token makes the gateway fetch the key set again (at most once a second)
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(verifier.verify(fresh).id()).isNotNull());

            assertThatThrownBy(() -> verifier.verify(old)).isInstanceOfSatisfying(TokenRejectedException.class,
                    e -> assertThat(e.reason()).isEqualTo(AuthFailure.UNKNOWN_KEY));
            assertThat(keys.publishes(first.getKeyID())).isFalse();
        }
    }

    @Test
    void aRotationTheProbeReadsIsTrustedAtOnceNotWhenTheRefreshThrottleNextLetsAFetchThrough() throws Exception {
        ManualClock clock = ManualClock.atEpochDay();
        RSAKey first = TokenForge.newSigningKey();
        RSAKey second = TokenForge.newSigningKey();
        try (CapturedLogs logs = CapturedLogs.of(IssuerKeys.class).atLevel(Level.INFO);
                TestIssuer issuer = new TestIssuer(first)) {
            IssuerKeys keys = keys(issuer, Duration.ofHours(1), Duration.ofMinutes(10), clock);
            JwtVerifier verifier = new JwtVerifier(new AuthSettings(issuer.issuer(), null, List.of("app"),
                    Set.of("access"), Duration.ofSeconds(60), Duration.ofHours(1), Duration.ofMinutes(10), List.of()),
                    keys, Clock.systemUTC());
            TokenForge oldKey = new TokenForge(first, Clock.systemUTC());
            String old = oldKey.accessToken(issuer.issuer(), "app", "x").signed();
            String fresh = new TokenForge(second, Clock.systemUTC()).accessToken(issuer.issuer(), "app", "x")
                    .signed();
            verifier.verify(old);
            keys.probe(); // the first check after the fetch; the next is a minute later
            // a forged kid takes the one refresh the throttle lets through in its 10 minutes
            assertThatThrownBy(() -> verifier.verify(oldKey.accessToken(issuer.issuer(), "app", "x")
                    .signedWithUnknownKid())).isInstanceOf(TokenRejectedException.class);

            issuer.publish(second);
            issuer.withdraw(first);
            int fetches = issuer.jwksFetches();
            clock.advance(IssuerKeys.REACHABILITY_CHECK);
            keys.probe();

            assertThat(verifier.verify(fresh).id()).isNotNull();
            assertThatThrownBy(() -> verifier.verify(old)).isInstanceOfSatisfying(TokenRejectedException.class,
                    e -> assertThat(e.reason()).isEqualTo(AuthFailure.UNKNOWN_KEY));
            assertThat(issuer.jwksFetches()).as("the probe's read only").isEqualTo(fetches + 1);
            assertThat(logs.events()).extracting(ILoggingEvent::getFormattedMessage)
                    .filteredOn(line -> line.startsWith("The issuer's key set changed")).singleElement().asString()
                    .contains("key ids [" + second.getKeyID() + "] (before: [" + first.getKeyID() + "])");
        }
    }

    @Test
    void anEmptyKeySetTheProbeReadsIsAProblemNotARotationSoTokensGoOnPassing() throws Exception {
        ManualClock clock = ManualClock.atEpochDay();
        RSAKey only = TokenForge.newSigningKey();
        try (TestIssuer issuer = new TestIssuer(only)) {
            IssuerKeys keys = keys(issuer, Duration.ofHours(1), Duration.ofMinutes(10), clock);
            JwtVerifier verifier = new JwtVerifier(new AuthSettings(issuer.issuer(), null, List.of("app"),
                    Set.of("access"), Duration.ofSeconds(60), Duration.ofHours(1), Duration.ofMinutes(10), List.of()),
                    keys, Clock.systemUTC());
            TokenForge forge = new TokenForge(only, Clock.systemUTC());
            verifier.verify(forge.accessToken(issuer.issuer(), "app", "x").signed());
            keys.probe();

            issuer.withdraw(only); // a deploy gone wrong: the issuer answers {"keys":[]}
            clock.advance(IssuerKeys.REACHABILITY_CHECK);
            keys.probe();

            assertThat(verifier.verify(forge.accessToken(issuer.issuer(), "app", "y").signed()).id()).isNotNull();
            assertThat(keys.publishes(only.getKeyID())).isTrue();
            assertThat(keys.status().lastError()).contains("holds no RSA signing key");
        }
    }

    @Test
    void anEmptyKeySetARefreshFetchesIsRefusedSoTheKeysHeldGoOnVerifying() throws Exception {
        RSAKey only = TokenForge.newSigningKey();
        try (TestIssuer issuer = new TestIssuer(only)) {
            IssuerKeys keys = keys(issuer, Duration.ofHours(1), Duration.ofSeconds(30));
            JwtVerifier verifier = new JwtVerifier(new AuthSettings(issuer.issuer(), null, List.of("app"),
                    Set.of("access"), Duration.ofSeconds(60), Duration.ofHours(1), Duration.ofSeconds(30), List.of()),
                    keys, Clock.systemUTC());
            TokenForge forge = new TokenForge(only, Clock.systemUTC());
            verifier.verify(forge.accessToken(issuer.issuer(), "app", "x").signed());

            issuer.withdraw(only); // a deploy gone wrong: the issuer answers {"keys":[]}
            // anyone can make the gateway refresh: a token naming a key id it does not hold
            assertThatThrownBy(() -> verifier.verify(forge.accessToken(issuer.issuer(), "app", "x")
                    .signedWithUnknownKid())).isNotNull();

            assertThat(verifier.verify(forge.accessToken(issuer.issuer(), "app", "y").signed()).id()).isNotNull();
        }
    }

    @Test
    void anEmptyKeySetIsReportedAsEmptyNotAsARateLimit() throws Exception {
        RSAKey only = TokenForge.newSigningKey();
        try (TestIssuer issuer = new TestIssuer(only)) {
            issuer.withdraw(only); // the issuer publishes {"keys":[]}
            IssuerKeys keys = keys(issuer, Duration.ofHours(1), Duration.ofSeconds(30));

            assertThatThrownBy(keys::load).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("holds no RSA signing key");
            assertThat(keys.status().lastError()).as("a set no token can be verified with: /health says so")
                    .contains("holds no RSA signing key");
        }
    }
}
