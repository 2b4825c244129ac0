package io.mcpgateway.restaurant;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A caller's input that the domain rejects, with a message meant for the caller and machine-readable details.
 *
 * <p>The tools turn it into an error result whose {@code type} is {@link #type()}; the gateway maps it to 400.
 */
public final class InvalidInputException extends RuntimeException {

    public static final String VALIDATION_ERROR = "ValidationError";

    private final String type;
    private final Map<String, Object> details;

    private InvalidInputException(String type, String message, Map<String, Object> details) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.type = Objects.requireNonNull(type, "type");
        // LinkedHashMap keeps the detail order stable on the wire and allows null values.
        this.details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** A validation failure without details. */
    public static InvalidInputException validation(String message) {
        return new InvalidInputException(VALIDATION_ERROR, message, Map.of());
    }

    /** A validation failure with details, for example the valid values. */
    public static InvalidInputException validation(String message, Map<String, Object> details) {
        return new InvalidInputException(VALIDATION_ERROR, message, details);
    }

    public String type() {
        return type;
    }

    public Map<String, Object> details() {
        return details;
    }
}
