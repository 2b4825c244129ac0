package io.mcpgateway.mcpkit;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests Jetty refuses before the server sees them get a JSON-RPC error, as every other refusal of these servers
 * does: -32600 with a fixed phrase for the status, or -32603 for a server error. No server detail is written.
 */
final class JsonRpcErrorPages extends JsonErrorHandler {

    private final JsonMapper mapper;

    JsonRpcErrorPages(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    protected byte[] body(Request request, int status, String reason, Response response) {
        return SafeErrorResponse.answer(mapper, null, status >= 500 && status != 505
                ? SafeErrorResponse.error(ErrorCodes.INTERNAL_ERROR, "Internal error")
                : SafeErrorResponse.error(ErrorCodes.INVALID_REQUEST, message(status)));
    }

    private static String message(int status) {
        return switch (status) {
            case 413 -> "The request body is larger than this server accepts";
            case 414 -> "The request URI is longer than this server accepts";
            case 431 -> "The request headers are larger than this server accepts";
            case 505 -> "The HTTP version is not supported; use HTTP/1.1";
            default -> "The HTTP request is malformed";
        };
    }
}
