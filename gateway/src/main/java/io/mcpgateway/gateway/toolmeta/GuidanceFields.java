package io.mcpgateway.gateway.toolmeta;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The invariants the guidance records share, so a hand-written guidance file fails at start-up with the name of the
 * field that is wrong rather than with a bare {@link NullPointerException} later.
 */
final class GuidanceFields {

    private GuidanceFields() {
    }

    /** The text, which must be present and not blank. */
    static String text(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required and must not be blank");
        }
        return value;
    }

    /** The text if present; blank counts as absent. */
    static String optionalText(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** An immutable copy; absent means empty, a missing item is an error. */
    static <T> List<T> items(String field, List<T> values) {
        if (values == null) {
            return List.of();
        }
        // Not contains(null): immutable lists throw on that question instead of answering it.
        if (values.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException(field + " must not contain null items");
        }
        return List.copyOf(values);
    }

    /** A list of non-blank texts; absent means empty. */
    static List<String> texts(String field, List<String> values) {
        List<String> copy = items(field, values);
        if (copy.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException(field + " must not contain blank items");
        }
        return copy;
    }

    /** A read-only copy of a JSON object that keeps its key order and allows JSON nulls as values. */
    static Map<String, Object> object(String field, Map<String, Object> value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required and must be a JSON object");
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(value));
    }
}
