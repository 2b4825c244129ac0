package io.mcpgateway.json;

import java.util.List;
import java.util.Map;

/** How deeply a JSON value as Jackson reads it (maps and lists) nests, counted as the parser does: {@code {}} is 1. */
public final class NestingDepth {

    private NestingDepth() {
    }

    /** Whether {@code value} nests deeper than {@code maxDepth}; stops at the first container past it. */
    public static boolean exceeds(Object value, int maxDepth) {
        if (value instanceof Map<?, ?> members) {
            return maxDepth < 1 || anyExceeds(members.values(), maxDepth - 1);
        }
        if (value instanceof List<?> items) {
            return maxDepth < 1 || anyExceeds(items, maxDepth - 1);
        }
        return false;
    }

    private static boolean anyExceeds(Iterable<?> values, int maxDepth) {
        for (Object value : values) {
            if (exceeds(value, maxDepth)) {
                return true;
            }
        }
        return false;
    }
}
