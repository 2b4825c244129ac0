package io.mcpgateway.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import io.mcpgateway.testsupport.ManualClock;

class VerifiedTokensTest {

    private static final Duration LEEWAY = Duration.ofSeconds(60);
    private static final String KID = "key-1";
    private static final Predicate<String> ANY_KEY = kid -> true;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-24T00:00:00Z"));
    private final VerifiedTokens tokens = new VerifiedTokens(LEEWAY, clock);

    private Caller expiringIn(Duration lifetime) {
        return new Caller("alice", "app", "alice", Set.of("read"), Set.of(), "access", clock.instant().plus(lifetime));
    }

    @Test
    void aVerifiedTokenIsFoundAgainAndNoOtherIs() {
        Caller alice = expiringIn(Duration.ofMinutes(10));
        tokens.remember("token-a", alice, KID);

        assertThat(tokens.find("token-a", ANY_KEY)).contains(alice);
        assertThat(tokens.find("token-b", ANY_KEY)).isEmpty();
        assertThat(tokens.find("token-a ", ANY_KEY)).as("another token, however close").isEmpty();
    }

    @Test
    void aTokenIsNotTrustedPastItsExpiryAndLeeway() {
        tokens.remember("token-a", expiringIn(Duration.ofMinutes(1)), KID);

        clock.advance(Duration.ofMinutes(1).plus(LEEWAY).minusSeconds(1));
        assertThat(tokens.find("token-a", ANY_KEY)).as("within the leeway").isPresent();
        clock.advance(Duration.ofSeconds(2));
        assertThat(tokens.find("token-a", ANY_KEY)).as("past it: verified again, and refused").isEmpty();
    }

    @Test
    void aTokenAlreadyPastItsExpiryIsNotRemembered() {
        tokens.remember("token-a", expiringIn(LEEWAY.negated().minusSeconds(1)), KID);

        assertThat(tokens.find("token-a", ANY_KEY)).isEmpty();
    }

    @Test
    void aTokenSignedWithAKeyNoLongerPublishedIsNotTrustedFromTheCache() {
        tokens.remember("token-a", expiringIn(Duration.ofMinutes(10)), KID);

        assertThat(tokens.find("token-a", kid -> !kid.equals(KID))).as("its key withdrawn").isEmpty();
        assertThat(tokens.find("token-a", ANY_KEY)).as("forgotten: verified again next time").isEmpty();
    }
}
