package io.mcpgateway.gateway.routes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The arguments of a {@code GET} route, from its query: {@code ?limit=5&districts=Central&districts=Admiralty}. A query
 * carries text only, so each value is read as the type the tool's input schema gives its parameter (integer, number,
 * boolean; an array's items likewise, one repeated parameter an item); a value that is not one stays text, for the
 * schema check to refuse by name, and so does everything the schema does not type.
 */
final class QueryArguments {

    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]{0,17})");
    /** JSON's numbers, small enough for a double to hold (1e999 stays text, for the schema check to refuse). */
    private static final Pattern NUMBER = Pattern.compile(
            "-?(0|[1-9][0-9]{0,199})(\\.[0-9]{1,300})?([eE][+-]?[0-9]{1,2})?");

    private QueryArguments() {
    }

    static Map<String, Object> of(Map<String, List<String>> query, Map<String, Object> inputSchema) {
        Map<?, ?> properties = inputSchema.get("properties") instanceof Map<?, ?> declared ? declared : Map.of();
        Map<String, Object> arguments = new LinkedHashMap<>();
        query.forEach((name, values) -> {
            Map<?, ?> schema = properties.get(name) instanceof Map<?, ?> property ? property : Map.of();
            if ("array".equals(typeOf(schema))) {
                Map<?, ?> items = schema.get("items") instanceof Map<?, ?> itemSchema ? itemSchema : Map.of();
                arguments.put(name, values.stream().map(value -> typed(value, typeOf(items))).toList());
            } else if (values.size() == 1) {
                arguments.put(name, typed(values.getFirst(), typeOf(schema)));
            } else { // given twice for one value: the schema check says an array is not what it takes
                arguments.put(name, values.stream().map(value -> typed(value, typeOf(schema))).toList());
            }
        });
        return arguments;
    }

    /** The schema's type, or the first of its types that is not null ({@code ["integer", "null"]}). */
    private static String typeOf(Map<?, ?> schema) {
        Object type = schema.get("type");
        if (type instanceof List<?> types) {
            return types.stream().map(String::valueOf).filter(t -> !t.equals("null")).findFirst().orElse("");
        }
        return type == null ? "" : type.toString();
    }

    private static Object typed(String value, String type) {
        return switch (type) {
            case "integer" -> INTEGER.matcher(value).matches() ? (Object) Long.parseLong(value) : value;
            case "number" -> NUMBER.matcher(value).matches() ? (Object) Double.parseDouble(value) : value;
            case "boolean" -> value.equals("true") ? Boolean.TRUE : value.equals("false") ? Boolean.FALSE : value;
            default -> value;
        };
    }
}
