package io.mcpgateway.gateway.mcp;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

import io.mcpgateway.gateway.error.GatewayException;

/** JSON-RPC 2.0 answer bodies. */
public final class JsonRpc {

    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;
    /** The first of the codes JSON-RPC leaves to implementations for server errors. */
    public static final int SERVER_ERROR = -32000;
    /** Why an id is refused. */
    public static final String ID_PROBLEM = "id must be a string or an integer";

    private JsonRpc() {
    }

    /** Whether {@code id} can be a request's id in MCP: a string or an integer (never null, a fraction or a structure). */
    public static boolean isId(Object id) {
        return id instanceof String || id instanceof Integer || id instanceof Long || id instanceof BigInteger;
    }

    public static Map<String, Object> result(Object id, Object result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jsonrpc", "2.0");
        body.put("id", id);
        body.put("result", result);
        return body;
    }

    /**
     * The answer to a body that could not be read as a request object: a parse error (-32700) when it was not JSON at
     * all, else an invalid request (-32600; empty, not an object, too large, not JSON by its content type), with the
     * reason in {@code data}.
     */
    public static Map<String, Object> unreadableBody(GatewayException refusal) {
        return "MALFORMED_JSON".equals(refusal.code())
                ? error(null, PARSE_ERROR, "Parse error", Map.of("error_type", "ParseError",
                        "detail", refusal.getMessage()))
                : invalidRequest(null, refusal.getMessage());
    }

    /** An invalid request (-32600), with the reason in {@code data.detail}. */
    public static Map<String, Object> invalidRequest(Object id, String detail) {
        return error(id, INVALID_REQUEST, "Invalid Request", Map.of("error_type", "InvalidRequest", "detail", detail));
    }

    public static Map<String, Object> error(Object id, int code, String message) {
        return error(id, code, message, null);
    }

    /** @param data what the error says beyond its code and message (any JSON value); left out when null */
    public static Map<String, Object> error(Object id, int code, String message, Object data) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        if (data != null) {
            error.put("data", data);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jsonrpc", "2.0");
        body.put("id", id);
        body.put("error", error);
        return body;
    }
}
