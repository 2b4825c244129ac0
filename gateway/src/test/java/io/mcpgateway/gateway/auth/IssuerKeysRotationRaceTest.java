package io.mcpgateway.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.RSAKey;

import io.mcpgateway.gateway.config.AuthSettings;
import io.mcpgateway.json.Json;
import io.mcpgateway.testsupport.ManualClock;
import io.mcpgateway.testsupport.TokenForge;

/**
 * A rotation the probe installs while other callers' tokens are verified: the withdrawn key stays withdrawn. A
 * verification that read the key set before the install and noted its key ids after brought the withdrawn key's id
 * back, and a token it signed, verified before, passed from the verified-token cache again (in about a third of the
 * rotations of this test).
 */
class IssuerKeysRotationRaceTest {

    private static final int ROTATIONS = 150;

    @Test
    void aKeyWithdrawnWhileOtherTokensAreVerifiedIsNotPublishedAfterTheRotation() throws Exception {
        ManualClock clock = ManualClock.atEpochDay();
        RSAKey withdrawn = TokenForge.newSigningKey();
        RSAKey kept = TokenForge.newSigningKey();
        JWKSelector keptKey = new JWKSelector(new JWKMatcher.Builder().keyID(kept.getKeyID()).build());
        try (TestIssuer issuer = new TestIssuer(withdrawn)) {
            issuer.publish(kept);
            IssuerKeys keys = new IssuerKeys(new AuthSettings(issuer.issuer(), null, List.of("app"), Set.of("access"),
                    Duration.ZERO, Duration.ofHours(1), Duration.ofSeconds(30), List.of()),
                    HttpClient.newHttpClient(), Json.newMapper(), clock);
            keys.load();
            int stillPublished = 0;
            for (int i = 0; i < ROTATIONS; i++) {
                issuer.publish(withdrawn);
                clock.advance(IssuerKeys.REACHABILITY_CHECK);
                keys.probe(); // both keys again
                assertThat(keys.publishes(withdrawn.getKeyID())).isTrue();

                issuer.withdraw(withdrawn);
                AtomicBoolean rotated = new AtomicBoolean();
                Thread verifying = Thread.ofPlatform().start(() -> {
                    while (!rotated.get()) {
                        try {
                            keys.get(keptKey, null); // another caller's token, signed with the key kept
                        } catch (com.nimbusds.jose.KeySourceException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                });
                clock.advance(IssuerKeys.REACHABILITY_CHECK);
                keys.probe(); // reads and installs the set without the withdrawn key
                rotated.set(true);
                verifying.join();
                if (keys.publishes(withdrawn.getKeyID())) {
                    stillPublished++;
                }
            }
            assertThat(stillPublished).as("rotations after which the withdrawn key was still taken as published")
                    .isZero();
        }
    }
}
