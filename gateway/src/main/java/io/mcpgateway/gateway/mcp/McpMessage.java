package io.mcpgateway.gateway.mcp;

import java.util.Map;

/**
 * One JSON-RPC message posted to {@code /mcp}, sorted by what the gateway does with it: a request is answered, a
 * notification or a client's response is taken without an answer, anything else is refused as an invalid request.
 *
 * @param id the request's id; for an invalid message, its id when that could be read, else null
 * @param params the request's or notification's params as sent (any JSON value, or null)
 * @param problem why an invalid message is one
 */
record McpMessage(Kind kind, Object id, String method, Object params, String problem) {

    enum Kind { REQUEST, NOTIFICATION, RESPONSE, INVALID }

    static McpMessage of(Object value) {
        if (!(value instanceof Map<?, ?> message)) {
            return invalid(null, "A JSON-RPC message is a JSON object");
        }
        Object id = message.get("id");
        Object readableId = JsonRpc.isId(id) ? id : null;
        if ("2.0".equals(message.get("jsonrpc")) && message.get("method") instanceof String method) {
            if (!message.containsKey("id")) {
                return new McpMessage(Kind.NOTIFICATION, null, method, message.get("params"), null);
            }
            // MCP: a request's id is a string or an integer, never null; any other could not be matched to its answer
            return readableId == null ? invalid(null, "id must be a string or an integer")
                    : new McpMessage(Kind.REQUEST, id, method, message.get("params"), null);
        }
        if (message.containsKey("result") || message.containsKey("error")) {
            return new McpMessage(Kind.RESPONSE, null, null, null, null); // a client's answer: nothing here asks any
        }
        return invalid(readableId, "Not a JSON-RPC 2.0 request: jsonrpc must be \"2.0\" and method a string");
    }

    /** The JSON-RPC error that answers an invalid message. */
    Map<String, Object> refusal() {
        return invalidRequest(id, problem);
    }

    static Map<String, Object> invalidRequest(Object id, String detail) {
        return JsonRpc.error(id, JsonRpc.INVALID_REQUEST, "Invalid Request", Map.of(
                "error_type", "InvalidRequest", "detail", detail));
    }

    private static McpMessage invalid(Object id, String problem) {
        return new McpMessage(Kind.INVALID, id, null, null, problem);
    }
}
