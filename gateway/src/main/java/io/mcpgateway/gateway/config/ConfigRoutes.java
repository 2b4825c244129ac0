package io.mcpgateway.gateway.config;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.mcpgateway.gateway.auth.BearerAuthenticator;
import io.mcpgateway.gateway.error.GatewayException;
import io.mcpgateway.gateway.health.BackendState;
import io.mcpgateway.gateway.http.JsonBodyReader;
import io.mcpgateway.gateway.http.JsonResponses;

/**
 * {@code GET /config/current}, {@code /config/servers}, {@code /config/servers/{name}}, {@code /config/validate},
 * {@code /config/validate/all} and {@code POST /config/reload} (REFERENCE-SPEC §4.11): the configuration the gateway
 * runs with, as the original showed it, behind a token. No secret is shown: credentials by their type only, user
 * information stripped from URLs. The running configuration is valid (a bad one stops start-up and is refused by a
 * reload), so {@code /config/validate} adds what only running shows: backends that cannot be reached, routes whose
 * tool its backend does not list, and settings wrong for the environment. {@code /config/validate/all} and a reload
 * read the configuration again from where it came from.
 */
public final class ConfigRoutes {

    private final GatewayConfig config;
    private final ConfigSource source;
    private final Supplier<ReloadOutcome> reloader;
    private final BearerAuthenticator authenticator;
    private final JsonBodyReader bodies;
    private final Function<String, BackendState> backendStates;
    private final Function<String, List<String>> toolsOf;
    private final BiFunction<String, String, Optional<String>> whyLeftOut;
    private final Clock clock;

    /**
     * @param source where {@code config} came from, read again by {@code /config/validate/all}
     * @param reloader applies the configuration {@code source} gives now, for {@code POST /config/reload}
     * @param bodies checks the body a reload does not use (its size and coding)
     * @param backendStates the last health probe of a backend, by name
     * @param toolsOf the tools a backend listed last, by backend name
     * @param whyLeftOut why a backend's last listing left out a tool it names, by backend and tool; empty when not
     */
    public ConfigRoutes(GatewayConfig config, ConfigSource source, Supplier<ReloadOutcome> reloader,
            BearerAuthenticator authenticator, JsonBodyReader bodies, Function<String, BackendState> backendStates,
            Function<String, List<String>> toolsOf,
            BiFunction<String, String, Optional<String>> whyLeftOut, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.source = Objects.requireNonNull(source, "source");
        this.reloader = Objects.requireNonNull(reloader, "reloader");
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.bodies = Objects.requireNonNull(bodies, "bodies");
        this.backendStates = Objects.requireNonNull(backendStates, "backendStates");
        this.toolsOf = Objects.requireNonNull(toolsOf, "toolsOf");
        this.whyLeftOut = Objects.requireNonNull(whyLeftOut, "whyLeftOut");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void register(JavalinConfig javalin) {
        javalin.routes.get("/config/current", this::current);
        javalin.routes.get("/config/servers", this::servers);
        javalin.routes.get("/config/servers/{name}", this::server);
        javalin.routes.get("/config/validate", this::validate);
        javalin.routes.get("/config/validate/all", this::validateAll);
        javalin.routes.post("/config/reload", this::reload);
    }

    /**
     * A caller with {@code auth.admin_scopes}, when they are set: the configuration names the backends' internal
     * addresses, the issuer and the limits, which are an operator's to see, and reloads are an operator's to make.
     */
    private void requireOperator(Context ctx) {
        BearerAuthenticator.requireAll(authenticator.authenticate(ctx), config.auth().adminScopes());
    }

    private void current(Context ctx) {
        requireOperator(ctx);
        Map<String, Object> servers = new LinkedHashMap<>();
        config.backends().forEach(b -> servers.put(b.name(), describe(b)));
        String logLevel = LoggerLevels.root();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("environment", config.environment().label());
        data.put("debug", "DEBUG".equals(logLevel) || "TRACE".equals(logLevel));
        data.put("log_level", logLevel);
        data.put("enable_hot_reload", !config.server().configWatch().isZero());
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
        requireOperator(ctx);
        List<Map<String, Object>> servers = config.backends().stream().map(this::describe).toList();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("servers", servers);
        data.put("total_servers", servers.size());
        data.put("enabled_servers", config.backends().stream().filter(BackendSettings::enabled).count());
        JsonResponses.success(ctx, data);
    }

    private void server(Context ctx) {
        requireOperator(ctx);
        String name = ctx.pathParam("name");
        BackendSettings backend = config.backends().stream().filter(b -> b.name().equals(name)).findFirst()
                .orElseThrow(() -> new GatewayException.NotFound("MCP server '" + name + "' not found",
                        Map.of("available_servers", config.backends().stream().map(BackendSettings::name).toList())));
        Map<String, Object> data = describe(backend);
        data.put("connectivity", connectivity(backend));
        JsonResponses.success(ctx, data);
    }

    private void validate(Context ctx) {
        requireOperator(ctx);
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
                String prefix = "Route " + route.method() + " " + route.path() + ": backend '" + route.backend();
                warnings.add(whyLeftOut.apply(route.backend(), route.tool())
                        .map(why -> prefix + "' lists the tool '" + route.tool() + "' in a form the gateway does not"
                                + " serve: " + why)
                        .orElse(prefix + "' does not list the tool '" + route.tool() + "' now"));
            }
        }
        warnings.addAll(EnvironmentWarnings.ofThisProcess(config, config.environment()));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("is_valid", true); // an invalid configuration stops start-up and is refused by a reload
        data.put("errors", List.of());
        data.put("warnings", warnings);
        data.put("connectivity", connectivity);
        data.put("environment", config.environment().label());
        JsonResponses.success(ctx, data);
    }

    /**
     * The configuration as read now, judged for each environment, read as if it were that one (a secret written in
     * the file is refused in production only): each one's errors and warnings.
     */
    private void validateAll(Context ctx) {
        requireOperator(ctx);
        Map<String, Object> results = new LinkedHashMap<>();
        int valid = 0;
        for (Environment environment : Environment.values()) {
            ConfigSource.Reading reading = source.readAs(environment);
            valid += reading.valid() ? 1 : 0;
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("is_valid", reading.valid());
            result.put("errors", ShownProblems.of(reading.problems()));
            result.put("warnings", reading.valid() ? EnvironmentWarnings.ofThisProcess(reading.config(), environment)
                    : List.of());
            results.put(environment.label(), result);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("total_environments", results.size());
        summary.put("valid_environments", valid);
        summary.put("invalid_environments", results.size() - valid);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("summary", summary);
        data.put("results", results);
        data.put("environment", config.environment().label());
        JsonResponses.success(ctx, data);
    }

    private void reload(Context ctx) {
        requireOperator(ctx);
        bodies.dropUnused(ctx);
        // this connection may be to a gateway replaced by this reload or by one that ran while this one waited:
        // the caller's next request should reach the gateway serving now
        ctx.header("Connection", "close");
        Map<String, Object> data = new LinkedHashMap<>();
        String message = switch (reloader.get()) {
            case ReloadOutcome.Unchanged unchanged -> {
                data.put("environment", config.environment().label());
                data.put("reloaded", false);
                data.put("changed_sections", List.of());
                yield "Configuration unchanged: the gateway goes on as it was";
            }
            case ReloadOutcome.Applied applied -> {
                data.put("environment", applied.environment().label());
                data.put("reloaded", true);
                data.put("changed_sections", applied.changedSections());
                data.put("port", applied.port());
                data.put("warnings", applied.warnings());
                yield "Configuration reloaded successfully";
            }
            case ReloadOutcome.Invalid invalid -> throw invalidAfterReload(ShownProblems.of(invalid.problems()));
            case ReloadOutcome.Failed failed -> throw new GatewayException.Internal("RELOAD_FAILED",
                    "The configuration was not reloaded: " + failed.reason()
                            + ". The gateway goes on with the configuration it had");
        };
        String now = clock.instant().toString();
        data.put("timestamp", now);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("message", message);
        body.put("data", data);
        body.put("timestamp", now);
        ctx.json(body);
    }

    private static GatewayException invalidAfterReload(List<String> problems) {
        return new GatewayException.Validation("INVALID_CONFIGURATION", "Invalid configuration after reload: "
                + String.join("; ", problems) + ". The gateway goes on with the configuration it had",
                Map.of("errors", problems));
    }

    private Map<String, Object> describe(BackendSettings backend) {
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("name", backend.name());
        server.put("url", backend.shownUrl());
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
        server.put("send_caller", backend.sendCaller());
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
}
