package io.mcpgateway.gateway.config;

import java.util.List;
import java.util.Optional;

/** The whole gateway configuration, built once by {@link ConfigLoader} and validated there. */
public record GatewayConfig(ServerSettings server, AuthSettings auth, List<BackendSettings> backends,
        List<RouteSettings> routes, HealthSettings health, RateLimitSettings rateLimits,
        ResilienceSettings resilience, CacheSettings cache, McpEndpointSettings mcp, ToolSettings tools) {

    /** The backend names the default route table and the guide's environment variables use. */
    public static final String SEARCH_BACKEND = "restaurant-search";
    public static final String REASONING_BACKEND = "restaurant-reasoning";

    public GatewayConfig {
        backends = List.copyOf(backends);
        routes = List.copyOf(routes);
    }

    public Optional<BackendSettings> backend(String name) {
        return backends.stream().filter(b -> b.name().equals(name)).findFirst();
    }

    public GatewayConfig withServer(ServerSettings server) {
        return new GatewayConfig(server, auth, backends, routes, health, rateLimits, resilience, cache, mcp, tools);
    }
}
