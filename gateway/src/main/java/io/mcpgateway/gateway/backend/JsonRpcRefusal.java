package io.mcpgateway.gateway.backend;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * A backend's JSON-RPC error in answer to a {@code tools/call}: the tool, or the server on its behalf, refused this
 * call. MCP servers answer so for arguments they refuse and for tools they do not have (-32602, which a tool dropped
 * since the gateway's last listing gets too), and many SDKs for an error a tool raises. It is the answer to this call,
 * not a sign that the backend is down: were it counted as a backend failure, any caller could open the backend's
 * circuit breaker for every other caller by repeating a call the backend refuses.
 *
 * <p>{@code /mcp} passes it on as the JSON-RPC error it is; the REST routes answer it as the tool's own error
 * ({@link #outcome()}). The codes that say the backend could not take the gateway's request at all (parse error,
 * invalid request, method not found) stay backend failures: no argument of a caller's leads to them.
 *
 * @param data the error's {@code data}, as the backend sent it; null when absent
 */
public record JsonRpcRefusal(int code, String message, JsonNode data) {

    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL_ERROR = -32603;
    /** The tool error type of a refusal with any other code. */
    static final String ERROR_TYPE = "JsonRpcError";

    private static final Set<Integer> NOT_THE_CALLS = Set.of(-32700, -32600, -32601);

    /**
     * The refusal that {@code error}, a JSON-RPC error object answering a tools/call, stands for; null when it is
     * malformed (no integer code) or says that the backend could not take the request at all.
     */
    static JsonRpcRefusal of(JsonNode error) {
        JsonNode code = error.path("code");
        if (!code.isIntegralNumber() || !code.canConvertToInt() || NOT_THE_CALLS.contains(code.intValue())) {
            return null;
        }
        String message = error.path("message").asString("").strip();
        JsonNode data = error.get("data");
        return new JsonRpcRefusal(code.intValue(), message.isEmpty()
                ? "the backend refused the call (JSON-RPC error " + code.intValue() + ")" : message,
                data == null || data.isNull() ? null : data);
    }

    /**
     * The tool error this refusal is to a REST caller: invalid params are the caller's arguments refused (a
     * {@code ValidationError}, 400), an internal error is the tool failing by itself (its message withheld, as a
     * tool's own {@code InternalError}'s is), any other code an error of the tool's; the code goes in the details.
     */
    public ToolOutcome outcome() {
        String type = switch (code) {
            case INVALID_PARAMS -> "ValidationError";
            case INTERNAL_ERROR -> ToolErrors.INTERNAL_ERROR;
            default -> ERROR_TYPE;
        };
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("jsonrpc_code", code);
        if (data != null) {
            details.put("data", data);
        }
        return ToolOutcome.error(type, message, details).withResult(this);
    }
}
