package io.mcpgateway.app.diagnostics.logs;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a gateway JSON log line: logback's {@code JsonEncoder} shape ({@code timestamp} in epoch milliseconds,
 * {@code level}, {@code loggerName}, {@code formattedMessage} or {@code message}, {@code mdc}), tolerating the
 * common variants ({@code logger}, an ISO {@code timestamp}). Anything else is not a JSON log line.
 */
final class JsonLogLineParser {

    private final JsonMapper mapper;

    JsonLogLineParser(JsonMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** @param text a line without surrounding blanks */
    Optional<LogLine> parse(String text) {
        JsonNode json;
        try {
            json = mapper.readTree(text);
        } catch (JacksonException e) {
            return Optional.empty();
        }
        String logger = first(json, "loggerName", "logger");
        String message = first(json, "formattedMessage", "message");
        String level = first(json, "level");
        if (logger == null || message == null || level == null) {
            return Optional.empty();
        }
        Map<String, String> mdc = new HashMap<>();
        json.path("mdc").properties().forEach(e -> mdc.put(e.getKey(), e.getValue().asString("")));
        return Optional.of(new LogLine(timestamp(json.get("timestamp")), level, logger, message, mdc));
    }

    private static String first(JsonNode json, String... names) {
        for (String name : names) {
            JsonNode value = json.get(name);
            if (value != null && value.isString()) {
                return value.asString();
            }
        }
        return null;
    }

    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private static Instant timestamp(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isIntegralNumber()) { // from 1970 to 9999 only: a corrupt line's -1e17 is no time of a log
            long millis = value.asLong();
            return millis >= 0 && millis <= LATEST.toEpochMilli() ? Instant.ofEpochMilli(millis) : null;
        }
        if (value.isString()) {
            try {
                return Instant.parse(value.asString());
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }
}
