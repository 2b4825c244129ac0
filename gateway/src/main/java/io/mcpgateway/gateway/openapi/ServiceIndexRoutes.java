package io.mcpgateway.gateway.openapi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.mcpgateway.gateway.auth.AuthCheckRoutes;
import io.mcpgateway.gateway.config.RouteSettings;
import io.mcpgateway.gateway.health.BackendSummaryRoutes;
import io.mcpgateway.gateway.mcp.McpRoutes;
import io.mcpgateway.gateway.metrics.RecentRequestRoutes;
import io.mcpgateway.gateway.toolmeta.ToolAggregationRoutes;
import io.mcpgateway.gateway.toolmeta.ToolListRpcRoutes;
import io.mcpgateway.gateway.toolmeta.ToolPinRoutes;

/**
 * {@code GET /} (REFERENCE-SPEC §4.2): what this service is and where its endpoints are, the REST routes of the route
 * table included, for a person or a client finding its way. Public.
 */
public final class ServiceIndexRoutes {

    public static final String PATH = "/";

    private final Map<String, Object> body;

    public ServiceIndexRoutes(List<RouteSettings> routes, String version) {
        Objects.requireNonNull(version, "version");
        Map<String, Object> endpoints = new LinkedHashMap<>();
        endpoints.put("health", "/health");
        endpoints.put("docs", DocsRoutes.PATH);
        endpoints.put("openapi", OpenApiRoutes.PATH);
        endpoints.put("metrics", "/metrics");
        endpoints.put("metrics_prometheus", "/metrics/prometheus");
        endpoints.put("metrics_mcp", BackendSummaryRoutes.PATH);
        endpoints.put("metrics_performance", RecentRequestRoutes.PERFORMANCE_PATH);
        endpoints.put("metrics_security", RecentRequestRoutes.SECURITY_PATH);
        endpoints.put("tools_metadata", "/tools/metadata");
        endpoints.put("tools_health", "/tools/health");
        endpoints.put("tool_pins", ToolPinRoutes.PATH);
        endpoints.put("tools_aggregation_status", ToolAggregationRoutes.STATUS_PATH);
        endpoints.put("tools_aggregation_refresh", ToolAggregationRoutes.REFRESH_PATH);
        endpoints.put("tools_list_jsonrpc", ToolListRpcRoutes.PATH);
        endpoints.put("status", "/status");
        endpoints.put("auth_test", AuthCheckRoutes.PATH);
        endpoints.put("configuration", "/config/current");
        endpoints.put("config_servers", "/config/servers");
        endpoints.put("validate_config", "/config/validate");
        endpoints.put("validate_config_all", "/config/validate/all");
        endpoints.put("reload_config", "/config/reload");
        endpoints.put("mcp", McpRoutes.PATH);
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("service", "mcp-tools-gateway");
        index.put("version", version);
        index.put("description", "REST API and MCP endpoint in front of MCP tool servers, behind OIDC/JWT"
                + " authentication");
        index.put("authentication", "bearer");
        index.put("endpoints", endpoints);
        index.put("routes", routes.stream().map(route -> route.method() + " " + route.path()).toList());
        this.body = Collections.unmodifiableMap(index);
    }

    public void register(JavalinConfig config) {
        config.routes.get(PATH, this::index);
    }

    private void index(Context ctx) {
        ctx.json(body);
    }
}
