package io.mcpgateway.json;

import java.util.List;
import java.util.Map;

/** The JSON type of a value as Jackson reads it, in words for error messages ("a string", "an object"...). */
public final class JsonTypes {

    private JsonTypes() {
    }

    public static String nameOf(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof List) {
            return "a list";
        }
        return value instanceof Map ? "an object" : value.getClass().getSimpleName();
    }
}
