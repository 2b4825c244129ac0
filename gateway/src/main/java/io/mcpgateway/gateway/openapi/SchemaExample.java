package io.mcpgateway.gateway.openapi;

import java.util.LinkedHashSet;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An example value for a JSON Schema, for the example request bodies of the document. The schema's own
 * {@code examples}, {@code const}, {@code default} or first {@code enum} value wins; otherwise the value is made from
 * the type within the schema's bounds: objects get their required properties (all of them when none is required),
 * arrays their minimum number of items (at least one), strings the word "string", numbers the value nearest 0.
 */
final class SchemaExample {

    /** Self-referencing or very deep schemas stop here with null. */
    private static final int MAX_DEPTH = 12;
    private static final int MAX_ARRAY_ITEMS = 3;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SchemaExample() {
    }

    static JsonNode of(JsonNode schema) {
        return value(schema, 0);
    }

    private static JsonNode value(JsonNode schema, int depth) {
        if (depth > MAX_DEPTH || !schema.isObject()) {
            return JSON.nullNode();
        }
        if (schema.path("examples").isArray() && !schema.path("examples").isEmpty()) {
            return schema.path("examples").get(0);
        }
        for (String given : new String[] {"const", "default"}) {
            if (schema.has(given)) {
                return schema.get(given);
            }
        }
        if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
            return schema.path("enum").get(0);
        }
        return switch (type(schema)) {
            case "object" -> object(schema, depth);
            case "array" -> array(schema, depth);
            case "string" -> string(schema);
            case "integer" -> JSON.numberNode((long) nearestZero(schema));
            case "number" -> JSON.numberNode(nearestZero(schema));
            case "boolean" -> JSON.booleanNode(true);
            case "choice" -> value(firstChoice(schema), depth + 1);
            default -> JSON.nullNode();
        };
    }

    /** The schema's type; without one, what its keywords imply. */
    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isString()) {
            return type.asString();
        }
        for (JsonNode each : type) {
            if (!"null".equals(each.asString())) {
                return each.asString();
            }
        }
        if (schema.has("properties")) {
            return "object";
        }
        if (schema.has("items")) {
            return "array";
        }
        return firstChoice(schema).isMissingNode() ? "null" : "choice";
    }

    private static JsonNode firstChoice(JsonNode schema) {
        for (String keyword : new String[] {"oneOf", "anyOf", "allOf"}) {
            if (schema.path(keyword).isArray() && !schema.path(keyword).isEmpty()) {
                return schema.path(keyword).get(0);
            }
        }
        return MissingNode.getInstance();
    }

    private static ObjectNode object(JsonNode schema, int depth) {
        Set<String> names = new LinkedHashSet<>();
        schema.path("required").forEach(name -> names.add(name.asString()));
        // "give at least one of these" is said with anyOf/oneOf of required lists: satisfy the first.
        firstChoice(schema).path("required").forEach(name -> names.add(name.asString()));
        if (names.isEmpty()) {
            names.addAll(schema.path("properties").propertyNames());
        }
        ObjectNode example = JSON.objectNode();
        for (String name : names) {
            example.set(name, value(schema.path("properties").path(name), depth + 1));
        }
        return example;
    }

    private static ArrayNode array(JsonNode schema, int depth) {
        int count = Math.min(MAX_ARRAY_ITEMS, Math.max(1, schema.path("minItems").asInt(1)));
        ArrayNode example = JSON.arrayNode();
        for (int i = 0; i < count; i++) {
            example.add(value(schema.path("items"), depth + 1));
        }
        return example;
    }

    private static JsonNode string(JsonNode schema) {
        if ("date-time".equals(schema.path("format").asString(""))) {
            return JSON.stringNode("2025-01-01T12:00:00Z");
        }
        String word = "string".repeat(1 + schema.path("minLength").asInt(0) / "string".length());
        return JSON.stringNode(word.substring(0, Math.min(word.length(), schema.path("maxLength").asInt(word.length()))));
    }

    private static double nearestZero(JsonNode schema) {
        double value = 0;
        if (schema.path("minimum").isNumber() && schema.path("minimum").asDouble() > value) {
            value = schema.path("minimum").asDouble();
        }
        if (schema.path("maximum").isNumber() && schema.path("maximum").asDouble() < value) {
            value = schema.path("maximum").asDouble();
        }
        return value;
    }
}
