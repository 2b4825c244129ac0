package io.mcpgateway.gateway.mcp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.mcpgateway.gateway.auth.Caller;
import io.mcpgateway.gateway.config.McpEndpointSettings;
import io.mcpgateway.gateway.config.RouteSettings;
import io.mcpgateway.gateway.toolmeta.BackendTool;
import io.mcpgateway.gateway.toolmeta.ToolRegistry;

/**
 * Every backend's tools under one namespace, in a stable order. A name two backends share is exposed as
 * {@code <backend>___<tool>} for both (or every name, when configured). A tool that a REST route protects with
 * scopes needs the same scopes here: one rule for listing and calling, configured once in the route table.
 */
final class ToolCatalog {

    private final ToolRegistry registry;
    private final List<RouteSettings> routes;
    private final Map<String, List<String>> backendScopes;
    private final Set<String> routesWithOwnLimits;
    private final McpEndpointSettings settings;

    /** @param routesWithOwnLimits the paths of the routes with rate limits of their own ({@code rate_limits.routes}) */
    ToolCatalog(ToolRegistry registry, List<RouteSettings> routes, Map<String, List<String>> backendScopes,
            Set<String> routesWithOwnLimits, McpEndpointSettings settings) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.routes = List.copyOf(routes);
        this.backendScopes = Map.copyOf(backendScopes);
        this.routesWithOwnLimits = Set.copyOf(routesWithOwnLimits);
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Every exposed tool, sorted by exposed name. Names collide over every listed tool, held ones included, so
     * holding one tool never renames another that an agent already calls.
     */
    List<ExposedTool> all() {
        // one reading: a listing changing between two could leave a served tool without an owner count
        List<BackendTool> listed = registry.listed();
        return exposed(listed, registry.servable(listed));
    }

    /** A tool held because its definition changed, by the name it had (so a call is told why, not "unknown"). */
    Optional<ExposedTool> findHeld(String name) {
        List<BackendTool> listed = registry.listed();
        List<BackendTool> servable = registry.servable(listed);
        List<BackendTool> held = listed.stream().filter(t -> !servable.contains(t)).toList();
        return exposed(listed, held).stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** {@code tools} under their exposed names, which count the owners of a name over every listed tool. */
    private List<ExposedTool> exposed(List<BackendTool> listed, List<BackendTool> tools) {
        Map<String, Integer> owners = new HashMap<>();
        listed.forEach(t -> owners.merge(t.name(), 1, Integer::sum));
        List<ExposedTool> exposed = new ArrayList<>();
        for (BackendTool tool : tools) {
            boolean prefix = settings.alwaysPrefix() || owners.get(tool.name()) > 1;
            String name = prefix ? tool.backend() + ExposedTool.SEPARATOR + tool.name() : tool.name();
            exposed.add(new ExposedTool(name, tool, scopesOf(tool)));
        }
        exposed.sort(Comparator.comparing(ExposedTool::name));
        return exposed;
    }

    /** The tools this caller may see and call. */
    List<ExposedTool> visibleTo(Caller caller) {
        return visibleTo(caller, all());
    }

    /** Those of {@code tools} (from {@link #all()}) this caller may see and call. */
    static List<ExposedTool> visibleTo(Caller caller, List<ExposedTool> tools) {
        return tools.stream().filter(t -> t.requiredScopes().stream().allMatch(caller::holds)).toList();
    }

    Optional<ExposedTool> find(String name) {
        return all().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /**
     * The route whose rate limit a call of {@code tool} counts against: a REST route of the tool with a limit of its
     * own (so {@code /mcp} is no way around it), else {@code mcp}.
     */
    RouteSettings limitRoute(ExposedTool tool, RouteSettings mcp) {
        for (RouteSettings route : routes) {
            if (route.backend().equals(tool.tool().backend()) && route.tool().equals(tool.tool().name())
                    && routesWithOwnLimits.contains(route.path())) {
                return route;
            }
        }
        return mcp;
    }

    /** The backends that have not answered a listing yet: their tools are unknown, so none of them is exposed. */
    List<String> unlisted() {
        return registry.listings().stream().filter(l -> l.lastListed() == null).map(ToolRegistry.Listing::backend)
                .toList();
    }

    /**
     * Whether {@code name}, unknown now, may be a tool of a backend that has not listed its tools yet: one a route of
     * it names, or one under its prefix ({@code <backend>___}).
     */
    boolean mayBeUnlisted(String name) {
        List<String> unlisted = unlisted();
        return unlisted.stream().anyMatch(backend -> name.startsWith(backend + ExposedTool.SEPARATOR))
                || routes.stream().anyMatch(route -> route.tool().equals(name) && unlisted.contains(route.backend()));
    }

    /** Every scope some tool needs, for the protected resource metadata. */
    List<String> scopes() {
        return java.util.stream.Stream.concat(routes.stream().flatMap(r -> r.requiredScopes().stream()),
                backendScopes.values().stream().flatMap(List::stream)).distinct().sorted().toList();
    }

    /** What its REST routes ask (their backend's scopes included), or its backend's when no route calls it. */
    private List<String> scopesOf(BackendTool tool) {
        return java.util.stream.Stream.concat(routes.stream()
                .filter(r -> r.backend().equals(tool.backend()) && r.tool().equals(tool.name()))
                .flatMap(r -> r.requiredScopes().stream()), backendScopes.getOrDefault(tool.backend(), List.of())
                .stream()).distinct().toList();
    }
}
