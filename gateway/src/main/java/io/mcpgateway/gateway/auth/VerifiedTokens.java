package io.mcpgateway.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.mcpgateway.text.Sha256;

/**
 * Tokens verified recently, so a caller's every request does not pay an RS256 signature check (a quarter of the
 * gateway's CPU per request, ARCHITECTURE.md; JFR profile in bench/gateway.sh). Keyed by the token's SHA-256, never
 * by the token itself; bounded in size; an entry lives until the token expires (plus the leeway) but at most
 * {@link #MAX_AGE}, so a key withdrawn from the issuer's key set stops being trusted soon after. Only successes are
 * kept: a rejected token is checked again every time, and the expiry is checked again on every hit.
 */
final class VerifiedTokens {

    static final long MAX_ENTRIES = 10_000;
    static final Duration MAX_AGE = Duration.ofMinutes(5);

    private record Entry(Caller caller, String keyId, long lifetimeNanos) {
    }

    private final Cache<String, Entry> verified;
    private final Duration leeway;
    private final Clock clock;

    VerifiedTokens(Duration leeway, Clock clock) {
        this.leeway = Objects.requireNonNull(leeway, "leeway");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.verified = Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .expireAfter(Expiry.creating((String key, Entry entry) -> Duration.ofNanos(entry.lifetimeNanos())))
                .executor(Runnable::run) // upkeep on the request's thread: no wake-up of a pool thread per few reads
                .build();
    }

    /**
     * The caller of a token verified before, still within its lifetime and signed with a key {@code published} still
     * has (an issuer that withdrew a key, say after a leak, is followed as soon as the gateway sees its new key set).
     */
    Optional<Caller> find(String token, Predicate<String> published) {
        String key = key(token);
        Entry entry = verified.getIfPresent(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (!stillValid(entry.caller(), clock.instant()) || !published.test(entry.keyId())) {
            verified.invalidate(key);
            return Optional.empty();
        }
        return Optional.of(entry.caller());
    }

    /**
     * Remembers a token that was just verified with the key {@code keyId}, for the rest of its life (at most
     * {@link #MAX_AGE}).
     */
    void remember(String token, Caller caller, String keyId) {
        Instant now = clock.instant();
        if (caller.expiresAt() == null || !stillValid(caller, now)) {
            return;
        }
        Duration left = Duration.between(now, caller.expiresAt().plus(leeway));
        verified.put(key(token), new Entry(caller, keyId, (left.compareTo(MAX_AGE) < 0 ? left : MAX_AGE)
                .toNanos()));
    }

    private boolean stillValid(Caller caller, Instant now) {
        return now.minus(leeway).isBefore(caller.expiresAt());
    }

    private static String key(String token) {
        return Sha256.hex(token);
    }
}
