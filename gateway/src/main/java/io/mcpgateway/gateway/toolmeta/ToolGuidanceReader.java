package io.mcpgateway.gateway.toolmeta;

import java.io.InputStream;
import java.util.Map;
import java.util.Objects;

import io.mcpgateway.gateway.config.ConfigException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads guidance documents strictly: unknown fields and repeated keys are errors, because in a hand-written file
 * they are typos that would otherwise silently drop guidance. Every problem becomes a {@link ConfigException} naming
 * the document, the JSON path and the reason, so start-up stops with a message an operator can act on.
 */
final class ToolGuidanceReader {

    private final ObjectReader reader;

    ToolGuidanceReader(JsonMapper mapper) {
        this.reader = Objects.requireNonNull(mapper, "mapper").readerFor(ToolGuidanceFile.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }

    /** The guidance in the document, by tool name. */
    Map<String, ToolGuidance> read(String source, InputStream document) {
        try {
            ToolGuidanceFile file = reader.readValue(document);
            if (file == null) {
                throw new ConfigException("Tool guidance " + source + " is invalid: the document is null");
            }
            return file.tools();
        } catch (JacksonException e) {
            throw new ConfigException("Tool guidance " + source + " is invalid at " + path(e) + line(e) + ": "
                    + reason(e));
        }
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            }
        }
        return path.isEmpty() ? "the top level" : path.toString();
    }

    private static String line(JacksonException e) {
        return e.getLocation() != null && e.getLocation().getLineNr() > 0
                ? " (line " + e.getLocation().getLineNr() + ")" : "";
    }

    /** The record's own words when one of its invariants failed; Jackson's otherwise. */
    private static String reason(JacksonException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IllegalArgumentException invalid && invalid.getMessage() != null) {
                return invalid.getMessage();
            }
        }
        return e.getOriginalMessage();
    }
}
