package io.mcpgateway.gateway.error;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

import io.mcpgateway.gateway.http.AccessLog;
import io.mcpgateway.gateway.http.RefusedRequest;
import io.mcpgateway.gateway.http.RequestContext;
import io.mcpgateway.gateway.http.RequestEnd;
import io.mcpgateway.gateway.metrics.RequestOutcome;
import io.mcpgateway.mcpkit.JsonErrorHandler;
import io.mcpgateway.text.RequestIds;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answer to requests Jetty refuses before the gateway sees them (a malformed URI or request line, headers over
 * Jetty's limit): the gateway's error envelope with an {@code X-Request-ID} (the caller's, when Jetty had read it),
 * instead of Jetty's HTML error page, and the access-log line and meters of any request. The reason Jetty gives is a
 * fixed phrase about the request's form; no stack trace or server detail is written.
 */
public final class JsonErrorPages extends JsonErrorHandler {

    private static final String INTERNAL_ERROR = "InternalError";

    private final Clock clock;
    private final JsonMapper mapper;
    private final AccessLog accessLog;

    public JsonErrorPages(Clock clock, JsonMapper mapper, AccessLog accessLog) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.accessLog = Objects.requireNonNull(accessLog, "accessLog");
    }

    @Override
    protected byte[] body(Request request, int status, String reason, Response response) {
        Refusal refusal = refusal(status, reason);
        // a refusal after the headers were read (an absolute target naming another host, OPTIONS *) still has them;
        // one while reading the request line or the headers (a second Host, headers over the limit) has none, and
        // gets a fresh id
        String id = RequestIds.acceptOrCreate(request.getHeaders().get(RequestContext.HEADER));
        response.getHeaders().put(RequestContext.HEADER, id);
        // Jetty's refusals of a request's form, and its 404 for a target no handler takes (OPTIONS *), only: a
        // connection that ended before its request did (Jetty fails it with a 500 no one reads) is no request; one the
        // router took was recorded when it ended (RequestEnd)
        Object cause = request.getAttribute(ERROR_EXCEPTION);
        if ((cause instanceof HttpException || cause == null && status == 404) && !RequestEnd.took(request)) {
            accessLog.record(RefusedRequest.of(request, status, refusal.outcome(), refusal.type(), refusal.code(),
                    id));
        }
        return mapper.writeValueAsBytes(ErrorRenderer.envelope(refusal.type(), refusal.code(), refusal.message(),
                Map.of(), id, clock.instant()));
    }

    private record Refusal(String type, String code, String message) {

        /** The client's error but for an InternalError: no client can make up server errors the alerts watch. */
        RequestOutcome outcome() {
            return INTERNAL_ERROR.equals(type) ? RequestOutcome.SERVER_ERROR : RequestOutcome.CLIENT_ERROR;
        }
    }

    /** What the envelope says for Jetty's status; a 505 is the client's doing, so not an InternalError. */
    private static Refusal refusal(int status, String reason) {
        return switch (status) {
            case 404 -> new Refusal("NotFoundError", "NOT_FOUND", // a target no route can take, as OPTIONS *
                    "No route for this request target");
            case 413 -> new Refusal("PayloadTooLarge", "PAYLOAD_TOO_LARGE",
                    "The request body is larger than the gateway accepts");
            case 414 -> new Refusal("ValidationError", "URI_TOO_LONG",
                    "The request URI is longer than the gateway accepts");
            case 431 -> new Refusal("ValidationError", "REQUEST_HEADERS_TOO_LARGE",
                    "The request headers are larger than the gateway accepts");
            case 505 -> new Refusal("ValidationError", "HTTP_VERSION_NOT_SUPPORTED",
                    "The HTTP version is not supported; use HTTP/1.1");
            default -> status >= 500
                    ? new Refusal(INTERNAL_ERROR, "INTERNAL_ERROR",
                            "The gateway failed to answer; see its logs for the request id")
                    : new Refusal("ValidationError", "BAD_REQUEST", "The request is malformed"
                            // Jetty's reason when it says more than its status ("Duplicate Host Header", "No URI")
                            + (reason == null || reason.isBlank() || reason.equals(HttpStatus.getMessage(status)) ? ""
                                    : ": " + reason));
        };
    }
}
