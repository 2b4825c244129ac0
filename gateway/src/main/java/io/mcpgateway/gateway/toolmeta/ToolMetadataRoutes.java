package io.mcpgateway.gateway.toolmeta;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.mcpgateway.gateway.config.RouteSettings;
import io.mcpgateway.gateway.error.GatewayException;

/**
 * {@code GET /tools/metadata}: the tools the REST routes call, with the schemas their backends publish (taken live
 * from {@code tools/list}) and the route that calls each. Public, like the tool list of an MCP server.
 */
public final class ToolMetadataRoutes {

    /** Category of tools without guidance. */
    static final String DEFAULT_CATEGORY = "tools";

    private final ToolRegistry registry;
    private final List<RouteSettings> routes;

    public ToolMetadataRoutes(ToolRegistry registry, List<RouteSettings> routes) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.routes = List.copyOf(routes);
    }

    public void register(JavalinConfig config) {
        config.routes.get("/tools/metadata", this::all);
        config.routes.get("/tools/metadata/{tool}", this::one);
    }

    private void all(Context ctx) {
        List<Map<String, Object>> tools = routedTools().stream().map(this::describe).toList();
        Set<Object> categories = new LinkedHashSet<>();
        tools.forEach(t -> categories.add(t.get("category")));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("tools", tools);
        data.put("total_tools", tools.size());
        data.put("categories", new ArrayList<>(categories));
        ctx.json(Map.of("success", true, "data", data));
    }

    private void one(Context ctx) {
        String name = ctx.pathParam("tool");
        List<BackendTool> tools = routedTools();
        BackendTool tool = tools.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new GatewayException.NotFound("Tool '" + name + "' does not exist",
                        Map.of("available_tools", tools.stream().map(BackendTool::name).toList())));
        ctx.json(Map.of("success", true, "data", describe(tool)));
    }

    /** The tools the REST routes call, in route order, as their backends currently publish them. */
    private List<BackendTool> routedTools() {
        List<BackendTool> tools = new ArrayList<>();
        for (RouteSettings route : routes) {
            registry.find(route.backend(), route.tool()).filter(t -> !tools.contains(t)).ifPresent(tools::add);
        }
        return tools;
    }

    private Map<String, Object> describe(BackendTool tool) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", tool.name());
        entry.put("display_name", tool.title());
        entry.put("category", DEFAULT_CATEGORY);
        entry.put("description", tool.description());
        entry.put("backend", tool.backend());
        Optional<RouteSettings> route = routes.stream()
                .filter(r -> r.backend().equals(tool.backend()) && r.tool().equals(tool.name())).findFirst();
        entry.put("endpoint", route.map(RouteSettings::path).orElse(null));
        entry.put("http_method", route.map(RouteSettings::method).orElse(null));
        entry.put("authentication_required", true);
        entry.put("required_scopes", route.map(RouteSettings::requiredScopes).orElse(List.of()));
        entry.put("input_schema", tool.inputSchema());
        entry.put("output_schema", tool.definition().get("outputSchema"));
        entry.put("annotations", tool.definition().get("annotations"));
        return entry;
    }
}
