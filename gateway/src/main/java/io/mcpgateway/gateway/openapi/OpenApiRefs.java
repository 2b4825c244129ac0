package io.mcpgateway.gateway.openapi;

import java.util.Map;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** References to the reusable parts of the document ({@code {"$ref": "#/components/<kind>/<name>"}}). */
final class OpenApiRefs {

    private OpenApiRefs() {
    }

    static ObjectNode schema(String name) {
        return ref("schemas", name);
    }

    /** The same reference as {@link #schema}, as a map, for schemas written with {@code JsonSchemas}. */
    static Map<String, Object> schemaAsMap(String name) {
        return Map.of("$ref", target("schemas", name));
    }

    static ObjectNode response(String name) {
        return ref("responses", name);
    }

    static ObjectNode header(String name) {
        return ref("headers", name);
    }

    private static ObjectNode ref(String kind, String name) {
        return JsonNodeFactory.instance.objectNode().put("$ref", target(kind, name));
    }

    private static String target(String kind, String name) {
        return "#/components/" + kind + "/" + name;
    }
}
