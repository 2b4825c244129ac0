package io.mcpgateway.json;

import java.util.List;
import java.util.Map;

import io.mcpgateway.text.Echoed;

/**
 * Finds values that were read from JSON but cannot be written back as JSON: strings holding half of a UTF-16 surrogate
 * pair (an escape such as {@code \ud800} without its partner), which no UTF-8 writer can encode, and numbers too large
 * for a double ({@code 1e999} reads as infinity). An answer that echoes such a value fails while it is written, or
 * changes the value, as a 500 instead of the 400 the input deserved; so input is checked where it arrives.
 */
public final class UnwritableValues {

    /** Paths are cut here: they are echoed in error messages, and member names on the way can be long. */
    private static final int MAX_PATH_CHARS = 200;

    private UnwritableValues() {
    }

    /**
     * What in a JSON value as Jackson reads it (maps, lists, strings, numbers...) cannot be written back, and where,
     * as a JSON Pointer: "the string at /districts/0 has an unpaired UTF-16 surrogate", "the number at /limit is out
     * of range"; null when everything can.
     */
    public static String find(Object value) {
        return find(value, new StringBuilder());
    }

    /** Whether {@code text} holds a surrogate that is not part of a high-low pair. */
    public static boolean in(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isSurrogate(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                continue;
            }
            return true;
        }
        return false;
    }

    private static String find(Object value, StringBuilder path) {
        if (value instanceof CharSequence text) {
            return in(text) ? "the string at " + shown(path) + " has an unpaired UTF-16 surrogate" : null;
        }
        if (value instanceof Double number && number.isInfinite()
                || value instanceof Float single && single.isInfinite()) {
            return "the number at " + shown(path) + " is out of range";
        }
        int length = path.length();
        if (value instanceof Map<?, ?> members) {
            for (Map.Entry<?, ?> member : members.entrySet()) {
                String name = String.valueOf(member.getKey());
                if (in(name)) {
                    return "a member name in " + shown(path) + " has an unpaired UTF-16 surrogate";
                }
                path.append('/').append(name.replace("~", "~0").replace("/", "~1"));
                String found = find(member.getValue(), path);
                if (found != null) {
                    return found;
                }
                path.setLength(length);
            }
        } else if (value instanceof List<?> items) {
            for (int i = 0; i < items.size(); i++) {
                path.append('/').append(i);
                String found = find(items.get(i), path);
                if (found != null) {
                    return found;
                }
                path.setLength(length);
            }
        }
        return null;
    }

    private static String shown(StringBuilder path) {
        if (path.isEmpty()) {
            return "the top";
        }
        return Echoed.clip(path, MAX_PATH_CHARS);
    }
}
