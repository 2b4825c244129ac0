package io.mcpgateway.gateway.openapi;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import io.mcpgateway.gateway.config.RouteSettings;
import io.mcpgateway.gateway.toolmeta.BackendTool;
import io.mcpgateway.gateway.toolmeta.ToolGuidanceCatalog;
import io.mcpgateway.gateway.toolmeta.ToolRegistry;
import io.mcpgateway.text.Sha256;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI 3.1 document of the gateway, made from the route table and the tools the backends list now, so it is
 * always in step with what the gateway serves: every route with its tool's live input schema, the success and error
 * envelopes, the bearer JWT scheme, and the public endpoints.
 */
public final class OpenApiDocument {

    public static final String OPENAPI_VERSION = "3.1.0";
    public static final String TITLE = "MCP Tools Gateway";
    public static final String SECURITY_SCHEME = "bearerAuth";

    private final List<RouteSettings> routes;
    private final ToolRegistry registry;
    private final String version;
    private final JsonMapper mapper;
    private final RouteOperation operations;
    private volatile Written last;

    /**
     * A document as served: its JSON (the array itself, which its readers write and never change) and its entity tag,
     * the start of the JSON's SHA-256, so a client that has it is answered 304.
     */
    record Served(byte[] json, String etag) {

        static Served of(byte[] json) {
            // weak: the same document may be sent compressed or not (RFC 9110 §8.8.1)
            return new Served(json, "W/\"" + Sha256.hex(json).substring(0, 32) + "\"");
        }
    }

    /** A document as served, with the routes' tools it was made from. */
    private record Written(List<RouteTool> tools, Served served) {
    }

    /** @param guidance the worked examples of the tools, which become the example request bodies of their routes */
    public OpenApiDocument(List<RouteSettings> routes, ToolRegistry registry, ToolGuidanceCatalog guidance,
            String version, JsonMapper mapper) {
        this.routes = List.copyOf(routes);
        this.registry = Objects.requireNonNull(registry, "registry");
        this.version = Objects.requireNonNull(version, "version");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.operations = new RouteOperation(mapper, guidance);
    }

    /**
     * The document as JSON, made again only when a route's tool is not what it was for the last one: the endpoint is
     * public, and a document with large schemas takes far longer to make than to compare its tools (the registry
     * keeps the same instances while a backend lists a tool unchanged).
     */
    Served served() {
        List<RouteTool> tools = routeTools();
        Written written = last;
        if (written == null || !written.tools().equals(tools)) {
            written = new Written(tools, Served.of(mapper.writeValueAsBytes(build(tools))));
            last = written;
        }
        return written.served();
    }

    /** A new document, with the tools as the registry knows them at this moment. */
    public ObjectNode build() {
        return build(routeTools());
    }

    /** Each route's tool as the registry knows it now, in route order. */
    private List<RouteTool> routeTools() {
        return routes.stream().map(r -> new RouteTool(registry.find(r.backend(), r.tool()),
                registry.whyLeftOut(r.backend(), r.tool()))).toList();
    }

    private ObjectNode build(List<RouteTool> tools) {
        ObjectNode document = mapper.createObjectNode();
        document.put("openapi", OPENAPI_VERSION);
        ObjectNode info = document.putObject("info");
        info.put("title", TITLE);
        info.put("version", version);
        info.put("description", "REST routes to the tools of MCP servers, behind OIDC bearer tokens. Each route calls"
                + " one tool with the request body as its arguments and answers {\"success\": true, \"data\", "
                + "\"metadata\"}; every failure answers the error envelope with its status. Use Authorize with an"
                + " access token from your OIDC provider to try the routes.");
        document.putArray("servers").addObject().put("url", "/").put("description", "This gateway");
        document.set("tags", tags());
        ObjectNode paths = document.putObject("paths");
        addRoutes(paths, tools);
        PublicEndpoints.addTo(paths);
        document.set("components", components());
        return document;
    }

    private void addRoutes(ObjectNode paths, List<RouteTool> tools) {
        Set<String> operationIds = new HashSet<>();
        for (int i = 0; i < routes.size(); i++) {
            RouteSettings route = routes.get(i);
            String path = RouteOperation.openApiPath(route);
            ObjectNode item = paths.has(path) ? (ObjectNode) paths.get(path) : paths.putObject(path);
            item.set(route.method().toLowerCase(Locale.ROOT),
                    operations.of(route, tools.get(i), unique(route, operationIds)));
        }
    }

    /** The tool's name, unless an earlier route calls the same tool. */
    private static String unique(RouteSettings route, Set<String> taken) {
        String id = route.tool();
        for (int n = 2; !taken.add(id); n++) {
            id = route.tool() + "_" + n;
        }
        return id;
    }

    private ArrayNode tags() {
        ArrayNode tags = mapper.createArrayNode();
        Set<String> backends = new LinkedHashSet<>();
        routes.forEach(r -> backends.add(r.backend()));
        backends.forEach(b -> tags.addObject().put("name", b)
                .put("description", "Routes to the tools of backend " + b + "; they need a bearer token."));
        tags.addObject().put("name", PublicEndpoints.HEALTH_TAG).put("description", "Liveness, readiness, backends");
        tags.addObject().put("name", PublicEndpoints.METRICS_TAG).put("description", "Request and backend meters");
        tags.addObject().put("name", PublicEndpoints.TOOLS_TAG).put("description", "The routed tools and schemas");
        tags.addObject().put("name", PublicEndpoints.DOCS_TAG).put("description", "This document and its UI");
        return tags;
    }

    private ObjectNode components() {
        ObjectNode components = mapper.createObjectNode();
        ObjectNode schemas = components.putObject("schemas");
        schemas.set(ErrorComponents.ENVELOPE, ErrorComponents.envelopeSchema());
        schemas.set(RouteOperation.SUCCESS_METADATA, RouteOperation.successMetadataSchema());
        PublicSchemas.all().forEach((name, schema) -> schemas.set(name, mapper.valueToTree(schema)));
        components.set("responses", ErrorComponents.responses());
        components.set("headers", ResponseHeaders.components());
        components.putObject("securitySchemes").putObject(SECURITY_SCHEME)
                .put("type", "http")
                .put("scheme", "bearer")
                .put("bearerFormat", "JWT")
                .put("description", "An access token (or ID token) from the gateway's OIDC issuer, for example"
                        + " Amazon Cognito: Authorization: Bearer <JWT>.");
        return components;
    }
}
