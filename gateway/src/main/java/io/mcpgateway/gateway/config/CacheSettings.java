package io.mcpgateway.gateway.config;

import java.time.Duration;

/**
 * The gateway's response cache for read-only tools (key: tool and normalised arguments; a
 * {@code Cache-Control: no-cache} request bypasses it).
 *
 * @param perCaller keep entries per caller, for tools whose results depend on who asks
 */
public record CacheSettings(boolean enabled, long maxEntries, Duration ttl, boolean perCaller) {

    public static CacheSettings defaults() {
        return new CacheSettings(true, 10_000, Duration.ofSeconds(60), false);
    }
}
