package io.mcpgateway.mcpkit;

import io.mcpgateway.json.UnwritableValues;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The id of a refused JSON-RPC message, which its error answer repeats when it can (JSON-RPC 2.0 §5). */
final class MessageIds {

    private MessageIds() {
    }

    /**
     * A message's id when an answer can carry it back (a string holding no half surrogate pair, or an integer); null
     * for a client's response (no method, a result or an error), whose id names a request of the server's, not one of
     * the client's, as the gateway has it.
     */
    static Object readable(JsonNode message) {
        if (message == null || !message.has("method") && (message.has("result") || message.has("error"))) {
            return null;
        }
        JsonNode id = message.get("id");
        return id != null && (id.isString() && !UnwritableValues.in(id.stringValue()) || id.isIntegralNumber()) ? id
                : null;
    }

    /** The id of the message {@code body} holds, as {@link #readable(JsonNode)} reads it; null when it is no JSON. */
    static Object readable(JsonMapper mapper, byte[] body) {
        try {
            return readable(mapper.readTree(body));
        } catch (JacksonException e) {
            return null;
        }
    }
}
