package io.mcpgateway.gateway.metrics;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Requests per authenticated caller, for the busiest-callers view of {@code /metrics}. Kept out of the Micrometer
 * registry on purpose: one time series per caller would grow without bound in Prometheus. Bounded here to the most
 * recently active callers.
 */
public final class CallerCounts {

    static final int MAX_CALLERS = 10_000;

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
        counts.asMap().entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, LongAdder> e) -> e.getValue().sum()).reversed()
                        .thenComparing(Map.Entry::getKey))
                .limit(limit)
                .forEach(e -> top.put(pseudonym(e.getKey()), e.getValue().sum()));
        return top;
    }

    /**
     * A caller as public views name it: {@code sha256:} and the first 12 hex digits of the SHA-256 of its subject, so
     * an operator can tell whether a subject is among them ({@code printf %s SUBJECT | sha256sum | cut -c1-12}).
     */
    static String pseudonym(String caller) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(caller.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
