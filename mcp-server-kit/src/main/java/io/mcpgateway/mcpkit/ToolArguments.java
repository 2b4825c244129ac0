package io.mcpgateway.mcpkit;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.mcpgateway.json.JsonTypes;

/**
 * The arguments of one tool call, read with the checks the tool's input schema declares and messages that name the
 * argument and what was wrong with it. An argument the tool does not declare is an error, as the schemas say
 * ({@code additionalProperties: false}).
 */
public final class ToolArguments {

    private final Map<String, Object> values;

    private ToolArguments(Map<String, Object> values) {
        this.values = values;
    }

    /**
     * Wraps a call's arguments after checking their names.
     *
     * @throws ToolInputException when an argument is not one of {@code declared}
     */
    public static ToolArguments of(Map<String, Object> arguments, Set<String> declared) {
        Map<String, Object> values = arguments == null ? Map.of() : arguments;
        for (String name : values.keySet()) {
            if (!declared.contains(name)) {
                String valid = declared.isEmpty() ? "This tool takes no arguments"
                        : "Valid arguments: " + String.join(", ", new TreeSet<>(declared));
                throw ToolInputException.validation("Unknown argument '" + name + "'. " + valid);
            }
        }
        return new ToolArguments(values);
    }

    public boolean has(String name) {
        return values.get(name) != null;
    }

    /** Whether the argument was sent at all, even as null (for arguments whose schema does not allow null). */
    public boolean sent(String name) {
        return values.containsKey(name);
    }

    /** The argument as given, or null. */
    public Object raw(String name) {
        return values.get(name);
    }

    /** A list of strings, or null when absent; at most {@code maxItems} items of at most {@code maxLength} chars. */
    public List<String> optionalStringList(String name, int maxItems, int maxLength) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> items)) {
            throw ToolInputException.validation(name + " must be a list of strings but was " + describe(value));
        }
        if (items.size() > maxItems) {
            throw ToolInputException.validation(
                    name + " may hold at most " + maxItems + " items but held " + items.size());
        }
        List<String> strings = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof String s)) {
                throw ToolInputException.validation(
                        name + "[" + i + "] must be a string but was " + describe(items.get(i)));
            }
            if (s.length() > maxLength) {
                throw ToolInputException.validation(
                        name + "[" + i + "] may be at most " + maxLength + " characters long");
            }
            strings.add(s);
        }
        return strings;
    }

    /** A whole number within {@code [min, max]} (5.0 too), or null when absent; {@code "5"} and booleans are not. */
    public Long optionalInteger(String name, long min, long max) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        BigInteger whole = JsonTypes.integerOf(value); // 5.0 or 1e2: JSON Schema's integers too
        if (whole == null) {
            throw ToolInputException.validation(name + " must be an integer but was " + describe(value));
        }
        if (whole.bitLength() > 63) {
            throw ToolInputException.validation(name + " must be between " + min + " and " + max + " but was "
                    + whole);
        }
        long n = whole.longValue();
        if (n < min || n > max) {
            throw ToolInputException.validation(name + " must be between " + min + " and " + max + " but was " + n);
        }
        return n;
    }

    /** One of {@code allowed}, or null when absent. */
    public String optionalChoice(String name, List<String> allowed) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s) || !allowed.contains(s)) {
            throw ToolInputException.validation("Invalid " + name + " " + describe(value) + ". Valid values: "
                    + String.join(", ", allowed));
        }
        return s;
    }

    /** How a value reads in a message: its JSON type, and the value itself when short. */
    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return s.length() <= 40 ? "'" + s + "'" : "a string";
        }
        if (value instanceof Boolean b) {
            return "a boolean (" + b + ")";
        }
        if (value instanceof Number n) {
            String text = n.toString();
            return text.length() <= 40 ? "a number (" + text + ")" : "a number";
        }
        if (value instanceof List) {
            return "a list";
        }
        return value instanceof Map ? "an object" : "a value of an unsupported type";
    }
}
