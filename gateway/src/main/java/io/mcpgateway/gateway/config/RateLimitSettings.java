package io.mcpgateway.gateway.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Request limits per caller (the token's subject): a sustained rate per minute and a burst per short window, both
 * enforced; 0 turns a limit off. Shared by all gateway instances through Redis when {@code redisUrl} is set.
 *
 * @param routes per-route overrides, by route path
 */
public record RateLimitSettings(long perMinute, long burst, Duration burstWindow, String redisUrl,
        Map<String, RouteLimit> routes) {

    public static final long DEFAULT_PER_MINUTE = 100;
    public static final long DEFAULT_BURST = 20;
    public static final Duration DEFAULT_BURST_WINDOW = Duration.ofSeconds(10);

    public RateLimitSettings {
        routes = Map.copyOf(routes);
    }

    /** The limits of one route: its override, or the defaults. */
    public RouteLimit forRoute(String path) {
        return Optional.ofNullable(routes.get(path)).orElse(new RouteLimit(perMinute, burst));
    }

    /** A route's own limits. */
    public record RouteLimit(long perMinute, long burst) {
        public boolean isOff() {
            return perMinute == 0 && burst == 0;
        }
    }
}
