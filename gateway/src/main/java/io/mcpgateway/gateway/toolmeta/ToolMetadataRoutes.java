package io.mcpgateway.gateway.toolmeta;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.mcpgateway.gateway.config.RateLimitSettings;
import io.mcpgateway.gateway.config.RouteSettings;
import io.mcpgateway.gateway.auth.BearerAuthenticator;
import io.mcpgateway.gateway.error.GatewayException;
import io.mcpgateway.gateway.http.JsonBodyReader;
import io.mcpgateway.gateway.http.JsonResponses;
import io.mcpgateway.gateway.metrics.GatewayMetrics;

/**
 * {@code GET /tools/metadata} and its filters by tool, category and MBTI type (REFERENCE-SPEC §4.9): the tools the
 * REST routes call, with the schemas their backends publish (taken live from {@code tools/list}), the route that
 * calls each, and the guidance of the {@link ToolGuidanceCatalog}. Public, like the tool list of an MCP server.
 */
public final class ToolMetadataRoutes {

    /** Categories and MBTI types are short words; anything else in the path is junk, not a miss. */
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final RoutedTools tools;
    private final String version;
    private final Clock clock;

    public ToolMetadataRoutes(ToolRegistry registry, List<RouteSettings> routes, RateLimitSettings limits,
            ToolGuidanceCatalog guidance, GatewayMetrics metrics, String version, Clock clock) {
        this.tools = new RoutedTools(registry, routes, guidance, metrics, limits);
        this.version = Objects.requireNonNull(version, "version");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** {@code POST /tools/mcp/tools/list}, over the same tools. */
    public ToolListRpcRoutes toolListRpc(BearerAuthenticator authenticator, JsonBodyReader bodies) {
        return new ToolListRpcRoutes(tools, authenticator, bodies, version, clock);
    }

    public void register(JavalinConfig config) {
        config.routes.get("/tools/metadata", this::all);
        config.routes.get("/tools/metadata/{tool}", this::one);
        config.routes.get("/tools/metadata/categories/{category}", this::byCategory);
        config.routes.get("/tools/metadata/mbti/{type}", this::byMbtiType);
        config.routes.get("/tools/health", this::health);
    }

    /**
     * Whether tool metadata can be served: healthy while at least one routed tool is listed by its backend, else 503.
     * Public, as the original's documentation says (its code asked for a token).
     */
    private void health(Context ctx) {
        List<ToolDescription> described = tools.describe();
        // a backend down since start-up has listed nothing: what is described lacks its tools
        List<String> unlisted = tools.registry().listings().stream().map(ToolRegistry.Listing::backend)
                .filter(backend -> !tools.registry().knows(backend)).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", described.isEmpty() ? "unhealthy" : unlisted.isEmpty() ? "healthy" : "degraded");
        if (!unlisted.isEmpty()) {
            body.put("backends_not_listed", unlisted);
        }
        body.put("service", "tool_metadata_service");
        body.put("tools_available", described.size());
        body.put("categories", ToolDescription.categories(described).size());
        body.put("mbti_types_supported", MbtiType.NAMES.size());
        body.put("version", version);
        body.put("last_updated", clock.instant().toString());
        body.put("aggregation", ToolAggregationRoutes.info(tools.registry()));
        ctx.status(described.isEmpty() ? 503 : 200).json(body);
    }

    private void all(Context ctx) {
        JsonResponses.success(ctx, listing(tools.describe(), MbtiType.NAMES));
    }

    private void one(Context ctx) {
        String name = pathParam(ctx, "tool", ToolGuidanceCatalog.TOOL_NAME);
        List<ToolDescription> described = tools.describe();
        ToolDescription tool = described.stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new GatewayException.NotFound("Tool '" + name + "' does not exist",
                        Map.of("available_tools", described.stream().map(ToolDescription::name).toList())));
        JsonResponses.success(ctx, tool.toJson());
    }

    private void byCategory(Context ctx) {
        String category = pathParam(ctx, "category", WORD).toLowerCase(Locale.ROOT);
        List<ToolDescription> described = tools.describe();
        List<ToolDescription> matching = described.stream().filter(d -> d.category().equals(category)).toList();
        if (matching.isEmpty()) {
            throw new GatewayException.NotFound("No tools found for category '" + category + "'",
                    Map.of("available_categories", ToolDescription.categories(described)));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("category", category);
        data.putAll(listing(matching, MbtiType.NAMES));
        JsonResponses.success(ctx, data);
    }

    private void byMbtiType(Context ctx) {
        String given = pathParam(ctx, "type", WORD);
        MbtiType type = MbtiType.parse(given).orElseThrow(() -> new GatewayException.NotFound(
                "MBTI personality type '" + given + "' is not supported", Map.of("supported_types", MbtiType.NAMES)));
        // A valid type no tool has guidance for is an empty answer, not a miss (REFERENCE-SPEC §4.9: ISTP).
        List<ToolDescription> matching = tools.describe().stream().filter(d -> d.covers(type))
                .map(d -> d.narrowedTo(type)).toList();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("personality_type", type.name());
        data.putAll(listing(matching, List.of(type.name())));
        JsonResponses.success(ctx, data);
    }

    private Map<String, Object> listing(List<ToolDescription> described, List<String> mbtiTypes) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("tools", described.stream().map(ToolDescription::toJson).toList());
        data.put("total_tools", described.size());
        data.put("categories", ToolDescription.categories(described));
        data.put("supported_mbti_types", mbtiTypes);
        data.put("version", version);
        // Schemas are read live from the backends, so the metadata is as fresh as this answer.
        data.put("last_updated", clock.instant().toString());
        return data;
    }

    private static String pathParam(Context ctx, String name, Pattern allowed) {
        String value = ctx.pathParam(name);
        if (!allowed.matcher(value).matches()) {
            throw new GatewayException.Validation("INVALID_PATH_PARAMETER",
                    "Path parameter '" + name + "' must match " + allowed.pattern(),
                    Map.of("parameter", name, "pattern", allowed.pattern()));
        }
        return value;
    }
}
