package io.mcpgateway.gateway.openapi;

import static io.mcpgateway.json.JsonSchemas.array;
import static io.mcpgateway.json.JsonSchemas.bool;
import static io.mcpgateway.json.JsonSchemas.enumeration;
import static io.mcpgateway.json.JsonSchemas.integer;
import static io.mcpgateway.json.JsonSchemas.mapOf;
import static io.mcpgateway.json.JsonSchemas.number;
import static io.mcpgateway.json.JsonSchemas.object;
import static io.mcpgateway.json.JsonSchemas.properties;
import static io.mcpgateway.json.JsonSchemas.string;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.mcpgateway.gateway.health.BackendState;
import io.mcpgateway.gateway.metrics.RequestOutcome;

/**
 * Schemas of what the public endpoints answer (HealthRoutes, MetricsRoutes, ToolMetadataRoutes), for
 * {@code components/schemas}. OpenApiIntegrationTest checks live answers against them.
 */
final class PublicSchemas {

    static final String HEALTH = "HealthReport";
    static final String BACKEND_HEALTH = "BackendHealth";
    static final String LIVENESS = "Liveness";
    static final String READINESS = "Readiness";
    static final String METRICS = "MetricsSummary";
    static final String TOOL_METADATA = "ToolMetadata";
    static final String TOOL_METADATA_LIST = "ToolMetadataList";
    static final String TOOL_METADATA_ONE = "ToolMetadataOne";

    private PublicSchemas() {
    }

    static Map<String, Object> all() {
        Map<String, Object> schemas = new LinkedHashMap<>();
        schemas.put(HEALTH, health());
        schemas.put(BACKEND_HEALTH, backendHealth());
        schemas.put(LIVENESS, object(properties("status", enumeration(List.of("alive"), "The process runs")),
                List.of("status")));
        schemas.put(READINESS, object(properties("status", enumeration(List.of("ready", "not_ready", "draining"),
                "ready once the identity provider's keys are fetched and while a backend serves (200); otherwise"
                        + " not_ready, or draining while the instance stops (503)"), "reason",
                string("Why it is not ready (with not_ready)")),
                List.of("status")));
        schemas.put(METRICS, metrics());
        schemas.put(TOOL_METADATA, toolMetadata());
        schemas.put(TOOL_METADATA_LIST, success(object(properties(
                "tools", array(OpenApiRefs.schemaAsMap(TOOL_METADATA), "The tools the routes call, in route order"),
                "total_tools", integer(0, "How many tools"),
                "categories", array(Map.of("type", "string"), "Their categories")),
                List.of("tools", "total_tools", "categories"))));
        schemas.put(TOOL_METADATA_ONE, success(OpenApiRefs.schemaAsMap(TOOL_METADATA)));
        return schemas;
    }

    private static Map<String, Object> health() {
        List<String> names = List.of("status", "service", "version", "timestamp", "uptime_seconds", "backends");
        return object(properties(
                "status", enumeration(List.of("healthy", "degraded", "unhealthy"), "healthy: every backend serves;"
                        + " degraded: some do, or are not probed yet; unhealthy: none does (then the status is 503)"),
                "service", string("The service name"),
                "version", string("The gateway's version"),
                "timestamp", dateTime(),
                "uptime_seconds", integer(0, "Seconds since start"),
                "backends", mapOf(OpenApiRefs.schemaAsMap(BACKEND_HEALTH), "Each backend by name")), names);
    }

    private static Map<String, Object> backendHealth() {
        return object(properties(
                "status", enumeration(List.of(BackendState.HEALTHY, BackendState.UNHEALTHY, BackendState.UNKNOWN,
                        "disabled"), "What the last probe found; unknown before the first; disabled for a backend"
                        + " out of service by configuration (backends[].enabled: false), whose entry has nothing else"),
                "serving", bool("Whether it counts as serving, for the overall status and readiness: its last probe"
                        + " found it healthy and its circuit breaker is not open (half_open lets trial calls through)"),
                "last_check", nullable("string", "When it was last probed"),
                "latency_ms", nullable("number", "How long the last probe took"),
                "last_error", nullable("string", "Why the last probe failed"),
                "consecutive_failures", integer(0, "Failed probes in a row"),
                "circuit_breaker", enumeration(List.of("closed", "open", "half_open"), "Its circuit breaker: open"
                        + " refuses every call, half_open lets a few trial calls through"),
                "reports", string("degraded when the backend serves but its own health page says it is degraded"
                        + " (absent otherwise)")),
                List.of("status")); // a disabled backend's entry has its status alone
    }

    private static Map<String, Object> metrics() {
        Map<String, Object> endpoint = object(properties("method", string(null), "route", string(null),
                "status", integer(100, 599, null), "outcome", enumeration(Stream.of(RequestOutcome.values())
                        .map(RequestOutcome::label).toList(), "What the requests stand for: by their status, or for"
                        + " MCP tool calls the gateway failed inside a 200, by that failure's; unavailable for a health"
                        + " probe's 503 (the verdict it asked for, no error)"), "count", integer(0, null),
                "mean_ms", number(null), "max_ms", number(null)), List.of("method", "route", "status", "outcome",
                "count"));
        Map<String, Object> backendCall = object(properties("backend", string(null), "tool", string(null),
                "outcome", string("success, tool_error, or why the call failed"), "count", integer(0, null),
                "mean_ms", number(null), "max_ms", number(null)), List.of("backend", "tool", "outcome", "count"));
        return object(properties(
                "service", string(null),
                "version", string(null),
                "timestamp", dateTime(),
                "uptime_seconds", integer(0, null),
                "latency_window_seconds", integer(0, "The window of max_ms and the percentiles, begun afresh"
                        + " that often (0 when nothing came in it); counts and mean_ms go back to the start"),
                "requests", object(properties("total", integer(0, null), "errors",
                        integer(0, "Requests of outcome client_error or server_error"),
                        "by_endpoint", array(endpoint, "Per method, route, status and outcome, with latency"
                                + " percentiles (p50_ms, p90_ms, p99_ms)")), List.of("total", "errors", "by_endpoint")),
                "auth", object(properties("successes", integer(0, null), "failures", integer(0, null),
                        "failures_by_reason", mapOf(integer(0, null), "Failures per reason")),
                        List.of("successes", "failures", "failures_by_reason")),
                "backends", array(backendCall, "Backend calls per tool and outcome")),
                List.of("service", "version", "timestamp", "uptime_seconds", "requests", "auth", "backends"));
    }

    private static Map<String, Object> toolMetadata() {
        return object(properties(
                "name", string("The tool's name on its backend"),
                "display_name", string("Its title"),
                "category", string("Its category"),
                "description", string("What it does, for people and LLMs"),
                "backend", string("The backend that offers it"),
                "endpoint", nullable("string", "The REST route that calls it"),
                "http_method", nullable("string", "The method of that route"),
                "authentication_required", bool("Whether the route needs a bearer token"),
                "required_scopes", array(Map.of("type", "string"), "Scopes the route needs"),
                "parameters", object(Map.of(), List.of()),
                "response_schema", nullable("object", "The tool's published output schema"),
                "average_response_time_ms", nullable("number", "Mean time of its calls since start; null before"
                        + " the first"),
                "success_rate_percentage", nullable("number", "Share of its calls the tool answered (its own"
                        + " errors included) since start; null before the first"),
                "input_schema", object(Map.of(), List.of()),
                "output_schema", nullable("object", "The tool's published output schema"),
                "annotations", nullable("object", "The tool's MCP annotations")),
                List.of("name", "description", "backend", "input_schema"));
    }

    private static Map<String, Object> success(Map<String, Object> data) {
        return object(properties("success", Map.of("type", "boolean", "const", true), "data", data),
                List.of("success", "data"));
    }

    private static Map<String, Object> dateTime() {
        return Map.of("type", "string", "format", "date-time");
    }

    private static Map<String, Object> nullable(String type, String description) {
        return Map.of("type", List.of(type, "null"), "description", description);
    }
}
