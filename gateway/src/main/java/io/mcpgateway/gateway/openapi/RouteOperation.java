package io.mcpgateway.gateway.openapi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mcpgateway.gateway.config.RouteSettings;
import io.mcpgateway.gateway.toolmeta.BackendTool;
import io.mcpgateway.gateway.toolmeta.ToolExample;
import io.mcpgateway.gateway.toolmeta.ToolGuidance;
import io.mcpgateway.gateway.toolmeta.ToolGuidanceCatalog;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The operation of one route of the route table, as RestRoutes serves it: bearer token, the tool's live input schema
 * as the request body, the success envelope around the tool's output {@code data}, and every failure the route can
 * answer.
 */
final class RouteOperation {

    static final String SUCCESS_METADATA = "SuccessMetadata";

    /** Javalin writes path parameters as {name} or &lt;name&gt;; OpenAPI only as {name}. */
    private static final Pattern PATH_PARAMETER = Pattern.compile("[{<]([^}>/]+)[}>]");

    private final JsonMapper mapper;
    private final ToolGuidanceCatalog guidance;

    RouteOperation(JsonMapper mapper, ToolGuidanceCatalog guidance) {
        this.mapper = mapper;
        this.guidance = Objects.requireNonNull(guidance, "guidance");
    }

    /** The route's path in OpenAPI's template syntax. */
    static String openApiPath(RouteSettings route) {
        return PATH_PARAMETER.matcher(route.path()).replaceAll("{$1}");
    }

    /** RestRoutes reads a body for every method but GET. */
    static boolean takesBody(RouteSettings route) {
        return !route.method().equalsIgnoreCase("GET");
    }

    ObjectNode of(RouteSettings route, RouteTool routeTool, String operationId) {
        Optional<BackendTool> tool = routeTool.listed();
        ObjectNode operation = JsonNodeFactory.instance.objectNode();
        operation.put("operationId", operationId);
        operation.put("summary", tool.map(BackendTool::title).orElse(route.tool()));
        operation.put("description", description(route, routeTool));
        operation.putArray("tags").add(route.backend());
        operation.putArray("security").addObject().set(OpenApiDocument.SECURITY_SCHEME,
                mapper.valueToTree(route.requiredScopes()));
        operation.set("parameters", parameters(route));
        if (takesBody(route)) {
            operation.set("requestBody", requestBody(route, tool));
        }
        operation.set("responses", responses(route, tool));
        ObjectNode origin = operation.putObject("x-mcp-tool");
        origin.put("backend", route.backend()).put("tool", route.tool()).put("listed", tool.isPresent());
        routeTool.leftOutBecause().ifPresent(reason -> origin.put("left_out", reason));
        return operation;
    }

    private static String description(RouteSettings route, RouteTool routeTool) {
        Optional<BackendTool> tool = routeTool.listed();
        String what = tool.map(BackendTool::description).filter(d -> !d.isBlank()).orElse("");
        String calls = "Calls the MCP tool `" + route.tool() + "` of backend `" + route.backend() + "`"
                + (takesBody(route) ? " with the request body as its arguments." : " without arguments.");
        String scopes = route.requiredScopes().isEmpty() ? " Any caller with a valid bearer token may call it."
                : " The token needs the scopes (or groups) " + String.join(", ", route.requiredScopes()) + ".";
        String listed = tool.isPresent() ? "" : routeTool.leftOutBecause().map(reason -> "\n\nThe backend lists this"
                        + " tool in a form the gateway cannot serve (" + reason + "), so calls are answered 503"
                        + " TOOL_NOT_SERVABLE until it lists it otherwise.")
                .orElse("\n\nThe backend has not listed this tool yet (it may be starting or down), so its input"
                        + " schema is not known; reload this document when it is up.");
        return (what.isEmpty() ? "" : what + "\n\n") + calls + scopes + listed;
    }

    private static ArrayNode parameters(RouteSettings route) {
        ArrayNode parameters = JsonNodeFactory.instance.arrayNode();
        Matcher names = PATH_PARAMETER.matcher(route.path());
        while (names.find()) {
            ObjectNode parameter = parameters.addObject().put("name", names.group(1)).put("in", "path")
                    .put("required", true);
            parameter.putObject("schema").put("type", "string");
        }
        ObjectNode debug = parameters.addObject().put("name", "X-Debug").put("in", "header").put("required", false)
                .put("description", "true adds metadata.debug to the answer: backend and gateway milliseconds, and"
                        + " the caller the token names.");
        debug.putObject("schema").put("type", "string").putArray("enum").add("true");
        return parameters;
    }

    private ObjectNode requestBody(RouteSettings route, Optional<BackendTool> tool) {
        JsonNode schema = tool.<JsonNode>map(t -> openToUndeclaredFields(LocalRefs.inlined(mapper.valueToTree(
                        t.inputSchema()))))
                .orElseGet(() -> JsonNodeFactory.instance.objectNode().put("type", "object"));
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("description", "The arguments of `" + route.tool() + "`, checked against its input schema before"
                + " the backend is called. Fields the tool does not declare are ignored, as the original API's were,"
                + " but for one that looks like a slip of a declared field the body lacks (400).");
        body.put("required", true);
        ObjectNode json = body.putObject("content").putObject("application/json");
        json.set("schema", schema);
        List<ToolExample> worked = guidance.find(route.tool()).map(ToolGuidance::examples).orElse(List.of());
        if (worked.isEmpty()) {
            json.set("example", SchemaExample.of(schema));
        } else {
            // the tool's worked examples, which /tools/metadata shows too: one made from the schema alone may be
            // refused by the tool (a recommendation from restaurants without a single vote), so "Try it out" failed
            ObjectNode examples = json.putObject("examples");
            for (int i = 0; i < worked.size(); i++) {
                ToolExample example = worked.get(i);
                examples.putObject("example-" + (i + 1)).put("summary", example.title())
                        .put("description", example.description()).set("value", mapper.valueToTree(example.input()));
            }
        }
        return body;
    }

    /**
     * The input schema as a route applies it: a body's fields the schema does not declare are left out before the check
     * (ToolInputValidator), so what the schema says of other fields does not apply to a route's body.
     */
    private static JsonNode openToUndeclaredFields(JsonNode schema) {
        if (schema instanceof ObjectNode object && object.path("properties").isObject()) {
            object.remove(List.of("additionalProperties", "patternProperties"));
        }
        return schema;
    }

    private ObjectNode responses(RouteSettings route, Optional<BackendTool> tool) {
        ObjectNode responses = JsonNodeFactory.instance.objectNode();
        ObjectNode ok = responses.putObject("200");
        ok.put("description", "The tool's result in the success envelope.");
        ok.set("headers", ResponseHeaders.of(ResponseHeaders.RATE_LIMITS));
        ok.putObject("content").putObject("application/json").set("schema", successSchema(tool));
        for (DocumentedError error : DocumentedError.OF_ROUTES) {
            if (takesBody(route) || !DocumentedError.OF_BODIES.contains(error)) {
                responses.set(Integer.toString(error.status()), OpenApiRefs.response(error.componentName()));
            }
        }
        return responses;
    }

    private ObjectNode successSchema(Optional<BackendTool> tool) {
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
        schema.putArray("required").add("success").add("data").add("metadata");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("success").put("type", "boolean").put("const", true);
        properties.set("data", dataSchema(tool));
        properties.set("metadata", OpenApiRefs.schema(SUCCESS_METADATA));
        return schema;
    }

    /** The {@code data} of the tool's published output envelope; any value when it publishes none. */
    private JsonNode dataSchema(Optional<BackendTool> tool) {
        JsonNode data = tool.map(t -> t.definition().get("outputSchema"))
                .<JsonNode>map(output -> LocalRefs.inlined(mapper.valueToTree(output)))
                .map(output -> output.path("properties").path("data"))
                .filter(JsonNode::isObject)
                .orElse(null);
        return data != null ? data.deepCopy()
                : JsonNodeFactory.instance.objectNode().put("description", "The tool's structured result.");
    }

    /** The {@code SuccessMetadata} schema: what the gateway adds to every success. */
    static ObjectNode successMetadataSchema() {
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
        schema.putArray("required").add("request_id").add("timestamp").add("processing_time_ms").add("backend")
                .add("tool");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("request_id").put("type", "string").put("description", "As in X-Request-ID.");
        properties.putObject("timestamp").put("type", "string").put("format", "date-time");
        properties.putObject("processing_time_ms").put("type", "number")
                .put("description", "Time in the gateway until the answer was ready, backend call included.");
        properties.putObject("backend").put("type", "string").put("description", "The backend that answered.");
        properties.putObject("tool").put("type", "string").put("description", "The tool it called.");
        ObjectNode debug = properties.putObject("debug").put("type", "object")
                .put("description", "Only with X-Debug: true.");
        ObjectNode debugProperties = debug.putObject("properties");
        debugProperties.putObject("backend_ms").put("type", "number");
        debugProperties.putObject("gateway_ms").put("type", "number");
        debugProperties.putObject("caller").put("type", "string");
        return schema;
    }
}
