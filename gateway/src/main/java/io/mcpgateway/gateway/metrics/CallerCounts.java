package io.mcpgateway.gateway.metrics;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Requests per authenticated caller, for the busiest-callers view of {@code /metrics}. Kept out of the Micrometer
 * registry on purpose: one time series per caller would grow without bound in Prometheus. Bounded here to the most
 * recently active callers.
 */
public final class CallerCounts {

    static final int MAX_CALLERS = 10_000;
    private static final String PSEUDONYM_ALGORITHM = "HmacSHA256";

    private final SecretKeySpec pseudonymKey = new SecretKeySpec(randomKey(), PSEUDONYM_ALGORITHM);

    private final Cache<String, LongAdder> counts = Caffeine.newBuilder().maximumSize(MAX_CALLERS)
            .executor(Runnable::run) // upkeep on the request's thread: no wake-up of a pool thread per few reads
            .build();

    public void increment(String caller) {
        counts.get(caller, c -> new LongAdder()).increment();
    }

    /**
     * The {@code limit} callers with the most requests, most first, by {@link #pseudonym}: {@code /metrics} is public,
     * and a token's subject may be an e-mail address.
     */
    public Map<String, Long> top(int limit) {
        Map<String, Long> top = new LinkedHashMap<>();
        // each count read once: requests count on while this sorts, and a count that grew between two comparisons
        // would make the order inconsistent (TimSort throws on that)
        counts.asMap().entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue().sum()))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry::getKey))
                .limit(limit)
                .forEach(e -> top.put(pseudonym(e.getKey()), e.getValue()));
        return top;
    }

    /**
     * A caller as public views name it: {@code caller-} and 12 hex digits of an HMAC of its subject under a key made
     * when the process starts, the same for one caller while the process runs. A plain hash of the subject could be
     * matched against a list of likely e-mail addresses; the access log names callers for those who may know them.
     */
    String pseudonym(String caller) {
        try {
            Mac mac = Mac.getInstance(PSEUDONYM_ALGORITHM);
            mac.init(pseudonymKey);
            return "caller-" + HexFormat.of().formatHex(mac.doFinal(caller.getBytes(StandardCharsets.UTF_8)), 0, 6);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + PSEUDONYM_ALGORITHM, e);
        }
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
