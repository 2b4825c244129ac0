package io.mcpgateway.gateway.openapi;

import java.util.List;

import io.mcpgateway.gateway.auth.AuthCheckRoutes;
import io.mcpgateway.gateway.health.BackendSummaryRoutes;
import io.mcpgateway.gateway.mcp.McpRoutes;
import io.mcpgateway.gateway.metrics.RecentRequestRoutes;
import io.mcpgateway.gateway.toolmeta.ToolAggregationRoutes;
import io.mcpgateway.gateway.toolmeta.ToolListRpcRoutes;
import io.mcpgateway.gateway.toolmeta.ToolPinRoutes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The path items of the gateway's own endpoints, not the route table's: health, metrics, tool metadata, these docs, the
 * service index and the token check.
 */
final class PublicEndpoints {

    static final String HEALTH_TAG = "health";
    static final String METRICS_TAG = "metrics";
    static final String TOOLS_TAG = "tool metadata";
    static final String DOCS_TAG = "documentation";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private PublicEndpoints() {
    }

    /** Adds the public path items to {@code paths}. */
    static void addTo(ObjectNode paths) {
        paths.putObject("/health").set("get", operation("getHealth", HEALTH_TAG, "Health of the gateway and each"
                + " backend", "200 while at least one backend serves or may (healthy or degraded), 503 when none does"
                + " or no token can be verified (the issuer's keys never fetched).",
                responses(json("healthy or degraded", PublicSchemas.HEALTH), "503",
                        json("unhealthy: no backend serves, or no token can be verified", PublicSchemas.HEALTH))));
        paths.putObject("/health/live").set("get", operation("getLiveness", HEALTH_TAG, "Liveness",
                "200 while the process runs.", responses(json("The process runs", PublicSchemas.LIVENESS))));
        paths.putObject("/health/ready").set("get", operation("getReadiness", HEALTH_TAG, "Readiness",
                "200 once the identity provider's keys are fetched, while a backend serves (unless "
                        + "health.ready_needs_backend is false) and the gateway is not draining; otherwise 503 "
                        + "with the reason.",
                responses(json("Ready", PublicSchemas.READINESS), "503", json("Not ready", PublicSchemas.READINESS))));
        paths.putObject("/metrics").set("get", operation("getMetrics", METRICS_TAG, "Metrics as JSON",
                "Requests, authentication and backend calls, with latencies.",
                responses(json("The summary", PublicSchemas.METRICS))));
        paths.putObject("/metrics/prometheus").set("get", operation("getPrometheusMetrics", METRICS_TAG,
                "Metrics for Prometheus", "The same meters in the Prometheus text format, for scrapers.",
                responses(text("The exposition", "text/plain"))));
        paths.putObject(BackendSummaryRoutes.PATH).set("get", operation("getBackendSummary", METRICS_TAG,
                "Backend health summary", "The original's /metrics/mcp: servers, how many are healthy, mean probe"
                        + " latency, and each server's last probe.", responses(jsonObject("The summary"))));
        for (String[] recent : new String[][] {{RecentRequestRoutes.PERFORMANCE_PATH, "getRecentPerformance",
            "Durations of the last requests", "Count, mean, extremes and percentiles, and per route"},
            {RecentRequestRoutes.SECURITY_PATH, "getRecentSecurityEvents", "The last security events",
                "Refused tokens, missing scopes and rate limits, by kind and per route"}}) {
            ObjectNode operation = operation(recent[1], METRICS_TAG, recent[2], recent[3] + ", over the last"
                    + " 'limit' (default 100, at most 1000; 0 or less: none).", responses(jsonObject("The summary"),
                    "400", OpenApiRefs.response(DocumentedError.VALIDATION.componentName())));
            ObjectNode limit = operation.putArray("parameters").addObject().put("name", "limit").put("in", "query")
                    .put("required", false).put("description", "How many of the last requests or events");
            limit.putObject("schema").put("type", "integer").put("default", 100);
            paths.putObject(recent[0]).set("get", operation);
        }
        paths.putObject("/tools/metadata").set("get", operation("listToolMetadata", TOOLS_TAG, "The routed tools",
                "Every tool the REST routes call, with the schemas its backend publishes now.",
                responses(json("The tools", PublicSchemas.TOOL_METADATA_LIST))));
        ObjectNode one = operation("getToolMetadata", TOOLS_TAG, "One routed tool", "One tool by name.",
                responses(json("The tool", PublicSchemas.TOOL_METADATA_ONE), "404",
                        OpenApiRefs.response(DocumentedError.NOT_FOUND.componentName())));
        paths.putObject("/tools/metadata/{tool}").set("get", withPathParameter(one, "tool", "The tool's name"));
        for (String[] filter : new String[][] {
            {"/tools/metadata/categories/{category}", "category", "listToolMetadataByCategory",
                "The routed tools of one category (search, analysis, recommendation)"},
            {"/tools/metadata/mbti/{type}", "type", "listToolMetadataByMbtiType",
                "The routed tools that suit one MBTI personality type"}}) {
            ObjectNode byFilter = operation(filter[2], TOOLS_TAG, filter[3], filter[3] + "; 404 naming the valid"
                    + " values when none matches.", responses(jsonObject("The tools"), "404",
                    OpenApiRefs.response(DocumentedError.NOT_FOUND.componentName())));
            paths.putObject(filter[0]).set("get", withPathParameter(byFilter, filter[1], "Case does not matter"));
        }
        paths.putObject(ToolPinRoutes.PATH).set("get", operation("listToolPins", TOOLS_TAG, "Schema pinning",
                "Each listed tool's definition hash, its pin, changed or pinned, since when, and whether it is held;"
                        + " saved as it is, a pins file that accepts every tool as it is now.",
                responses(jsonObject("The pins"))));
        addProtectedResourceMetadata(paths, McpRoutes.METADATA_PATH, "getProtectedResourceMetadata");
        // RFC 9728 also places it under the resource's path, where MCP clients look first
        addProtectedResourceMetadata(paths, McpRoutes.METADATA_PATH + McpRoutes.PATH,
                "getProtectedResourceMetadataOfMcp");
        paths.putObject("/status").set("get", operation("getStatusPage", HEALTH_TAG, "Operator status page",
                "Backend health, request and error rates, latency and auth failures over the last 10 minutes.",
                responses(text("The page", "text/html"))));
        paths.putObject("/status/data").set("get", operation("getStatusData", HEALTH_TAG, "Status page data",
                "What the status page draws: backend health, request and error rates, latency and auth failures over"
                        + " the last 10 minutes.", responses(jsonObject("The figures"))));
        paths.putObject(OpenApiRoutes.PATH).set("get", operation("getOpenApiDocument", DOCS_TAG,
                "This OpenAPI document", "Made from the route table and the tools the backends list now, and made again"
                        + " when one of them changes; its ETag answers If-None-Match with 304.",
                responses(jsonObject("The OpenAPI 3.1 document"), "304",
                        response("Not modified: If-None-Match names this document"))));
        paths.putObject(DocsRoutes.PATH).set("get", operation("getDocs", DOCS_TAG, "Swagger UI",
                "Interactive documentation of this document, served from the gateway itself.",
                responses(text("The page", "text/html"))));
        ObjectNode redirect = JSON.objectNode();
        redirect.set("301", response("Moved to " + DocsRoutes.PATH + " (the Location header)"));
        paths.putObject(DocsRoutes.REDOC_PATH).set("get", operation("getRedoc", DOCS_TAG, "Old docs address",
                "Where the original served ReDoc: redirects to " + DocsRoutes.PATH + ".", redirect));
        paths.putObject(ServiceIndexRoutes.PATH).set("get", operation("getServiceIndex", DOCS_TAG, "Service index",
                "The service, its version, its endpoints and the REST routes of its route table.",
                responses(jsonObject("The index"))));
        paths.putObject("/tools/health").set("get", operation("getToolsHealth", TOOLS_TAG, "Tool metadata health",
                "200 healthy while every backend has listed its tools (with the counts), degraded (naming"
                        + " backends_not_listed) while one has never listed them; 503 when no routed tool is listed.",
                responses(jsonObject("Healthy or degraded"), "503",
                        jsonObject("Unhealthy: no routed tool is listed"))));
        ObjectNode authTest = operation("testAuthentication", DOCS_TAG, "Check a bearer token",
                "Whom the gateway takes the caller for: subject, username, scopes, groups, token use, client and"
                        + " issuer. Nothing of the token itself is echoed.",
                responses(jsonObject("The token is accepted"), "401",
                        OpenApiRefs.response(DocumentedError.AUTHENTICATION.componentName())));
        paths.putObject(AuthCheckRoutes.PATH).set("get", withToken(authTest));
        paths.putObject(ToolAggregationRoutes.STATUS_PATH).set("get", withToken(operation("getToolAggregation",
                TOOLS_TAG, "How the reading of the backends' tool lists stands", "Each backend: whether its last"
                        + " tools/list answered, how many tools, when it was last asked and last listed.",
                responses(jsonObject("The status"), "401",
                        OpenApiRefs.response(DocumentedError.AUTHENTICATION.componentName())))));
        for (String[] config : new String[][] {{"/config/current", "getCurrentConfig", "The running configuration"},
            {"/config/servers", "listConfiguredServers", "The configured MCP servers"},
            {"/config/servers/{name}", "getConfiguredServer", "One configured MCP server, with its connectivity"},
            {"/config/validate", "validateConfig", "Validity, warnings and each server's connectivity"},
            {"/config/validate/all", "validateConfigForEveryEnvironment",
                "The configuration as read again now, judged for development, staging, production and test"}}) {
            ObjectNode operation = withToken(operation(config[1], HEALTH_TAG, config[2], config[2] + "; no secret is"
                    + " shown (credentials by type, URLs without user information). Needs the scopes"
                    + " auth.admin_scopes names, if any.", responses(jsonObject("It"),
                    "401", OpenApiRefs.response(DocumentedError.AUTHENTICATION.componentName()))));
            ((ObjectNode) operation.get("responses")).set("403",
                    OpenApiRefs.response(DocumentedError.AUTHORIZATION.componentName()));
            if (config[0].endsWith("{name}")) {
                withPathParameter(operation, "name", "The server's (backend's) name");
                ((ObjectNode) operation.get("responses")).set("404",
                        OpenApiRefs.response(DocumentedError.NOT_FOUND.componentName()));
            }
            paths.putObject(config[0]).set("get", operation);
        }
        paths.putObject("/config/reload").set("post", withToken(operation("reloadConfig", HEALTH_TAG,
                "Apply the configuration as read again now", "Reads the file and the environment again; when the"
                        + " configuration changed, starts a gateway with it on the same port and lets this one finish"
                        + " its requests and stop. An invalid configuration (400) or one that cannot be started (500)"
                        + " changes nothing. Needs the scopes auth.admin_scopes names, if any.",
                responses(jsonObject("Reloaded, or unchanged (data.reloaded false)"),
                        "400", OpenApiRefs.response(DocumentedError.VALIDATION.componentName()),
                        "401", OpenApiRefs.response(DocumentedError.AUTHENTICATION.componentName()),
                        "403", OpenApiRefs.response(DocumentedError.AUTHORIZATION.componentName()),
                        "408", OpenApiRefs.response(DocumentedError.REQUEST_TIMEOUT.componentName()),
                        "413", OpenApiRefs.response(DocumentedError.PAYLOAD_TOO_LARGE.componentName()),
                        "415", OpenApiRefs.response(DocumentedError.UNSUPPORTED_MEDIA_TYPE.componentName()),
                        "500", OpenApiRefs.response(DocumentedError.INTERNAL.componentName())))));
        paths.putObject(ToolListRpcRoutes.PATH).set("post", withToken(operation("listToolsJsonRpc", TOOLS_TAG,
                "The routed tools as a JSON-RPC tools/list result", "The original's catalogue view: each routed tool"
                        + " with its input schema and its /tools/metadata under _meta. Every JSON-RPC answer, errors"
                        + " included (-32700, -32600, -32601), is HTTP 200.",
                responses(jsonObject("The JSON-RPC answer"), "401",
                        OpenApiRefs.response(DocumentedError.AUTHENTICATION.componentName())))));
        paths.putObject(ToolAggregationRoutes.REFRESH_PATH).set("post", withToken(operation("refreshToolAggregation",
                TOOLS_TAG, "Read the backends' tool lists again", "Asks every backend not asked within the last few"
                        + " seconds, then answers the status.",
                responses(jsonObject("Refreshed"),
                        "400", OpenApiRefs.response(DocumentedError.VALIDATION.componentName()),
                        "401", OpenApiRefs.response(DocumentedError.AUTHENTICATION.componentName()),
                        "408", OpenApiRefs.response(DocumentedError.REQUEST_TIMEOUT.componentName()),
                        "413", OpenApiRefs.response(DocumentedError.PAYLOAD_TOO_LARGE.componentName()),
                        "415", OpenApiRefs.response(DocumentedError.UNSUPPORTED_MEDIA_TYPE.componentName())))));
    }

    private static void addProtectedResourceMetadata(ObjectNode paths, String path, String operationId) {
        paths.putObject(path).set("get", operation(operationId, DOCS_TAG,
                "OAuth protected resource metadata (RFC 9728)", "The gateway's MCP endpoint as a protected resource"
                        + " and its authorization server, under " + McpRoutes.METADATA_PATH + " and "
                        + McpRoutes.METADATA_PATH + McpRoutes.PATH + ". The MCP endpoint itself (POST "
                        + McpRoutes.PATH + ") speaks JSON-RPC and describes its tools with tools/list. Named by the"
                        + " request's Host unless mcp.resource_url is set: a Host the MCP endpoint does not accept is"
                        + " refused.", responses(jsonObject("The metadata"), "421",
                        OpenApiRefs.response(DocumentedError.MISDIRECTED.componentName()))));
    }

    /** The operation, taking a required string parameter from its path. */
    private static ObjectNode withPathParameter(ObjectNode operation, String name, String description) {
        ObjectNode parameter = operation.putArray("parameters").addObject().put("name", name).put("in", "path")
                .put("required", true).put("description", description);
        parameter.putObject("schema").put("type", "string");
        return operation;
    }

    private static ObjectNode withToken(ObjectNode operation) {
        operation.putArray("security").addObject().putArray(OpenApiDocument.SECURITY_SCHEME);
        return operation;
    }

    private static ObjectNode operation(String id, String tag, String summary, String description,
            ObjectNode responses) {
        ObjectNode operation = JSON.objectNode().put("operationId", id).put("summary", summary)
                .put("description", description);
        operation.putArray("tags").add(tag);
        operation.set("responses", responses);
        return operation;
    }

    private static ObjectNode responses(ObjectNode ok) {
        ObjectNode responses = JSON.objectNode();
        responses.set("200", ok);
        return responses;
    }

    /** @param others pairs of a status and its response */
    private static ObjectNode responses(ObjectNode ok, Object... others) {
        ObjectNode responses = responses(ok);
        for (int i = 0; i < others.length; i += 2) {
            responses.set((String) others[i], (JsonNode) others[i + 1]);
        }
        return responses;
    }

    private static ObjectNode json(String description, String schema) {
        ObjectNode response = response(description);
        response.putObject("content").putObject("application/json").set("schema", OpenApiRefs.schema(schema));
        return response;
    }

    private static ObjectNode jsonObject(String description) {
        ObjectNode response = response(description);
        response.putObject("content").putObject("application/json").putObject("schema").put("type", "object");
        return response;
    }

    private static ObjectNode text(String description, String mediaType) {
        ObjectNode response = response(description);
        response.putObject("content").putObject(mediaType).putObject("schema").put("type", "string");
        return response;
    }

    private static ObjectNode response(String description) {
        ObjectNode response = JSON.objectNode().put("description", description);
        response.set("headers", ResponseHeaders.of(List.of()));
        return response;
    }
}
