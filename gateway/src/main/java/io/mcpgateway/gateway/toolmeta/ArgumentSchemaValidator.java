package io.mcpgateway.gateway.toolmeta;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson3.DefaultJsonSchemaValidator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a tool call's arguments against the tool's input schema with the SDK's validator, mending two of its
 * failures. A whole number beyond a long's range written with an exponent ({@code 1e19}) made the validator fail by
 * itself, which it reported as "Error parsing tool JSON Schema: 'DoubleNode' method `asLong()` cannot convert ...",
 * naming Jackson's classes and blaming the tool's schema: such numbers are checked as the exact integers they are (as
 * {@code 10000000000000000000} already was), so they meet the schema's own limits. Any other failure of the validator
 * itself is answered without its internals.
 */
public final class ArgumentSchemaValidator implements JsonSchemaValidator {

    /**
     * How the SDK's validator begins the messages of failures of its own (exceptions), not of the arguments: they
     * quote the exception's message.
     */
    private static final List<String> OWN_FAILURES = List.of("Error parsing tool JSON Schema",
            "Unexpected validation error");
    /** The list of allowed values in the validator's message for a value outside an {@code enum}. */
    private static final Pattern ENUMERATION = Pattern.compile("in the enumeration \\[([^\\]]*)]");
    /** An empty place in that list: where the validator printed a {@code null} member as nothing. */
    private static final Pattern EMPTY_PLACE = Pattern.compile("(^|, )(?=, |$)");
    /** 2^63: doubles of this size or more are whole numbers a long cannot hold. */
    private static final double LONG_RANGE = 0x1p63;

    private static final Logger log = LoggerFactory.getLogger(ArgumentSchemaValidator.class);

    private final DefaultJsonSchemaValidator validator;

    public ArgumentSchemaValidator(JsonMapper mapper) {
        this.validator = new SchemaPerDefinition(mapper);
    }

    /**
     * The SDK's validator with its compiled schemas kept per schema as it is, not per its {@code $id} or its
     * {@code hashCode()}, as the SDK keys them: a tool updated under the same {@code $id}, or another tool's schema
     * whose hash collides ({@code {"Aa": ...}} and {@code {"BB": ...}}), was validated against the first one compiled,
     * refusing valid calls until a restart, and one backend's schema could decide another's. Bounded: a backend
     * publishing ever new schemas cannot grow it without end.
     */
    private static final class SchemaPerDefinition extends DefaultJsonSchemaValidator {

        static final int MAX_SCHEMAS = 1_000;

        /** Each distinct schema (compared whole, so never mistaken for another) and the cache key it was given. */
        private final Map<Map<String, Object>, String> keys = new ConcurrentHashMap<>();
        private final AtomicLong issued = new AtomicLong();

        SchemaPerDefinition(JsonMapper mapper) {
            super(mapper);
        }

        @Override
        protected String generateCacheKey(Map<String, Object> schema) {
            if (keys.size() >= MAX_SCHEMAS) {
                keys.clear();
                clearCache();
            }
            return keys.computeIfAbsent(schema, s -> "schema-" + issued.incrementAndGet());
        }
    }

    @Override
    public ValidationResponse validate(Map<String, Object> schema, Object arguments) {
        ValidationResponse response = validator.validate(schema, exactIntegers(arguments));
        if (!response.valid() && response.errorMessage() != null
                && OWN_FAILURES.stream().anyMatch(response.errorMessage()::startsWith)) {
            // at DEBUG: any caller could fill the log with them
            log.debug("Arguments could not be checked against an input schema: {}", response.errorMessage());
            return ValidationResponse.asInvalid("the arguments could not be checked against the tool's input schema");
        }
        if (!response.valid() && response.errorMessage() != null
                && ENUMERATION.matcher(response.errorMessage()).find()) {
            return ValidationResponse.asInvalid(withNullsNamed(response.errorMessage()));
        }
        return response;
    }

    /** The message with the {@code null}s of an enumeration named: {@code ["top", , "random"]} misled callers. */
    static String withNullsNamed(String message) {
        return ENUMERATION.matcher(message).replaceAll(list -> Matcher.quoteReplacement("in the enumeration ["
                + EMPTY_PLACE.matcher(list.group(1)).replaceAll("$1null") + "]"));
    }

    @Override
    public ValidationResponse validateSchema(Map<String, Object> schema) {
        return validator.validateSchema(schema);
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
