package io.mcpgateway.mcpkit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A tool call whose arguments are wrong. The tool answers with an error result ({@code isError: true}) carrying the
 * type, message and details, never with a JSON-RPC error: the call was well-formed MCP, its content was not.
 */
public final class ToolInputException extends RuntimeException {

    public static final String VALIDATION_ERROR = "ValidationError";

    private final String type;
    private final Map<String, Object> details;

    public ToolInputException(String type, String message, Map<String, ?> details) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.type = Objects.requireNonNull(type, "type");
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** A validation failure without details. */
    public static ToolInputException validation(String message) {
        return new ToolInputException(VALIDATION_ERROR, message, Map.of());
    }

    public String type() {
        return type;
    }

    public Map<String, Object> details() {
        return details;
    }
}
