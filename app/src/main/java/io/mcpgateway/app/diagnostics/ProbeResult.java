package io.mcpgateway.app.diagnostics;

import java.net.URI;
import java.util.Objects;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one HTTP request found: an answer (status and body) or a failure to get one (in words).
 *
 * @param status the HTTP status, or 0 when there was no answer
 * @param failure why there was no answer; null when there was one
 */
public record ProbeResult(URI uri, int status, String body, double millis, String failure) {

    public ProbeResult {
        Objects.requireNonNull(uri, "uri");
        body = body == null ? "" : body;
    }

    public static ProbeResult answered(URI uri, int status, String body, double millis) {
        return new ProbeResult(uri, status, body, millis, null);
    }

    public static ProbeResult failed(URI uri, String failure, double millis) {
        return new ProbeResult(uri, 0, "", millis, Objects.requireNonNull(failure, "failure"));
    }

    public boolean answered() {
        return failure == null;
    }

    /** Answered 2xx. */
    public boolean ok() {
        return answered() && status >= 200 && status < 300;
    }

    /** The body as JSON, or null when it is not JSON. */
    public JsonNode json(JsonMapper mapper) {
        try {
            JsonNode node = mapper.readTree(body);
            return node == null || node.isMissingNode() ? null : node;
        } catch (JacksonException e) {
            return null;
        }
    }

    /** Why this is not the expected answer: the failure, or the status (with the error message of an envelope). */
    public String problem(JsonMapper mapper) {
        if (!answered()) {
            return failure;
        }
        JsonNode json = json(mapper);
        String message = json == null ? "" : json.path("error").path("message").asString("");
        return "HTTP " + status + (message.isEmpty() ? "" : ": " + message);
    }
}
