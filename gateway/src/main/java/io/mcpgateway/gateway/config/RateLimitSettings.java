package io.mcpgateway.gateway.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Request limits per caller (the token's subject): a sustained rate per minute and a burst per short window, both
 * enforced; 0 turns a limit off. Shared by all gateway instances through Redis when {@code redisUrl} is set.
 *
 * @param routes per-route overrides, by route path
 * @param redisTimeout longest a Redis call may take before the request is counted locally instead
 * @param redisProbeInterval how often Redis is asked whether it answers (to notice an outage and the recovery)
 * @param redisKeyPrefix put before every key in Redis, so deployments sharing one Redis (a cluster has no database
 *     numbers to keep them apart) count apart: the same caller's limits would otherwise be one
 */
public record RateLimitSettings(long perMinute, long burst, Duration burstWindow, String redisUrl,
        Map<String, RouteLimit> routes, Duration redisTimeout, Duration redisProbeInterval, String redisKeyPrefix) {

    /** The {@link #bucketScope} of the routes that count against the caller's default limits together. */
    public static final String SHARED_SCOPE = "*";
    public static final long DEFAULT_PER_MINUTE = 100;
    public static final long DEFAULT_BURST = 20;
    public static final Duration DEFAULT_BURST_WINDOW = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REDIS_TIMEOUT = Duration.ofMillis(200);
    public static final Duration DEFAULT_REDIS_PROBE_INTERVAL = Duration.ofSeconds(2);

    /** Limits with the default Redis timings. */
    public RateLimitSettings(long perMinute, long burst, Duration burstWindow, String redisUrl,
            Map<String, RouteLimit> routes) {
        this(perMinute, burst, burstWindow, redisUrl, routes, DEFAULT_REDIS_TIMEOUT, DEFAULT_REDIS_PROBE_INTERVAL, "");
    }

    /** Whether any limit counts: the callers' own, or one route's. */
    public boolean anyOn() {
        return !new RouteLimit(perMinute, burst).isOff() || routes.values().stream().anyMatch(limit -> !limit.isOff());
    }

    public RateLimitSettings {
        routes = Map.copyOf(routes);
        redisKeyPrefix = redisKeyPrefix == null ? "" : redisKeyPrefix;
    }

    /**
     * The requests a limit counts together: a route with an override has its own; every other route shares the
     * caller's default limits (ARCHITECTURE.md: the limits are per caller).
     */
    public String bucketScope(String path) {
        return routes.containsKey(path) ? path : SHARED_SCOPE;
    }

    /** The limits of one route: its override, or the defaults. */
    public RouteLimit forRoute(String path) {
        return Optional.ofNullable(routes.get(path)).orElse(new RouteLimit(perMinute, burst));
    }

    /** A route's limits in words, for {@code /tools/metadata}: "100 requests per minute and 20 per 10 s per ...". */
    public String describe(String path) {
        RouteLimit limit = forRoute(path);
        if (limit.isOff()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        if (limit.perMinute() > 0) {
            parts.add(requests(limit.perMinute()) + " per minute");
        }
        if (limit.burst() > 0) {
            parts.add((parts.isEmpty() ? requests(limit.burst()) : limit.burst()) + " per " + burstWindow.toSeconds()
                    + " s");
        }
        return String.join(" and ", parts) + " per caller" + (routes.containsKey(path)
                ? ", for this route and /mcp calls of its tool alone"
                : ", counted together with the caller's calls of the other routes without limits of their own");
    }

    private static String requests(long count) {
        return count + (count == 1 ? " request" : " requests");
    }

    /** A route's own limits. */
    public record RouteLimit(long perMinute, long burst) {
        public boolean isOff() {
            return perMinute == 0 && burst == 0;
        }
    }
}
