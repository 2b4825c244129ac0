package io.mcpgateway.app.diagnostics.logs;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One log line of the gateway, JSON (logback's {@code JsonEncoder}: {@code LOG_FORMAT=JSON}) or text.
 *
 * @param timestamp when it was logged; null when the line has no readable time or no date (a text line)
 * @param shownTime when it was logged as the report shows it: the timestamp, or a text line's time of day; null
 *     when unknown
 * @param mdc the request's fields: {@code request_id}, {@code caller}, {@code client_ip}, {@code route},
 *     {@code status}, {@code duration_ms}, {@code error_type}, {@code error_code}...
 */
record LogLine(Instant timestamp, String shownTime, String level, String logger, String message,
        Map<String, String> mdc) {

    /** The logger the gateway writes one line per finished request to. */
    static final String ACCESS_LOGGER = "access";

    LogLine {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(logger, "logger");
        Objects.requireNonNull(message, "message");
        mdc = Map.copyOf(mdc);
    }

    LogLine(Instant timestamp, String level, String logger, String message, Map<String, String> mdc) {
        this(timestamp, timestamp == null ? null : timestamp.toString(), level, logger, message, mdc);
    }

    boolean isAccess() {
        return ACCESS_LOGGER.equals(logger);
    }

    String field(String name) {
        return mdc.get(name);
    }
}
