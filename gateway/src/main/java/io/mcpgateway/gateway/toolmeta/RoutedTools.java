package io.mcpgateway.gateway.toolmeta;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.mcpgateway.gateway.config.RateLimitSettings;
import io.mcpgateway.gateway.config.RouteSettings;
import io.mcpgateway.gateway.metrics.GatewayMetrics;

/**
 * The tools the REST routes call, each described with its live definition, its route, its guidance and its pin (a
 * tool held because its definition changed is shown, marked held). A tool whose backend has not listed it (for
 * example because the backend is down) is left out until it does.
 */
final class RoutedTools {

    private final ToolRegistry registry;
    private final List<RouteSettings> routes;
    private final ToolGuidanceCatalog guidance;
    private final GatewayMetrics metrics;
    private final RateLimitSettings limits;

    RoutedTools(ToolRegistry registry, List<RouteSettings> routes, ToolGuidanceCatalog guidance,
            GatewayMetrics metrics, RateLimitSettings limits) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.routes = List.copyOf(routes);
        this.guidance = Objects.requireNonNull(guidance, "guidance");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    ToolRegistry registry() {
        return registry;
    }

    /** In route order; a tool two routes call is described once, with its first route. */
    List<ToolDescription> describe() {
        List<ToolDescription> described = new ArrayList<>();
        for (RouteSettings route : routes) {
            registry.findListed(route.backend(), route.tool())
                    .filter(tool -> described.stream().noneMatch(d -> d.tool().equals(tool)))
                    .ifPresent(tool -> described.add(new ToolDescription(tool, route, limits.describe(route.path()),
                            guidance.find(tool.name()),
                            registry.pins().state(tool.backend(), tool.name()),
                            metrics.toolCalls(tool.backend(), tool.name()))));
        }
        return described;
    }
}
