package io.mcpgateway.gateway.openapi;

import java.util.List;

import io.mcpgateway.gateway.http.RequestContext;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The response headers the document describes once, in {@code components/headers}, and refers to by name. */
final class ResponseHeaders {

    static final String REQUEST_ID = RequestContext.HEADER;
    static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    static final String RETRY_AFTER = "Retry-After";
    static final String ALLOW = "Allow";
    static final String RATE_LIMIT_LIMIT = "X-RateLimit-Limit";
    static final String RATE_LIMIT_REMAINING = "X-RateLimit-Remaining";
    static final String RATE_LIMIT_RESET = "X-RateLimit-Reset";
    /** The headers of the caller's tightest rate limit, on every authenticated answer of a limited route. */
    static final List<String> RATE_LIMITS = List.of(RATE_LIMIT_LIMIT, RATE_LIMIT_REMAINING, RATE_LIMIT_RESET);

    private ResponseHeaders() {
    }

    /** The {@code components/headers} object. */
    static ObjectNode components() {
        ObjectNode headers = JsonNodeFactory.instance.objectNode();
        headers.set(REQUEST_ID, header("The request's id: the caller's X-Request-ID when it was a sensible token"
                + " (letters, digits, . _ : -, at most 128), otherwise a new UUID. Also in every log line and error.",
                "string"));
        headers.set(WWW_AUTHENTICATE, header("The bearer challenge (RFC 6750 section 3), for example"
                + " Bearer realm=\"mcp-tools-gateway\", error=\"invalid_token\", error_description=\"...\".", "string"));
        headers.set(ALLOW, header("The methods the path takes, comma-separated.", "string"));
        headers.set(RETRY_AFTER, header("Seconds to wait before trying again.", "integer"));
        headers.set(RATE_LIMIT_LIMIT, header("Requests this caller may make per window on this route, of the limit"
                + " (burst or per minute) with the fewest left. Absent when the route has no limits.", "integer"));
        headers.set(RATE_LIMIT_REMAINING, header("Requests left in that limit's current window.", "integer"));
        headers.set(RATE_LIMIT_RESET, header("Seconds (from now, not a timestamp) until that limit's window ends and"
                + " its whole quota is back.", "integer"));
        return headers;
    }

    /** A response's {@code headers} object: X-Request-ID, then the named ones, each a reference. */
    static ObjectNode of(List<String> names) {
        ObjectNode headers = JsonNodeFactory.instance.objectNode();
        headers.set(REQUEST_ID, OpenApiRefs.header(REQUEST_ID));
        names.forEach(name -> headers.set(name, OpenApiRefs.header(name)));
        return headers;
    }

    private static ObjectNode header(String description, String type) {
        ObjectNode header = JsonNodeFactory.instance.objectNode();
        header.put("description", description);
        header.putObject("schema").put("type", type);
        return header;
    }
}
