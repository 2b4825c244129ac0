package io.mcpgateway.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mcpgateway.text.Spaces;

/**
 * Small builders for the JSON Schema documents tools publish (draft 2020-12 keywords), so schemas read as what they
 * say rather than as nested map literals.
 */
public final class JsonSchemas {

    private JsonSchemas() {
    }

    /** An object with exactly these properties (no others allowed) and these required ones. */
    public static Map<String, Object> closedObject(Map<String, Object> properties, List<String> required) {
        Map<String, Object> schema = object(properties, required);
        schema.put("additionalProperties", false);
        return schema;
    }

    /** An object with these properties and these required ones; others are allowed. */
    public static Map<String, Object> object(Map<String, Object> properties, List<String> required) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        return schema;
    }

    /**
     * The same schema, also allowing {@code null}: an optional argument a caller may send as null to mean "not given",
     * as Python's {@code Optional[...] = None} parameters publish it.
     */
    public static Map<String, Object> orNull(Map<String, Object> schema) {
        Map<String, Object> nullable = new LinkedHashMap<>(schema);
        nullable.put("type", List.of(schema.get("type"), "null"));
        if (schema.get("enum") instanceof List<?> values) {
            List<Object> withNull = new ArrayList<>(values);
            withNull.add(null); // enum applies to null too
            nullable.put("enum", withNull);
        }
        return nullable;
    }

    /** Properties in declaration order, from name/schema pairs. */
    public static Map<String, Object> properties(Object... namesAndSchemas) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (int i = 0; i < namesAndSchemas.length; i += 2) {
            properties.put((String) namesAndSchemas[i], namesAndSchemas[i + 1]);
        }
        return properties;
    }

    public static Map<String, Object> string(String description) {
        return described(Map.of("type", "string"), description);
    }

    public static Map<String, Object> string(int minLength, int maxLength, String description) {
        return described(Map.of("type", "string", "minLength", minLength, "maxLength", maxLength), description);
    }

    /** A string of at most {@code maxLength} characters with one that is no space ({@link Spaces#isBlank}). */
    public static Map<String, Object> nonBlankString(int maxLength, String description) {
        return described(Map.of("type", "string", "minLength", 1, "maxLength", maxLength, "pattern",
                Spaces.NOT_BLANK_PATTERN), description);
    }

    public static Map<String, Object> enumeration(List<String> values, String description) {
        return described(Map.of("type", "string", "enum", values), description);
    }

    public static Map<String, Object> integer(long minimum, long maximum, String description) {
        return described(Map.of("type", "integer", "minimum", minimum, "maximum", maximum), description);
    }

    public static Map<String, Object> integer(long minimum, String description) {
        return described(Map.of("type", "integer", "minimum", minimum), description);
    }

    public static Map<String, Object> number(String description) {
        return described(Map.of("type", "number"), description);
    }

    public static Map<String, Object> bool(String description) {
        return described(Map.of("type", "boolean"), description);
    }

    public static Map<String, Object> array(Map<String, Object> items, int minItems, int maxItems, String description) {
        return described(Map.of("type", "array", "items", items, "minItems", minItems, "maxItems", maxItems),
                description);
    }

    public static Map<String, Object> array(Map<String, Object> items, String description) {
        return described(Map.of("type", "array", "items", items), description);
    }

    /** A map from names to values of one schema. */
    public static Map<String, Object> mapOf(Map<String, Object> values, String description) {
        return described(Map.of("type", "object", "additionalProperties", values), description);
    }

    private static Map<String, Object> described(Map<String, Object> base, String description) {
        Map<String, Object> schema = new LinkedHashMap<>(base);
        if (description != null) {
            schema.put("description", description);
        }
        return schema;
    }
}
