package io.mcpgateway.gateway.toolmeta;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.mcpgateway.gateway.auth.BearerAuthenticator;
import io.mcpgateway.gateway.http.JsonBodyReader;

/**
 * {@code GET /tools/aggregation/status} and {@code POST /tools/aggregation/refresh} (REFERENCE-SPEC §4.9): how the
 * gateway's reading of its backends' tool lists stands, and reading them again now. Behind a token, as in the
 * original; a refresh asks only backends not asked within the last few seconds.
 */
public final class ToolAggregationRoutes {

    public static final String STATUS_PATH = "/tools/aggregation/status";
    public static final String REFRESH_PATH = "/tools/aggregation/refresh";

    private final ToolRegistry registry;
    private final BearerAuthenticator authenticator;
    private final JsonBodyReader bodies;
    private final Clock clock;

    /** @param bodies checks the body a refresh does not use (its size and coding) */
    public ToolAggregationRoutes(ToolRegistry registry, BearerAuthenticator authenticator, JsonBodyReader bodies,
            Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.bodies = Objects.requireNonNull(bodies, "bodies");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void register(JavalinConfig config) {
        config.routes.get(STATUS_PATH, this::status);
        config.routes.post(REFRESH_PATH, this::refresh);
    }

    private void status(Context ctx) {
        authenticator.authenticate(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("aggregation_info", info(registry));
        body.put("timestamp", clock.instant().toString());
        ctx.json(body);
    }

    private void refresh(Context ctx) {
        authenticator.authenticate(ctx);
        bodies.dropUnused(ctx);
        List<String> asked = registry.refreshAllDue();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("message", asked.isEmpty() ? "Every backend was asked for its tools within the last few seconds"
                : "Tool lists read again from " + String.join(", ", asked));
        body.put("refreshed_servers", asked);
        body.put("aggregation_info", info(registry));
        body.put("refresh_timestamp", clock.instant().toString());
        ctx.json(body);
    }

    /** How the reading of every backend's tool list stands (also part of {@code /tools/health}). */
    static Map<String, Object> info(ToolRegistry registry) {
        List<ToolRegistry.Listing> listings = registry.listings();
        Map<String, Object> servers = new LinkedHashMap<>();
        for (ToolRegistry.Listing listing : listings) {
            Map<String, Object> server = new LinkedHashMap<>();
            server.put("status", listing.answered() ? "healthy" : listing.lastAttempt() == null ? "unknown"
                    : "unhealthy");
            server.put("tools", listing.tools());
            server.put("last_attempt", text(listing.lastAttempt()));
            server.put("last_listed", text(listing.lastListed()));
            servers.put(listing.backend(), server);
        }
        Instant last = listings.stream().map(ToolRegistry.Listing::lastListed).filter(Objects::nonNull)
                .max(Instant::compareTo).orElse(null);
        boolean asked = listings.stream().anyMatch(l -> l.lastAttempt() != null);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("servers", servers);
        info.put("total_servers", listings.size());
        info.put("healthy_servers", listings.stream().filter(ToolRegistry.Listing::answered).count());
        info.put("last_aggregation", text(last));
        info.put("aggregation_status", !asked ? "not_started" : last != null ? "completed" : "pending");
        return info;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
