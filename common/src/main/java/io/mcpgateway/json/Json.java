package io.mcpgateway.json;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the project's single Jackson 3 {@link JsonMapper}.
 *
 * <p>Every component that reads or writes JSON receives the mapper built here (the MCP SDK through
 * {@code JacksonMcpJsonMapper}, Javalin through {@code JavalinJackson3}); nothing else creates one, so parsing limits
 * and features are the same everywhere.
 */
public final class Json {

    /** Deepest nesting accepted in any document: deep enough for every real payload, shallow enough to stop stack abuse. */
    public static final int MAX_NESTING_DEPTH = 64;

    /**
     * Longest single string value accepted in any document (characters). Request bodies are bounded by size before
     * they are parsed; this bound is for what backends answer, whose text content carries a whole result (a
     * city-wide search is several megabytes).
     */
    public static final int MAX_STRING_LENGTH = 64 * 1024 * 1024;

    private Json() {
    }

    /**
     * A reader of {@code mapper}'s that keeps numbers as they were written: a fraction or an exponent as a
     * {@link java.math.BigDecimal}, not a double, which would turn {@code 1e400} into an infinity (written back as the
     * string {@code "Infinity"}) and round {@code 0.10000000000000000000001}. For what is read to be passed on.
     */
    public static ObjectReader exactNumbers(JsonMapper mapper) {
        return mapper.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    /** A new mapper with the project's settings; build it once at start-up and pass it around. */
    public static JsonMapper newMapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(MAX_STRING_LENGTH)
                        .build())
                .build();
        return JsonMapper.builder(factory)
                // Wire formats evolve: a field we do not know is not an error (STYLE rule 8).
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // 1.0 is not an integer count; reject it instead of truncating silently.
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .build();
    }
}
