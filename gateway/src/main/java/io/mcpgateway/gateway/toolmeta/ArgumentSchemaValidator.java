package io.mcpgateway.gateway.toolmeta;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;

import io.mcpgateway.gateway.error.GatewayException;
import io.mcpgateway.text.Echoed;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a tool call's arguments against the tool's input schema (JSON Schema 2020-12, networknt's validator, as the
 * MCP SDK's own), answering each violation with where it is and what is wrong, for the error's details. Three mends
 * over the SDK's validator, which this replaced:
 * <ul>
 * <li>a whole number beyond a long's range written with an exponent ({@code 1e19}) made the validator fail by itself
 * ("'DoubleNode' method `asLong()` cannot convert ...", naming Jackson's classes and blaming the tool's schema): such
 * numbers are checked as the exact integers they are, so they meet the schema's own limits; any other failure of the
 * validator itself is answered without its internals;</li>
 * <li>compiled schemas are kept per schema as it is, not per its {@code $id} or {@code hashCode()}: a tool updated
 * under the same {@code $id}, or another tool's schema whose hash collides ({@code {"Aa": ...}} and
 * {@code {"BB": ...}}), was validated against the first one compiled;</li>
 * <li>the violations are a list, not one string of the validator's Java list.</li>
 * </ul>
 */
public final class ArgumentSchemaValidator {

    /** At most this many compiled schemas are kept: a backend publishing ever new schemas cannot grow them. */
    static final int MAX_SCHEMAS = 1_000;
    /** Violations named in a refusal; the rest are counted. */
    static final int MAX_LISTED = 20;
    /** The longest path or message a violation echoes: property names are the caller's. */
    static final int MAX_ECHOED = 300;
    static final String UNCHECKABLE = "the arguments could not be checked against the tool's input schema";
    /** How long a caller is asked to wait after an unusable schema: until its backend may have listed a mended one. */
    static final Duration SCHEMA_RETRY_AFTER = Duration.ofSeconds(60);
    /** The one violation of arguments that could not be checked: the schema's fault, not the caller's. */
    private static final Violation UNCHECKED = new Violation("", UNCHECKABLE);
    /** A string a pattern of the schema would take too long to match (the pattern backtracks on it). */
    static final String TOO_COSTLY = "a string is too costly to match against a pattern of the tool's input schema"
            + " (the pattern backtracks on it): send a shorter or simpler value";

    /** The list of allowed values in the validator's message for a value outside an {@code enum}. */
    private static final Pattern ENUMERATION = Pattern.compile("in the enumeration \\[([^\\]]*)]");
    /** An empty place in that list: where the validator printed a {@code null} member as nothing. */
    private static final Pattern EMPTY_PLACE = Pattern.compile("(^|, )(?=, |$)");
    /** 2^63: doubles of this size or more are whole numbers a long cannot hold. */
    private static final double LONG_RANGE = 0x1p63;

    private static final Logger log = LoggerFactory.getLogger(ArgumentSchemaValidator.class);

    private final JsonMapper mapper;
    /** English messages whatever the JVM's locale: the README, the clients and {@link #withNullsNamed} read them. */
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(Dialects.getDraft202012(),
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().locale(Locale.ENGLISH)
                    .messageSource(new PlainNumberMessages()).regularExpressionFactory(new BudgetedPatterns())
                    .build()));
    /** Each distinct schema (compared whole, so never mistaken for another) and its compiled form. */
    private final Map<Map<String, Object>, Schema> compiled = new ConcurrentHashMap<>();
    /**
     * Schemas that compile but cannot be checked against (a {@code $ref} cycle overflows the stack on every check):
     * remembered, so the overflow is not repeated on every call.
     */
    private final Set<Map<String, Object>> uncheckable = ConcurrentHashMap.newKeySet();
    /** Schemas already logged as unusable. */
    private final Set<Map<String, Object>> reported = ConcurrentHashMap.newKeySet();

    /** Collects violations until one past what a refusal names: a body of a million wrong items stops early. */
    private static final class FirstViolations extends ArrayList<Error> {

        @Override
        public boolean add(Error error) {
            super.add(error);
            if (size() > MAX_LISTED) {
                throw new Enough();
            }
            return true;
        }
    }

    /** Thrown by {@link FirstViolations} when it has enough; without a stack trace, it is not an error. */
    private static final class Enough extends RuntimeException {
        Enough() {
            super(null, null, false, false);
        }
    }

    /** One thing the arguments do wrong: where (a JSON pointer into them; empty for the whole) and what. */
    public record Violation(String path, String message) {

        @Override
        public String toString() {
            return path.isEmpty() ? message : path + ": " + message;
        }
    }

    public ArgumentSchemaValidator(JsonMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * What {@code arguments} do wrong against {@code schema}, at most {@link #MAX_LISTED} and one more (which says
     * there are more); empty when they meet it.
     */
    public List<Violation> check(Map<String, Object> schema, Object arguments) {
        if (uncheckable.contains(schema)) {
            return List.of(UNCHECKED);
        }
        FirstViolations errors = new FirstViolations();
        try {
            compiled(schema).validate(mapper.valueToTree(exactIntegers(arguments)),
                    context -> context.setErrors(errors));
        } catch (Enough enough) {
            // the first ones are all a refusal names
        } catch (BudgetedPatterns.TooCostly e) {
            // the caller's text, not the schema: a pattern that would backtrack on it for seconds refuses it
            List<Violation> found = new ArrayList<>(violations(errors.stream().limit(MAX_LISTED).toList(), schema));
            found.add(new Violation("", TOO_COSTLY));
            return found;
        } catch (RuntimeException | StackOverflowError e) {
            boolean circular = e instanceof StackOverflowError;
            if (circular && uncheckable.size() < MAX_SCHEMAS) {
                uncheckable.add(schema);
            }
            reportOnce(schema, circular ? "its references go round in a circle" : e.toString());
            return List.of(UNCHECKED);
        }
        return violations(errors, schema);
    }

    /**
     * Whether {@code value}, written by the gateway itself, meets {@code schema} (a tool's output schema). A schema
     * that cannot be used is not met; nothing is refused for it, so it is not reported as an input schema is.
     */
    public boolean meets(Map<String, Object> schema, Object value) {
        if (uncheckable.contains(schema)) {
            return false;
        }
        FirstViolations errors = new FirstViolations();
        try {
            compiled(schema).validate(mapper.valueToTree(value), context -> context.setErrors(errors));
            return errors.isEmpty();
        } catch (RuntimeException | StackOverflowError e) { // Enough too: a violation
            log.debug("A value could not be checked against an output schema: {}", e.toString());
            return false;
        }
    }

    /** The validator's errors as violations; property names are the caller's: clipped, as every echoed value. */
    private static List<Violation> violations(List<Error> errors, Map<String, Object> schema) {
        return errors.stream().map(e -> {
            String path = Echoed.clip(e.getInstanceLocation().toString(), MAX_ECHOED);
            return new Violation(path, Echoed.clip(unknownArgument(e, path, schema)
                    .orElseGet(() -> withNullsNamed(e.getMessage())), MAX_ECHOED));
        }).toList();
    }

    /**
     * An argument the tool does not have, said as an agent can act on it: "unknown argument 'q'; the arguments are
     * districts, limit, offset" rather than the validator's "property 'q' is not defined in the schema and the schema
     * does not allow additional properties"; empty for any other violation.
     */
    private static Optional<String> unknownArgument(Error e, String path, Map<String, Object> schema) {
        if (!"additionalProperties".equals(e.getKeyword()) || e.getProperty() == null) {
            return Optional.empty();
        }
        if (!path.isEmpty() || !(schema.get("properties") instanceof Map<?, ?> properties)) {
            return Optional.of("unknown property '" + e.getProperty() + "'");
        }
        return Optional.of("unknown argument '" + e.getProperty() + "'; the arguments are "
                + properties.keySet().stream().map(String::valueOf).collect(Collectors.joining(", ")));
    }

    /**
     * Refuses {@code arguments} that {@code schema} does not take ({@link #refusal}, {@code start} beginning its
     * message); does nothing when it takes them.
     */
    public void requireValid(Map<String, Object> schema, Object arguments, String start, String tool) {
        List<Violation> violations = check(schema, arguments);
        if (!violations.isEmpty()) {
            throw refusal(start, tool, violations);
        }
    }

    /**
     * The refusal (400 {@code SCHEMA_VIOLATION}) of arguments with {@code violations} ({@link #check}'s): {@code start}
     * and the first {@link #MAX_LISTED} in the message, the same in the details ({@code schema_errors}: {@code path}
     * and {@code message} each), and {@code schema_errors_truncated} when there were more. Arguments that could not be
     * checked are not the caller's fault: 503 {@code TOOL_SCHEMA_UNUSABLE}, as for a tool that cannot be reached.
     */
    public static GatewayException refusal(String start, String tool, List<Violation> violations) {
        if (violations.size() == 1 && violations.get(0) == UNCHECKED) {
            return new GatewayException.ServiceUnavailable("TOOL_SCHEMA_UNUSABLE", "The tool " + tool
                    + " cannot be called: its input schema, which its backend publishes, cannot be used to check"
                    + " arguments", Map.of("tool", tool), SCHEMA_RETRY_AFTER);
        }
        List<Violation> listed = violations.subList(0, Math.min(violations.size(), MAX_LISTED));
        boolean truncated = violations.size() > listed.size();
        String more = truncated ? "; and more" : "";
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("tool", tool);
        details.put("schema_errors", listed.stream().map(v -> Map.of("path", v.path(), "message", v.message()))
                .toList());
        details.put("schema_errors_truncated", truncated);
        return new GatewayException.Validation("SCHEMA_VIOLATION", start + ": " + listed.stream()
                .map(Violation::toString).collect(Collectors.joining("; ")) + more, details);
    }

    /**
     * Logs a schema that could not be used, once: the backend's to mend, and a warning per call would let any caller
     * fill the log (networknt's own ERROR line per attempt is turned off in the logging configuration).
     */
    private void reportOnce(Map<String, Object> schema, String reason) {
        if (reported.size() < MAX_SCHEMAS && reported.add(schema)) {
            log.warn("A tool's input schema could not be used to check arguments ({}); such calls are refused with"
                    + " 503 TOOL_SCHEMA_UNUSABLE. The schema: {}", Echoed.oneLine(reason, MAX_ECHOED),
                    Echoed.oneLine(schema.toString(), MAX_ECHOED)); // a backend's text: no forged lines
        } else {
            log.debug("Arguments could not be checked against an input schema: {}", reason);
        }
    }

    private Schema compiled(Map<String, Object> schema) {
        Schema known = compiled.get(schema);
        if (known != null) {
            return known;
        }
        if (compiled.size() >= MAX_SCHEMAS) {
            compiled.clear();
        }
        return compiled.computeIfAbsent(schema, s -> registry.getSchema(mapper.valueToTree(s)));
    }

    /** The message with the {@code null}s of an enumeration named: {@code ["top", , "random"]} misled callers. */
    static String withNullsNamed(String message) {
        return ENUMERATION.matcher(message).replaceAll(list -> Matcher.quoteReplacement("in the enumeration ["
                + EMPTY_PLACE.matcher(list.group(1)).replaceAll("$1null") + "]"));
    }

    /** {@code value} with every double beyond a long's range as its exact integer; the same object when it has none. */
    static Object exactIntegers(Object value) {
        if (value instanceof Double number && Double.isFinite(number) && Math.abs(number) >= LONG_RANGE) {
            return new BigDecimal(number).toBigIntegerExact(); // exact: doubles this large have no fraction
        }
        if (value instanceof Map<?, ?> members) {
            Map<Object, Object> copy = null;
            for (Map.Entry<?, ?> member : members.entrySet()) {
                Object exact = exactIntegers(member.getValue());
                if (exact != member.getValue() && copy == null) {
                    copy = new LinkedHashMap<>(members);
                }
                if (copy != null) {
                    copy.put(member.getKey(), exact);
                }
            }
            return copy == null ? value : copy;
        }
        if (value instanceof List<?> items) {
            List<Object> copy = null;
            for (int i = 0; i < items.size(); i++) {
                Object exact = exactIntegers(items.get(i));
                if (exact != items.get(i) && copy == null) {
                    copy = new ArrayList<>(items);
                }
                if (copy != null) {
                    copy.set(i, exact);
                }
            }
            return copy == null ? value : copy;
        }
        return value;
    }
}
