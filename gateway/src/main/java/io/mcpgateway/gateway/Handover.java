package io.mcpgateway.gateway;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.mcpgateway.gateway.auth.IssuerKeys;
import io.mcpgateway.gateway.backend.BackendResilience;
import io.mcpgateway.gateway.cache.ResponseCache;
import io.mcpgateway.gateway.config.BackendSettings;
import io.mcpgateway.gateway.config.GatewayConfig;
import io.mcpgateway.gateway.health.BackendHealthMonitor;
import io.mcpgateway.gateway.ratelimit.RateLimits;
import io.mcpgateway.gateway.toolmeta.ToolRegistry;

/**
 * What a gateway hands to the one replacing it on a configuration reload where the new configuration allows it.
 * Unlike {@link LastingState}, each part belongs to settings a reload may change: a reload of the routes or the
 * environment should not give every caller a full rate-limit quota again, empty the response cache, call a backend
 * found failing at full rate again, forget how long a backend has been down, or forget the tools of a backend that is
 * down while it reloads.
 *
 * @param config the configuration of the gateway handing over
 */
record Handover(GatewayConfig config, RateLimits rateLimits, ResponseCache cache, BackendResilience resilience,
        BackendHealthMonitor monitor, IssuerKeys issuerKeys, ToolRegistry registry) {

    Handover {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(rateLimits, "rateLimits");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(resilience, "resilience");
        Objects.requireNonNull(monitor, "monitor");
        Objects.requireNonNull(issuerKeys, "issuerKeys");
        Objects.requireNonNull(registry, "registry");
    }

    /**
     * The response cache, when {@code next} leaves the cache, the backends and the authentication as they were; else
     * null. Otherwise an entry could answer for a backend that is now another server, or, with entries per caller,
     * for a caller of the same name from another issuer.
     */
    ResponseCache cacheFor(GatewayConfig next) {
        List<String> changed = next.sectionsChangedFrom(config);
        boolean same = !changed.contains("cache") && !changed.contains("backends") && !changed.contains("auth");
        return same ? cache : null;
    }

    /** Whether a backend of {@code next} is configured as it was here (name, address, timeouts, credentials...). */
    Predicate<String> unchangedBackendsIn(GatewayConfig next) {
        Set<BackendSettings> before = Set.copyOf(config.backends());
        Set<String> unchanged = next.backends().stream().filter(before::contains).map(BackendSettings::name)
                .collect(Collectors.toUnmodifiableSet());
        return unchanged::contains;
    }
}
