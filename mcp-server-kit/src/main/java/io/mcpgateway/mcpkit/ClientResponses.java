package io.mcpgateway.mcpkit;

import java.math.BigInteger;
import java.util.Map;

/**
 * A JSON-RPC response a client posts, as MCP clients answer a server's requests (sampling, elicitation). Stateless
 * servers and the gateway ask none, so a well-formed one is taken without an answer (202); one that is no
 * well-formed JSON-RPC 2.0 response is an invalid message like any other, alone or in a batch.
 */
public final class ClientResponses {

    private ClientResponses() {
    }

    /** Whether {@code message} is meant as a response: it has a result or an error, and no method. */
    public static boolean isMeantAsOne(Map<?, ?> message) {
        return !message.containsKey("method") && (message.containsKey("result") || message.containsKey("error"));
    }

    /** Why {@code message}, meant as a response, is no well-formed one; null when it is one. */
    public static String problem(Map<?, ?> message) {
        if (!"2.0".equals(message.get("jsonrpc"))) {
            return "jsonrpc must be \"2.0\"";
        }
        if (message.containsKey("result") == message.containsKey("error")) {
            return "a response holds either a result or an error";
        }
        Object id = message.get("id");
        if (!message.containsKey("error")) {
            return isId(id) ? null : "its id must be the request's, a string or an integer";
        }
        if (!(message.get("error") instanceof Map<?, ?> error) || !isInteger(error.get("code"))
                || !(error.get("message") instanceof String)) {
            return "error must be an object with an integer code and a string message";
        }
        // JSON-RPC: an error about a request whose id could not be read has the id null
        return isId(id) || id == null && message.containsKey("id") ? null
                : "its id must be the request's, a string or an integer, or null";
    }

    private static boolean isId(Object id) {
        return id instanceof String || isInteger(id);
    }

    private static boolean isInteger(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof BigInteger;
    }
}
