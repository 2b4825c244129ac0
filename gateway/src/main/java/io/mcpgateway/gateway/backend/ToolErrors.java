package io.mcpgateway.gateway.backend;

import static io.mcpgateway.gateway.error.GatewayException.ServiceUnavailable.RETRY_AFTER;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mcpgateway.gateway.error.GatewayException;
import io.mcpgateway.text.Echoed;

/**
 * What the gateway answers for a tool's own error. A tool's messages are written for its callers and are passed on,
 * but for an {@code InternalError}: the tool failed by itself, and its message may say how (the original servers put
 * the exception's text there, REFERENCE-SPEC 2.2), which no client of the gateway should read. That message goes to
 * the gateway's log, under the request's id, and the client gets one that names the tool and the error's type.
 */
public final class ToolErrors {

    /** The error type of a tool that failed by itself rather than refused its input. */
    public static final String INTERNAL_ERROR = "InternalError";

    private static final Logger log = LoggerFactory.getLogger(ToolErrors.class);
    /** The most of a backend's error message a log line repeats. */
    static final int LOGGED_MESSAGE_CHARS = 2_000;

    private ToolErrors() {
    }

    /** Whether the tool's own answer may reach the client as it is. */
    public static boolean passesOn(ToolOutcome outcome) {
        return outcome.isSuccess() || !INTERNAL_ERROR.equals(outcome.errorType());
    }

    /** The refusal of a held tool: its backend changed its definition, which an operator has not accepted yet. */
    public static GatewayException held(String backend, String tool) {
        return new GatewayException.ServiceUnavailable("TOOL_DEFINITION_CHANGED", "The tool " + tool
                + " is held: backend '" + backend + "' changed its definition, which an operator has not"
                + " accepted yet (see /tools/pins)", Map.of("backend", backend, "tool", tool), RETRY_AFTER);
    }

    /** The failure to answer for {@code outcome}, an error of {@code tool} on {@code backend}. */
    public static GatewayException failure(String backend, String tool, ToolOutcome outcome) {
        if ("ValidationError".equals(outcome.errorType())) {
            return new GatewayException.Validation("TOOL_VALIDATION_ERROR", outcome.errorMessage(),
                    outcome.errorDetails());
        }
        // said here, once, for the REST routes and /mcp alike; on one line and bounded: in text logs a backend's line
        // breaks could pass for lines of the gateway's
        log.warn("Tool {} of backend '{}' failed by itself ({}): {}", tool, backend, outcome.errorType(),
                Echoed.oneLine(outcome.errorMessage(), LOGGED_MESSAGE_CHARS));
        String message = passesOn(outcome) ? "The tool " + tool + " failed: " + outcome.errorMessage()
                : "The tool " + tool + " of backend '" + backend + "' failed by itself (" + INTERNAL_ERROR
                        + "); the gateway's log has its message under this request's id";
        return new GatewayException.ServiceUnavailable("TOOL_FAILED", message,
                Map.of("backend", backend, "tool", tool, "tool_error_type", outcome.errorType()), RETRY_AFTER);
    }
}
