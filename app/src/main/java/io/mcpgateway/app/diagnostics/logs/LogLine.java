package io.mcpgateway.app.diagnostics.logs;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One JSON log line of the gateway (logback's {@code JsonEncoder}: {@code LOG_FORMAT=JSON}).
 *
 * @param timestamp when it was logged; null when the line has no readable time
 * @param mdc the request's fields: {@code request_id}, {@code caller}, {@code route}, {@code status},
 *     {@code duration_ms}, {@code error_type}, {@code error_code}...
 */
record LogLine(Instant timestamp, String level, String logger, String message, Map<String, String> mdc) {

    /** The logger the gateway writes one line per finished request to. */
    static final String ACCESS_LOGGER = "access";

    LogLine {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(logger, "logger");
        Objects.requireNonNull(message, "message");
        mdc = Map.copyOf(mdc);
    }

    boolean isAccess() {
        return ACCESS_LOGGER.equals(logger);
    }

    String field(String name) {
        return mdc.get(name);
    }
}
