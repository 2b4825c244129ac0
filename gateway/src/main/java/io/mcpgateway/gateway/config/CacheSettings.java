package io.mcpgateway.gateway.config;

import java.time.Duration;

/**
 * The gateway's response cache for read-only tools (key: tool and normalised arguments; a
 * {@code Cache-Control: no-cache} request bypasses it).
 *
 * @param maxEntries at most this many entries
 * @param maxBytes and at most this many bytes of results in all (a city-wide search is megabytes: a count alone would
 *     let a caller asking many different large questions fill the heap)
 * @param perCaller keep entries per caller, for tools whose results depend on who asks
 */
public record CacheSettings(boolean enabled, long maxEntries, long maxBytes, Duration ttl, boolean perCaller) {

    /** 128 MiB: hundreds of typical searches, dozens of the largest. */
    public static final long DEFAULT_MAX_BYTES = 128L * 1024 * 1024;

    public static CacheSettings defaults() {
        return new CacheSettings(true, 10_000, DEFAULT_MAX_BYTES, Duration.ofSeconds(60), false);
    }
}
