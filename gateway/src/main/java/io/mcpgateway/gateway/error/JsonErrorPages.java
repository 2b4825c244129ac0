package io.mcpgateway.gateway.error;

import java.time.Clock;
import java.util.Map;

import org.eclipse.jetty.server.Response;

import io.mcpgateway.gateway.http.RequestContext;
import io.mcpgateway.mcpkit.JsonErrorHandler;
import io.mcpgateway.text.RequestIds;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answer to requests Jetty refuses before the gateway sees them (a malformed URI or request line, headers over
 * Jetty's limit): the gateway's error envelope with an {@code X-Request-ID}, instead of Jetty's HTML error page. The
 * reason Jetty gives is a fixed phrase about the request's form; no stack trace or server detail is written.
 */
public final class JsonErrorPages extends JsonErrorHandler {

    private final Clock clock;
    private final JsonMapper mapper;

    public JsonErrorPages(Clock clock, JsonMapper mapper) {
        this.clock = clock;
        this.mapper = mapper;
    }

    @Override
    protected byte[] body(int status, String reason, Response response) {
        Refusal refusal = refusal(status, reason);
        String id = RequestIds.newId();
        response.getHeaders().put(RequestContext.HEADER, id);
        return mapper.writeValueAsBytes(ErrorRenderer.envelope(refusal.type(), refusal.code(), refusal.message(),
                Map.of(), id, clock.instant()));
    }

    private record Refusal(String type, String code, String message) {
    }

    /** What the envelope says for Jetty's status; a 505 is the client's doing, so not an InternalError. */
    private static Refusal refusal(int status, String reason) {
        return switch (status) {
            case 413 -> new Refusal("PayloadTooLarge", "PAYLOAD_TOO_LARGE",
                    "The request body is larger than the gateway accepts");
            case 414 -> new Refusal("ValidationError", "URI_TOO_LONG",
                    "The request URI is longer than the gateway accepts");
            case 431 -> new Refusal("ValidationError", "REQUEST_HEADERS_TOO_LARGE",
                    "The request headers are larger than the gateway accepts");
            case 505 -> new Refusal("ValidationError", "HTTP_VERSION_NOT_SUPPORTED",
                    "The HTTP version is not supported; use HTTP/1.1");
            default -> status >= 500
                    ? new Refusal("InternalError", "INTERNAL_ERROR",
                            "The gateway failed to answer; see its logs for the request id")
                    : new Refusal("ValidationError", "BAD_REQUEST",
                            "The request is malformed" + (reason == null || reason.isBlank() ? "" : ": " + reason));
        };
    }
}
