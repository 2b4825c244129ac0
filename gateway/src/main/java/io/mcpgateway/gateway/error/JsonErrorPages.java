package io.mcpgateway.gateway.error;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import io.mcpgateway.gateway.http.RequestContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answer to requests Jetty refuses before the gateway sees them (a malformed URI or request line, headers over
 * Jetty's limit): the gateway's error envelope with an {@code X-Request-ID}, instead of Jetty's HTML error page. The
 * reason Jetty gives is a fixed phrase about the request's form; no stack trace or server detail is written.
 */
public final class JsonErrorPages extends ErrorHandler {

    private final Clock clock;
    private final JsonMapper mapper;

    public JsonErrorPages(Clock clock, JsonMapper mapper) {
        this.clock = clock;
        this.mapper = mapper;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = request.getAttribute(ERROR_STATUS) instanceof Integer code ? code : response.getStatus();
        String id = UUID.randomUUID().toString();
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", status == 505 || status < 500 ? (status == 413 ? "PayloadTooLarge" : "ValidationError")
                : "InternalError");
        error.put("code", code(status));
        error.put("message", message(status, request.getAttribute(ERROR_MESSAGE) instanceof String reason
                ? reason : null));
        error.put("details", Map.of());
        error.put("request_id", id);
        error.put("timestamp", clock.instant().toString());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", false);
        body.put("error", error);
        response.setStatus(status);
        response.getHeaders().put(RequestContext.HEADER, id);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(mapper.writeValueAsBytes(body)), callback);
        return true;
    }

    private static String code(int status) {
        return switch (status) {
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 414 -> "URI_TOO_LONG";
            case 431 -> "REQUEST_HEADERS_TOO_LARGE";
            case 505 -> "HTTP_VERSION_NOT_SUPPORTED";
            default -> status >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST";
        };
    }

    private static String message(int status, String reason) {
        return switch (status) {
            case 413 -> "The request body is larger than the gateway accepts";
            case 414 -> "The request URI is longer than the gateway accepts";
            case 431 -> "The request headers are larger than the gateway accepts";
            case 505 -> "The HTTP version is not supported; use HTTP/1.1";
            default -> status >= 500 ? "The gateway failed to answer; see its logs for the request id"
                    : "The request is malformed" + (reason == null || reason.isBlank() ? "" : ": " + reason);
        };
    }
}
