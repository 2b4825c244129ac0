package io.mcpgateway.gateway.routes;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.mcpgateway.gateway.error.GatewayException;
import io.mcpgateway.text.Echoed;
import io.mcpgateway.text.StrictUtf8;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The arguments of a {@code GET} route, from its query: {@code ?limit=5&districts=Central&districts=Admiralty}. A query
 * carries text only, so each value is read as the type the tool's input schema gives its parameter (integer, number,
 * boolean; an array's items likewise, one repeated parameter an item), numbers as a JSON body's are read; a value that
 * is not one stays text, for the schema check to refuse by name, and so does everything the schema does not type.
 *
 * <p>The query is decoded here, strictly: a malformed escape ({@code %ZZ}) or bytes that are no UTF-8 are refused
 * naming the parameter, as a body that is not strict UTF-8 is; the servlet's decoding left such a parameter out
 * without a word, so a search for two districts quietly became a search for one.
 */
final class QueryArguments {

    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]{0,399})");
    /** JSON's numbers, of a bounded length. */
    private static final Pattern NUMBER = Pattern.compile(
            "-?(0|[1-9][0-9]{0,399})(\\.[0-9]{1,400})?([eE][+-]?[0-9]{1,4})?");
    private static final int MAX_ECHOED = 100;

    private QueryArguments() {
    }

    static Map<String, Object> of(String rawQuery, Map<String, Object> inputSchema, JsonMapper mapper) {
        Map<?, ?> properties = inputSchema.get("properties") instanceof Map<?, ?> declared ? declared : Map.of();
        Map<String, Object> arguments = new LinkedHashMap<>();
        parse(rawQuery).forEach((name, values) -> {
            Map<?, ?> schema = properties.get(name) instanceof Map<?, ?> property ? property : Map.of();
            if ("array".equals(typeOf(schema))) {
                Map<?, ?> items = schema.get("items") instanceof Map<?, ?> itemSchema ? itemSchema : Map.of();
                arguments.put(name, values.stream().map(value -> typed(value, items, mapper)).toList());
            } else if (values.size() == 1) {
                arguments.put(name, typed(values.getFirst(), schema, mapper));
            } else { // given twice for one value: the schema check says an array is not what it takes
                arguments.put(name, values.stream().map(value -> typed(value, schema, mapper)).toList());
            }
        });
        return arguments;
    }

    /** Each parameter's values in their order, decoded as forms are ({@code +} a space, {@code %XX} a byte). */
    static Map<String, List<String>> parse(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals), pair);
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1), pair);
            parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return parameters;
    }

    private static String decode(String part, String pair) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(part.length());
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '%') {
                int high = i + 2 < part.length() ? Character.digit(part.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(part.charAt(i + 2), 16);
                if (low < 0) {
                    throw refused(pair, "a '%' that is not followed by two hexadecimal digits");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c == '+' ? ' ' : c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return StrictUtf8.decode(bytes.toByteArray());
        } catch (CharacterCodingException e) {
            throw refused(pair, "bytes that are not UTF-8");
        }
    }

    private static GatewayException refused(String pair, String what) {
        return new GatewayException.Validation("MALFORMED_QUERY", "The query parameter '"
                + Echoed.oneLine(pair, MAX_ECHOED) + "' holds " + what, Map.of());
    }

    private static boolean takesText(Map<?, ?> schema) {
        return schema.get("type") instanceof List<?> types && types.contains("string");
    }

    /** The schema's type, or the first of its types that is not null ({@code ["integer", "null"]}). */
    private static String typeOf(Map<?, ?> schema) {
        Object type = schema.get("type");
        if (type instanceof List<?> types) {
            return types.stream().map(String::valueOf).filter(t -> !t.equals("null")).findFirst().orElse("");
        }
        return type == null ? "" : type.toString();
    }

    private static Object typed(String value, Map<?, ?> schema, JsonMapper mapper) {
        return switch (typeOf(schema)) {
            // an integer as a JSON body may write it (5.0, 1e2: the schema check takes what JSON Schema takes), but
            // where text is an alternative (["integer", "string"]) only a plain integer is read as a number
            case "integer" -> INTEGER.matcher(value).matches()
                    || !takesText(schema) && NUMBER.matcher(value).matches() ? number(value, mapper) : value;
            case "number" -> NUMBER.matcher(value).matches() ? number(value, mapper) : value;
            case "boolean" -> value.equals("true") ? Boolean.TRUE : value.equals("false") ? Boolean.FALSE : value;
            default -> value;
        };
    }

    /** The number a JSON body holding {@code value} would carry; text when it is none a JSON answer can carry. */
    private static Object number(String value, JsonMapper mapper) {
        try {
            Object number = mapper.readValue(value, Object.class);
            return number instanceof Double d && d.isInfinite() ? value : number;
        } catch (JacksonException e) {
            return value;
        }
    }
}
