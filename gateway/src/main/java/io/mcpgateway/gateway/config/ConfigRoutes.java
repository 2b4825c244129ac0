package io.mcpgateway.gateway.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.mcpgateway.gateway.auth.BearerAuthenticator;
import io.mcpgateway.gateway.error.GatewayException;
import io.mcpgateway.gateway.health.BackendState;
import io.mcpgateway.gateway.http.JsonResponses;

/**
 * {@code GET /config/current}, {@code /config/servers}, {@code /config/servers/{name}} and {@code /config/validate}
 * (REFERENCE-SPEC §4.11): the configuration the gateway runs with, as the original showed it, behind a token. No
 * secret is shown: credentials by their type only, user information stripped from URLs. The configuration is read
 * at start-up (a bad one stops it), so the running one is valid; validation adds what only running shows: backends
 * that cannot be reached and routes whose tool its backend does not list.
 */
public final class ConfigRoutes {

    private final GatewayConfig config;
    private final BearerAuthenticator authenticator;
    private final Function<String, BackendState> backendStates;
    private final Function<String, List<String>> toolsOf;

    /**
     * @param backendStates the last health probe of a backend, by name
     * @param toolsOf the tools a backend listed last, by backend name
     */
    public ConfigRoutes(GatewayConfig config, BearerAuthenticator authenticator,
            Function<String, BackendState> backendStates, Function<String, List<String>> toolsOf) {
        this.config = Objects.requireNonNull(config, "config");
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.backendStates = Objects.requireNonNull(backendStates, "backendStates");
        this.toolsOf = Objects.requireNonNull(toolsOf, "toolsOf");
    }

    public void register(JavalinConfig javalin) {
        javalin.routes.get("/config/current", this::current);
        javalin.routes.get("/config/servers", this::servers);
        javalin.routes.get("/config/servers/{name}", this::server);
        javalin.routes.get("/config/validate", this::validate);
    }

    private void current(Context ctx) {
        authenticator.authenticate(ctx);
        Map<String, Object> servers = new LinkedHashMap<>();
        config.backends().forEach(b -> servers.put(b.name(), describe(b)));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("enable_hot_reload", false);
        data.put("mcp_servers", servers);
        data.put("routes", config.routes().stream().map(r -> Map.of("method", r.method(), "path", r.path(),
                "backend", r.backend(), "tool", r.tool())).toList());
        data.put("rate_limits", Map.of("per_minute", config.rateLimits().perMinute(), "burst",
                config.rateLimits().burst(), "shared", config.rateLimits().redisUrl() != null));
        data.put("cache", Map.of("enabled", config.cache().enabled(), "ttl_seconds", config.cache().ttl().toSeconds()));
        data.put("auth", Map.of("issuer", config.auth().issuer()));
        JsonResponses.success(ctx, data);
    }

    private void servers(Context ctx) {
        authenticator.authenticate(ctx);
        List<Map<String, Object>> servers = config.backends().stream().map(this::describe).toList();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("servers", servers);
        data.put("total_servers", servers.size());
        data.put("enabled_servers", config.backends().stream().filter(BackendSettings::enabled).count());
        JsonResponses.success(ctx, data);
    }

    private void server(Context ctx) {
        authenticator.authenticate(ctx);
        String name = ctx.pathParam("name");
        BackendSettings backend = config.backends().stream().filter(b -> b.name().equals(name)).findFirst()
                .orElseThrow(() -> new GatewayException.NotFound("MCP server '" + name + "' not found",
                        Map.of("available_servers", config.backends().stream().map(BackendSettings::name).toList())));
        Map<String, Object> data = describe(backend);
        data.put("connectivity", connectivity(backend));
        JsonResponses.success(ctx, data);
    }

    private void validate(Context ctx) {
        authenticator.authenticate(ctx);
        List<String> warnings = new ArrayList<>();
        Map<String, Object> connectivity = new LinkedHashMap<>();
        for (BackendSettings backend : config.backends()) {
            Map<String, Object> reach = connectivity(backend);
            connectivity.put(backend.name(), reach);
            if (Boolean.FALSE.equals(reach.get("reachable"))) {
                warnings.add("Server '" + backend.name() + "': " + reach.get("error"));
            }
        }
        for (RouteSettings route : config.routes()) {
            if (!toolsOf.apply(route.backend()).contains(route.tool())) {
                warnings.add("Route " + route.method() + " " + route.path() + ": backend '" + route.backend()
                        + "' does not list the tool '" + route.tool() + "' now");
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("is_valid", true); // an invalid configuration stops start-up
        data.put("errors", List.of());
        data.put("warnings", warnings);
        data.put("connectivity", connectivity);
        JsonResponses.success(ctx, data);
    }

    private Map<String, Object> describe(BackendSettings backend) {
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("name", backend.name());
        server.put("url", withoutUserInfo(backend.url()));
        server.put("mcp_path", backend.mcpPath());
        server.put("health_check_path", backend.healthPath());
        server.put("enabled", backend.enabled());
        server.put("timeout", backend.requestTimeout().toMillis() / 1000.0);
        server.put("connect_timeout", backend.connectTimeout().toMillis() / 1000.0);
        server.put("total_timeout", backend.totalTimeout().toMillis() / 1000.0);
        server.put("max_retries", config.resilience().maxAttempts() - 1);
        server.put("retry_delay", config.resilience().initialBackoff().toMillis() / 1000.0);
        server.put("max_connections", backend.pool().maxConnections());
        server.put("credentials", backend.credentials().type());
        server.put("required_scopes", backend.requiredScopes());
        server.put("tools", toolsOf.apply(backend.name()));
        return server;
    }

    /** From the backend's last health probe; a disabled backend counts as reachable, as in the original. */
    private Map<String, Object> connectivity(BackendSettings backend) {
        Map<String, Object> reach = new LinkedHashMap<>();
        if (!backend.enabled()) {
            reach.put("reachable", true);
            reach.put("error", null);
            return reach;
        }
        BackendState state = backendStates.apply(backend.name());
        boolean probed = state != null && !BackendState.UNKNOWN.equals(state.status());
        reach.put("reachable", probed ? state.isHealthy() : null);
        reach.put("error", probed ? state.lastError() : "not probed yet");
        return reach;
    }

    private static String withoutUserInfo(URI url) {
        try {
            return new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            return url.getScheme() + "://" + url.getHost();
        }
    }
}
