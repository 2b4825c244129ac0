package io.mcpgateway.gateway.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The whole gateway configuration, built once by {@link ConfigLoader} and validated there. */
public record GatewayConfig(ServerSettings server, AuthSettings auth, List<BackendSettings> backends,
        List<RouteSettings> routes, HealthSettings health, RateLimitSettings rateLimits,
        ResilienceSettings resilience, CacheSettings cache, McpEndpointSettings mcp, ToolSettings tools,
        Environment environment) {

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

    /** The top-level sections (as named in the file) whose settings differ in {@code other}, in the file's order. */
    public List<String> sectionsChangedFrom(GatewayConfig other) {
        Map<String, Function<GatewayConfig, Object>> sections = new LinkedHashMap<>();
        sections.put("environment", GatewayConfig::environment);
        sections.put("server", GatewayConfig::server);
        sections.put("auth", GatewayConfig::auth);
        sections.put("backends", GatewayConfig::backends);
        sections.put("routes", GatewayConfig::routes);
        sections.put("health", GatewayConfig::health);
        sections.put("rate_limits", GatewayConfig::rateLimits);
        sections.put("resilience", GatewayConfig::resilience);
        sections.put("cache", GatewayConfig::cache);
        sections.put("mcp", GatewayConfig::mcp);
        sections.put("tools", GatewayConfig::tools);
        return sections.entrySet().stream()
                .filter(section -> !section.getValue().apply(this).equals(section.getValue().apply(other)))
                .map(Map.Entry::getKey).toList();
    }

    public GatewayConfig withServer(ServerSettings server) {
        return new GatewayConfig(server, auth, backends, routes, health, rateLimits, resilience, cache, mcp, tools,
                environment);
    }

    public GatewayConfig withMcp(McpEndpointSettings mcp) {
        return new GatewayConfig(server, auth, backends, routes, health, rateLimits, resilience, cache, mcp, tools,
                environment);
    }
}
