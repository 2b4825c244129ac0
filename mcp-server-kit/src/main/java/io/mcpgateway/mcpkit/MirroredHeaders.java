package io.mcpgateway.mcpkit;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.mcpgateway.text.Echoed;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The values MCP 2026-07-28's Streamable HTTP transport mirrors from the body into headers, so that intermediaries
 * can route on them: {@code Mcp-Name} (a tool's name) and {@code Mcp-Param-{Name}} (an argument whose property in the
 * tool's input schema carries {@code x-mcp-header}). A server that reads the body must refuse a request whose headers
 * say otherwise, or something in front could route or limit on a value the tool never sees.
 */
public final class MirroredHeaders {

    public static final String NAME = "Mcp-Name";
    public static final String PARAM_PREFIX = "Mcp-Param-";
    public static final String ANNOTATION = "x-mcp-header";

    /** A header value that is not plain ASCII travels as {@code =?base64?...?=} (transport, "Value Encoding"). */
    private static final String SENTINEL_START = "=?base64?";
    private static final String SENTINEL_END = "?=";
    /** An HTTP field name's characters (RFC 9110 §5.1, {@code tchar}). */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final int ECHOED = 80;
    /** The types of the arguments a header may mirror: a number with a fraction could not be compared exactly. */
    /** How deep a schema is looked into for annotations: deeper is no definition a client takes. */
    private static final int MAX_DEPTH = 32;
    private static final Set<Object> HEADER_TYPES = Set.of("string", "integer", "boolean");

    /** A request's headers, by name in any case. */
    public interface Lines {

        /** The header's value, its lines joined with commas; null when it was not sent. */
        String value(String name);

        /** Whether it was sent on more than one line: none of those MCP mirrors values into may be. */
        boolean repeated(String name);

        /** The headers of {@code request}. */
        static Lines of(HttpServletRequest request) {
            return new Lines() {
                @Override
                public String value(String name) {
                    List<String> lines = Collections.list(request.getHeaders(name));
                    return lines.isEmpty() ? null : String.join(",", lines);
                }

                @Override
                public boolean repeated(String name) {
                    return Collections.list(request.getHeaders(name)).size() > 1;
                }
            };
        }
    }

    /** One annotated argument: where it lies in the arguments, and the name its header is made from. */
    public record Annotation(List<String> path, String header) {
    }

    private MirroredHeaders() {
    }

    /**
     * Why the {@code Mcp-Name} header does not say {@code name}; null when it does.
     *
     * @param header the header's value, null when it was not sent
     */
    public static String nameProblem(String header, String name) {
        if (header == null) {
            return "the " + NAME + " header is missing: a tools/call request names its tool there too";
        }
        String decoded = decode(header);
        if (decoded == null) {
            return "the " + NAME + " header is not valid base64 of UTF-8 within =?base64?...?=";
        }
        return decoded.equals(name) ? null : "the " + NAME + " header value '" + echoed(decoded)
                + "' does not match the tool's name in the body, '" + echoed(name) + "'";
    }

    /**
     * Why the {@code Mcp-Param-*} headers do not say the annotated arguments; null when they do. An argument that is
     * absent or null needs no header, and must have none: a header the body does not back could be routed on.
     */
    public static String paramsProblem(Map<String, Object> inputSchema, Map<String, Object> arguments, Lines headers) {
        for (Annotation annotation : annotations(inputSchema)) {
            String name = PARAM_PREFIX + annotation.header();
            String argument = String.join(".", annotation.path());
            Object value = valueAt(arguments, annotation.path());
            String header = headers.value(name);
            if (headers.repeated(name)) {
                return "the " + name + " header is sent on more than one line";
            }
            if (value == null) {
                if (header != null) {
                    return "the " + name + " header is sent, but argument '" + argument + "' is not in the body";
                }
                continue;
            }
            if (header == null) {
                return "the " + name + " header is missing: argument '" + argument
                        + "' is mirrored there (x-mcp-header in the tool's input schema)";
            }
            String decoded = decode(header);
            if (decoded == null) {
                return "the " + name + " header is not valid base64 of UTF-8 within =?base64?...?=";
            }
            if (!matches(decoded, value)) {
                return "the " + name + " header value '" + echoed(decoded) + "' does not match argument '" + argument
                        + "' in the body";
            }
        }
        return null;
    }

    /**
     * The {@code Mcp-Param-*} headers a client sends with a call of a tool whose input schema is {@code inputSchema}:
     * one for each annotated argument that has a value a header can say (a string, an integer or a boolean).
     */
    public static Map<String, String> headersFor(Map<String, Object> inputSchema, Map<String, Object> arguments) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Annotation annotation : annotations(inputSchema)) {
            Object value = valueAt(arguments, annotation.path());
            String text = value instanceof String string ? string
                    : value instanceof Boolean ? value.toString() : integral(value);
            if (text != null) {
                headers.put(PARAM_PREFIX + annotation.header(), encode(text));
            }
        }
        return headers;
    }

    /**
     * A value as a header carries it: as it is when it is visible ASCII and spaces without space at either end, else
     * in the base64 form (so is a value that looks like that form).
     */
    public static String encode(String value) {
        boolean plain = !value.isEmpty() && value.charAt(0) != ' ' && value.charAt(value.length() - 1) != ' '
                && value.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)
                && !(value.startsWith(SENTINEL_START) && value.endsWith(SENTINEL_END));
        return plain ? value : SENTINEL_START + Base64.getEncoder().encodeToString(value.getBytes(
                StandardCharsets.UTF_8)) + SENTINEL_END;
    }

    /** A number with no fraction in decimal digits (42.0 as 42, which a server compares as a number); else null. */
    private static String integral(Object value) {
        if (!(value instanceof Number number)) {
            return null;
        }
        try {
            return new BigDecimal(number.toString()).toBigIntegerExact().toString();
        } catch (ArithmeticException | NumberFormatException e) {
            return null; // a fraction, or not finite: no header can say it as an integer
        }
    }

    /**
     * The arguments a tool's input schema mirrors into headers: properties reached from its root through
     * {@code properties} alone whose {@code x-mcp-header} is a valid field name and whose type is a string,
     * an integer or a boolean. Annotations the transport does not allow (elsewhere, not a field name, on another type)
     * are left out here and to clients, which leave such a tool out.
     */
    public static List<Annotation> annotations(Map<String, Object> inputSchema) {
        List<Annotation> found = new ArrayList<>();
        collect(inputSchema, List.of(), found, 0);
        return found;
    }

    /**
     * Why a tool whose input schema is {@code inputSchema} is no valid definition for the Streamable HTTP transport of
     * MCP 2026-07-28, which has clients leave such a tool out of their lists: an {@code x-mcp-header} that is not an
     * HTTP field name, names a header another one names too (case aside), sits on a property whose type is not a
     * string, an integer or a boolean (or not given), or is not reached from the root through {@code properties}
     * alone (under {@code items}, {@code oneOf}, {@code $defs}...); or a schema nested deeper than {@link #MAX_DEPTH},
     * which is not looked into. Only subschemas are looked at, as the SDKs do: a {@code default}, {@code enum} or
     * {@code const} value holding the key is data. Null when there is none of these.
     */
    public static String definitionProblem(Map<String, Object> inputSchema) {
        List<String> problems = new ArrayList<>();
        checkSchema(inputSchema, true, "", new HashSet<>(), problems, 0);
        return problems.isEmpty() ? null : problems.get(0);
    }

    /** Keywords whose value is a map of names to subschemas. */
    private static final Set<String> SCHEMA_MAPS = Set.of("properties", "patternProperties",
            "$defs", "definitions", "dependentSchemas");
    /** Keywords whose value is a subschema, or a list of them. */
    private static final Set<String> SCHEMAS = Set.of("items", "additionalItems", "prefixItems",
            "additionalProperties", "unevaluatedItems", "unevaluatedProperties", "contains", "propertyNames", "not",
            "if", "then", "else", "allOf", "anyOf", "oneOf");

    /**
     * Looks at the {@code x-mcp-header} of {@code node}, a schema, and of its subschemas.
     *
     * @param reachable whether {@code node} is the root or a property reached from it through {@code properties} alone
     */
    private static void checkSchema(Object node, boolean reachable, String where, Set<String> names,
            List<String> problems, int depth) {
        if (!problems.isEmpty() || !(node instanceof Map<?, ?> schema)) {
            return;
        }
        if (depth > MAX_DEPTH) {
            problems.add("the input schema is nested deeper than " + MAX_DEPTH + " levels");
            return;
        }
        if (schema.containsKey(ANNOTATION)) {
            String problem = annotationProblem(schema, reachable, where, names);
            if (problem != null) {
                problems.add(problem);
                return;
            }
        }
        for (Map.Entry<?, ?> member : schema.entrySet()) {
            String key = String.valueOf(member.getKey());
            if (SCHEMA_MAPS.contains(key) && member.getValue() instanceof Map<?, ?> named) {
                boolean throughProperties = reachable && key.equals("properties");
                named.forEach((name, sub) -> checkSchema(sub, throughProperties, where + "/" + name, names,
                        problems, depth + 1));
            } else if (SCHEMAS.contains(key)) {
                List<?> subs = member.getValue() instanceof List<?> list ? list : List.of(member.getValue());
                subs.forEach(sub -> checkSchema(sub, false, where + "/" + key, names, problems, depth + 1));
            }
        }
    }

    private static String annotationProblem(Map<?, ?> schema, boolean reachable, String where,
            Set<String> names) {
        String at = where.isEmpty() ? "the schema's root" : "'" + echoed(where.substring(1)) + "'";
        if (!reachable || where.isEmpty()) {
            return "x-mcp-header at " + at + ", which is not a property reached through properties alone";
        }
        if (!(schema.get(ANNOTATION) instanceof String header) || !TOKEN.matcher(header).matches()) {
            return "the x-mcp-header of " + at + " is not an HTTP field name";
        }
        if (!isHeaderType(schema.get("type"))) {
            return "the x-mcp-header of " + at + " is on a property whose type is not string, integer or boolean";
        }
        if (!names.add(header.toLowerCase(Locale.ROOT))) {
            return "the x-mcp-header '" + echoed(header) + "' is named twice";
        }
        return null;
    }

    /** A type a header can carry: string, integer or boolean (given, and as one name, not a list). */
    private static boolean isHeaderType(Object type) {
        return type instanceof String name && HEADER_TYPES.contains(name);
    }

    private static void collect(Map<?, ?> schema, List<String> path, List<Annotation> found, int depth) {
        if (depth > MAX_DEPTH || !(schema.get("properties") instanceof Map<?, ?> properties)) {
            return;
        }
        for (Map.Entry<?, ?> property : properties.entrySet()) {
            if (property.getValue() instanceof Map<?, ?> sub) {
                List<String> at = new ArrayList<>(path);
                at.add(String.valueOf(property.getKey()));
                if (sub.get(ANNOTATION) instanceof String header && TOKEN.matcher(header).matches()
                        && isHeaderType(sub.get("type"))) {
                    found.add(new Annotation(List.copyOf(at), header));
                }
                collect(sub, at, found, depth + 1);
            }
        }
    }

    private static Object valueAt(Map<String, Object> arguments, List<String> path) {
        Object value = arguments;
        for (String step : path) {
            if (!(value instanceof Map<?, ?> object)) {
                return null;
            }
            value = object.get(step);
        }
        return value;
    }

    /** Whether a header's decoded value says {@code value}: the same string, number or lower-case boolean. */
    private static boolean matches(String header, Object value) {
        if (value instanceof String string) {
            return header.equals(string);
        }
        if (value instanceof Boolean bool) {
            return header.equals(bool.toString());
        }
        if (value instanceof Number number) { // compared as numbers: 42 and 42.0 are one value (transport's note)
            try {
                return new BigDecimal(header).compareTo(new BigDecimal(number.toString())) == 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return false; // an object or array: no header can say it
    }

    /** A header's value, decoded when it is in the base64 form; null when that form does not decode to UTF-8. */
    public static String decode(String header) {
        if (!header.startsWith(SENTINEL_START) || !header.endsWith(SENTINEL_END)
                || header.length() < SENTINEL_START.length() + SENTINEL_END.length()) {
            return header;
        }
        String encoded = header.substring(SENTINEL_START.length(), header.length() - SENTINEL_END.length());
        try {
            byte[] utf8 = Base64.getDecoder().decode(encoded);
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(utf8)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return null;
        }
    }

    /** A caller's value in an error message: control characters shown as '?', clipped. */
    public static String echoed(String value) {
        return Echoed.clip(value.replaceAll("\\p{Cntrl}", "?"), ECHOED);
    }
}
