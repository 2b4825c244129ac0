package io.mcpgateway.gateway.mcp;

import java.util.Map;
import java.util.Objects;

import io.mcpgateway.mcpkit.ClientResponses;

/**
 * One JSON-RPC message posted to {@code /mcp}, sorted by what the gateway does with it: a request is answered, a
 * notification or a client's response is taken without an answer, anything else is refused as an invalid request.
 *
 * @param id a request's id; for an invalid message, its id when that could be read, else null
 * @param method a request's or notification's method, else null
 * @param params a request's or notification's params as sent (any JSON value, or null)
 * @param problem why an invalid message is one, else null
 */
record McpMessage(Kind kind, Object id, String method, Object params, String problem) {

    enum Kind { REQUEST, NOTIFICATION, RESPONSE, INVALID }

    McpMessage {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.REQUEST || kind == Kind.NOTIFICATION) != (method != null)
                || kind == Kind.REQUEST && !JsonRpc.isId(id) || (kind == Kind.INVALID) != (problem != null)) {
            throw new IllegalArgumentException("Not a well-formed " + kind + " message");
        }
    }

    static McpMessage request(Object id, String method, Object params) {
        return new McpMessage(Kind.REQUEST, id, method, params, null);
    }

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
            return readableId == null ? invalid(null, JsonRpc.ID_PROBLEM)
                    : request(id, method, message.get("params"));
        }
        if (ClientResponses.isMeantAsOne(message)) { // a client's answer: nothing here asks any
            String problem = ClientResponses.problem(message);
            // refused with the id null: a response's id is one of the server's requests, not a request of the client's
            return problem == null ? new McpMessage(Kind.RESPONSE, null, null, null, null)
                    : invalid(null, "Not a JSON-RPC 2.0 response: " + problem);
        }
        return invalid(readableId, "Not a JSON-RPC 2.0 request: jsonrpc must be \"2.0\" and method a string");
    }

    /** The JSON-RPC error that answers an invalid message. */
    Map<String, Object> refusal() {
        return JsonRpc.invalidRequest(id, problem);
    }

    private static McpMessage invalid(Object id, String problem) {
        return new McpMessage(Kind.INVALID, id, null, null, problem);
    }
}
