package io.mcpgateway.gateway.backend;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** A backend's {@code Retry-After} (RFC 9110 §10.2.3): seconds, or the date to come back at. */
final class RetryAfterHeader {

    /** The longest wait believed: a backend asking callers to stay away for days is not one to pass on as it is. */
    static final Duration AT_MOST = Duration.ofHours(1);

    private RetryAfterHeader() {
    }

    /** The wait {@code value} asks for, at most {@link #AT_MOST}; null when absent or unreadable. */
    static Duration read(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        try {
            if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return text.length() > 7 ? AT_MOST : capped(Duration.ofSeconds(Long.parseLong(text)));
            }
            Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(Instant.now(), at);
            return wait.isNegative() ? Duration.ZERO : capped(wait);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Duration capped(Duration wait) {
        return wait.compareTo(AT_MOST) > 0 ? AT_MOST : wait;
    }
}
