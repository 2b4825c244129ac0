package io.mcpgateway.gateway.toolmeta;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code parameters} of a {@code /tools/metadata} entry (REFERENCE-SPEC §4.9): each property of the tool's live
 * input schema in the original's flat form (type, description, required, and default, enum, min_items, max_items,
 * pattern and example where the schema has them; an array's enum and pattern are its items').
 */
final class ToolParameters {

    private ToolParameters() {
    }

    static Map<String, Object> of(Map<String, Object> inputSchema) {
        List<?> required = inputSchema.get("required") instanceof List<?> names ? names : List.of();
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (inputSchema.get("properties") instanceof Map<?, ?> properties) {
            properties.forEach((name, schema) -> {
                if (schema instanceof Map<?, ?> property) {
                    parameters.put(String.valueOf(name), parameter(property, required.contains(name)));
                }
            });
        }
        return parameters;
    }

    private static Map<String, Object> parameter(Map<?, ?> property, boolean required) {
        Map<?, ?> items = property.get("items") instanceof Map<?, ?> map ? map : Map.of();
        Map<String, Object> parameter = new LinkedHashMap<>();
        // the original's form has one type; a schema's ["integer", "null"] becomes "integer" and nullable: true
        Object type = property.get("type");
        boolean nullable = type instanceof List<?> types && types.contains("null");
        parameter.put("type", type instanceof List<?> types
                ? types.stream().<Object>map(t -> t).filter(t -> !"null".equals(t)).findFirst().orElse("null") : type);
        parameter.put("description", property.get("description"));
        parameter.put("required", required);
        if (nullable) {
            parameter.put("nullable", true);
        }
        putIfPresent(parameter, "default", property.get("default"));
        Object values = firstPresent(property.get("enum"), items.get("enum"));
        putIfPresent(parameter, "enum", values instanceof List<?> list
                ? list.stream().filter(Objects::nonNull).toList() : values);
        putIfPresent(parameter, "min_items", property.get("minItems"));
        putIfPresent(parameter, "max_items", property.get("maxItems"));
        putIfPresent(parameter, "pattern", firstPresent(property.get("pattern"), items.get("pattern")));
        if (property.get("examples") instanceof List<?> examples && !examples.isEmpty()) {
            parameter.put("example", examples.get(0));
        }
        return parameter;
    }

    private static Object firstPresent(Object first, Object second) {
        return first != null ? first : second;
    }

    private static void putIfPresent(Map<String, Object> parameter, String key, Object value) {
        if (value != null) {
            parameter.put(key, value);
        }
    }
}
