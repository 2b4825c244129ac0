package io.mcpgateway.gateway.backend;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.mcpgateway.json.ResultHints;
import tools.jackson.databind.JsonNode;

/**
 * What a tool answered: either its data, or its own error (the tool ran and refused, for example bad input).
 *
 * @param data the success result's {@code data} (or the whole structured result of a tool without the envelope): a
 *     {@code JsonNode}, or the backend's own bytes ({@link io.mcpgateway.json.RawJson}) passed through unparsed
 * @param errorType the tool's error type, for example {@code ValidationError}; null on success
 * @param result the backend's MCP {@code CallToolResult} as it came (a {@code JsonNode} or raw bytes), for callers
 *     that speak MCP themselves; null when not known
 * @param reusable false when the tool said a repeated call would not give this again ({@link ResultHints#NO_STORE}):
 *     no cache may answer with it
 */
public record ToolOutcome(Object data, String errorType, String errorMessage, Map<String, Object> errorDetails,
        Object result, boolean reusable) {

    public static ToolOutcome success(Object data) {
        return new ToolOutcome(Objects.requireNonNull(data, "data"), null, null, Map.of(), null, true);
    }

    /** @param details as the tool gave them, nulls included (Map.copyOf refused those: a 500 for the caller) */
    public static ToolOutcome error(String type, String message, Map<String, Object> details) {
        return new ToolOutcome(null, Objects.requireNonNull(type, "type"), Objects.requireNonNull(message, "message"),
                Collections.unmodifiableMap(new LinkedHashMap<>(details)), null, true);
    }

    /** The same outcome, remembering the backend's whole MCP result. */
    public ToolOutcome withResult(Object callToolResult) {
        return new ToolOutcome(data, errorType, errorMessage, errorDetails, callToolResult, reusable);
    }

    /** The same outcome, which no cache may keep. */
    public ToolOutcome notReusable() {
        return new ToolOutcome(data, errorType, errorMessage, errorDetails, result, false);
    }

    public boolean isSuccess() {
        return errorType == null;
    }
}
