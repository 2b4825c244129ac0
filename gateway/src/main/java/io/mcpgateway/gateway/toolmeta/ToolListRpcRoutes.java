package io.mcpgateway.gateway.toolmeta;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.mcpgateway.gateway.auth.BearerAuthenticator;
import io.mcpgateway.gateway.auth.Caller;
import io.mcpgateway.gateway.error.GatewayException;
import io.mcpgateway.gateway.http.JsonBodyReader;
import io.mcpgateway.gateway.mcp.JsonRpc;

/**
 * {@code POST /tools/mcp/tools/list} (REFERENCE-SPEC §4.9): the routed tools as a JSON-RPC {@code tools/list} result,
 * each with the metadata of {@code /tools/metadata} under {@code _meta}, those the caller's scopes allow (as
 * {@code /mcp} lists them). HTTP 200 for every JSON-RPC answer, errors
 * included, as in the original; behind a token. {@code POST /mcp} is the full MCP endpoint; this is the original's
 * catalogue view of it.
 */
public final class ToolListRpcRoutes {

    public static final String PATH = "/tools/mcp/tools/list";

    private static final List<String> META_FIELDS = List.of("category", "display_name", "purpose", "endpoint",
            "http_method", "authentication_required", "average_response_time_ms", "success_rate_percentage",
            "mbti_integration", "use_cases", "examples");

    private final RoutedTools tools;
    private final BearerAuthenticator authenticator;
    private final JsonBodyReader bodies;
    private final String version;
    private final Clock clock;

    ToolListRpcRoutes(RoutedTools tools, BearerAuthenticator authenticator, JsonBodyReader bodies, String version,
            Clock clock) {
        this.tools = Objects.requireNonNull(tools, "tools");
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.bodies = Objects.requireNonNull(bodies, "bodies");
        this.version = Objects.requireNonNull(version, "version");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void register(JavalinConfig config) {
        config.routes.post(PATH, this::list);
    }

    private void list(Context ctx) {
        Caller caller = authenticator.authenticate(ctx);
        Map<String, Object> request;
        try {
            request = bodies.readObject(ctx);
        } catch (GatewayException.Validation e) {
            ctx.json(JsonRpc.unreadableBody(e));
            return;
        }
        Object id = request.get("id");
        Object jsonrpc = request.get("jsonrpc");
        if (id != null && !JsonRpc.isId(id)) {
            // not echoed: an object or a fraction as id could not be matched to its request
            ctx.json(JsonRpc.invalidRequest(null, JsonRpc.ID_PROBLEM));
        } else if (!"2.0".equals(jsonrpc)) {
            ctx.json(JsonRpc.error(id, JsonRpc.INVALID_REQUEST, "Invalid Request", data("InvalidJSONRPCVersion",
                    "expected", "2.0", "received", jsonrpc)));
        } else if (!"tools/list".equals(request.get("method"))) {
            ctx.json(JsonRpc.error(id, JsonRpc.METHOD_NOT_FOUND, "Method not found", data("MethodNotFound",
                    "expected", "tools/list", "received", request.get("method"))));
        } else {
            // a held tool is not handed to agents: its description is the one nobody accepted (as on /mcp); a tool
            // whose route needs scopes the caller lacks is not shown either (as on /mcp)
            ctx.json(JsonRpc.result(id, result(tools.describe().stream()
                    .filter(d -> !tools.registry().pins().isHeld(d.tool()))
                    .filter(d -> d.route().requiredScopes().stream().allMatch(caller::holds)).toList())));
        }
    }

    private Map<String, Object> result(List<ToolDescription> described) {
        List<Map<String, Object>> listed = described.stream().map(ToolListRpcRoutes::tool).toList();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("gateway_version", version);
        meta.put("total_tools", listed.size());
        meta.put("categories", ToolDescription.categories(described));
        meta.put("supported_mbti_types", MbtiType.NAMES);
        meta.put("last_updated", clock.instant().toString());
        meta.put("schema_sources", described.stream().map(d -> d.tool().backend()).distinct().toList());
        meta.put("aggregation_timestamp", clock.instant().toString()); // listed live, so as fresh as this answer
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("tools", listed);
        result.put("_meta", meta);
        return result;
    }

    private static Map<String, Object> tool(ToolDescription description) {
        Map<String, Object> metadata = description.toJson();
        Map<String, Object> meta = new LinkedHashMap<>();
        META_FIELDS.forEach(field -> meta.put(field, metadata.get(field)));
        Map<String, Object> tool = new LinkedHashMap<>();
        tool.put("name", description.name());
        tool.put("description", description.tool().description());
        tool.put("inputSchema", description.tool().inputSchema());
        tool.put("_meta", meta);
        return tool;
    }

    private static Map<String, Object> data(String errorType, String expectedKey, Object expected, String receivedKey,
            Object received) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("error_type", errorType);
        data.put(expectedKey, expected);
        data.put(receivedKey, received);
        return data;
    }
}
