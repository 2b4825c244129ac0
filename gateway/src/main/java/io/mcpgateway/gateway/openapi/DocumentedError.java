package io.mcpgateway.gateway.openapi;

import java.util.List;

/**
 * The failures of the error envelope as the OpenAPI document describes them: status, envelope type, an example code
 * and message, and the headers that come with them (ARCHITECTURE "Gateway HTTP API", rendered by ErrorRenderer).
 */
enum DocumentedError {

    VALIDATION(400, "ValidationError", "VALIDATION_FAILED",
            "The request is wrong: the body does not match the tool's input schema, or the tool rejected a value"
                    + " (details say where).", List.of()),
    AUTHENTICATION(401, "AuthenticationError", "MISSING_TOKEN",
            "No acceptable bearer token: missing, malformed, expired, or from an issuer this gateway does not trust.",
            List.of(ResponseHeaders.WWW_AUTHENTICATE)),
    AUTHORIZATION(403, "AuthorizationError", "INSUFFICIENT_SCOPE",
            "The token is valid but lacks a scope (or group) this route requires.",
            List.of(ResponseHeaders.WWW_AUTHENTICATE)),
    NOT_FOUND(404, "NotFoundError", "NOT_FOUND", "Nothing here.", List.of()),
    METHOD_NOT_ALLOWED(405, "MethodNotAllowedError", "METHOD_NOT_ALLOWED",
            "The path exists, the method does not; Allow lists the methods it takes.", List.of(ResponseHeaders.ALLOW)),
    REQUEST_TIMEOUT(408, "TimeoutError", "REQUEST_TIMEOUT",
            "The request body stopped arriving: the connection was idle past the server's timeout.", List.of()),
    PAYLOAD_TOO_LARGE(413, "PayloadTooLarge", "PAYLOAD_TOO_LARGE", "The request body is over the size limit.",
            List.of()),
    UNSUPPORTED_MEDIA_TYPE(415, "UnsupportedMediaTypeError", "UNSUPPORTED_MEDIA_TYPE",
            "The request body is not JSON (send Content-Type: application/json) or has a content coding (send it"
                    + " without one).", List.of()),
    MISDIRECTED(421, "MisdirectedRequestError", "HOST_NOT_ALLOWED",
            "The Host header names a host this gateway does not answer for (where a document is named by the Host,"
                    + " as the OAuth protected resource metadata is).", List.of()),
    RATE_LIMITED(429, "RateLimitError", "RATE_LIMIT_EXCEEDED",
            "Too many requests from this caller; retry after the time given.",
            List.of(ResponseHeaders.RETRY_AFTER, ResponseHeaders.RATE_LIMIT_LIMIT, ResponseHeaders.RATE_LIMIT_REMAINING,
                    ResponseHeaders.RATE_LIMIT_RESET)),
    INTERNAL(500, "InternalError", "INTERNAL_ERROR",
            "An unexpected error; nothing about it is shown, it is logged with the request id.", List.of()),
    SERVICE_UNAVAILABLE(503, "ServiceUnavailableError", "BACKEND_UNAVAILABLE",
            "The backend of this route cannot serve now (down, answering what the gateway cannot use, circuit"
                    + " open, or the tool failed); retry after the time given.", List.of(ResponseHeaders.RETRY_AFTER)),
    TIMEOUT(504, "TimeoutError", "BACKEND_TIMEOUT", "The backend did not answer in time.", List.of());

    /** The failures a route of the route table can answer, in status order. */
    static final List<DocumentedError> OF_ROUTES = List.of(VALIDATION, AUTHENTICATION, AUTHORIZATION,
            REQUEST_TIMEOUT, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, RATE_LIMITED, INTERNAL, SERVICE_UNAVAILABLE,
            TIMEOUT);

    /** Failures that only a request with a body can cause. */
    static final List<DocumentedError> OF_BODIES = List.of(REQUEST_TIMEOUT, PAYLOAD_TOO_LARGE,
            UNSUPPORTED_MEDIA_TYPE);

    private final int status;
    private final String type;
    private final String exampleCode;
    private final String description;
    private final List<String> headers;

    DocumentedError(int status, String type, String exampleCode, String description, List<String> headers) {
        this.status = status;
        this.type = type;
        this.exampleCode = exampleCode;
        this.description = description;
        this.headers = headers;
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }

    String exampleCode() {
        return exampleCode;
    }

    String description() {
        return description;
    }

    /** Names of the headers (components/headers) this failure carries besides X-Request-ID. */
    List<String> headers() {
        return headers;
    }

    /** The name of its reusable response in {@code components/responses}: the envelope type. */
    String componentName() {
        return type;
    }
}
