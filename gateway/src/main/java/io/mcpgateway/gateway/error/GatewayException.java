package io.mcpgateway.gateway.error;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.mcpgateway.text.Echoed;
import io.mcpgateway.text.Plural;

/**
 * Every failure the gateway answers on purpose, one final subclass per type of the error envelope
 * ({@code {"success": false, "error": {"type", "code", "message", "details", ...}}}). Each carries its HTTP status, a
 * stable machine code, a message for the caller and details that are safe to show. {@link ErrorRenderer} renders
 * them all; anything else is a bug and becomes a bare InternalError.
 */
public abstract sealed class GatewayException extends RuntimeException {

    private final int status;
    private final String type;
    private final String code;
    private final Map<String, Object> details;

    private GatewayException(int status, String type, String code, String message, Map<String, ?> details) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    /** Extra response headers this failure needs (WWW-Authenticate, Retry-After, Allow). */
    public Map<String, String> headers() {
        return Map.of();
    }

    /** 400: the request is wrong; details say where. */
    public static final class Validation extends GatewayException {
        public Validation(String code, String message, Map<String, ?> details) {
            super(400, "ValidationError", code, message, details);
        }

        public static Validation of(String message) {
            return new Validation("VALIDATION_FAILED", message, Map.of());
        }
    }

    /** 401: no acceptable token; the challenge says why (RFC 6750 §3). */
    public static final class Authentication extends GatewayException {
        private final String challenge;

        public Authentication(String code, String message, String challenge) {
            super(401, "AuthenticationError", code, message, Map.of());
            this.challenge = challenge;
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("WWW-Authenticate", challenge);
        }
    }

    /** 403: the caller is known but may not do this. */
    public static final class Authorization extends GatewayException {
        private final String challenge;

        public Authorization(String message, Map<String, ?> details, String challenge) {
            super(403, "AuthorizationError", "INSUFFICIENT_SCOPE", message, details);
            this.challenge = challenge;
        }

        /** The same refusal with another {@code WWW-Authenticate} challenge. */
        public Authorization withChallenge(String challenge) {
            return new Authorization(getMessage(), details(), challenge);
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("WWW-Authenticate", challenge);
        }
    }

    /** 404: nothing here. */
    public static final class NotFound extends GatewayException {
        public NotFound(String message, Map<String, ?> details) {
            super(404, "NotFoundError", "NOT_FOUND", message, details);
        }
    }

    /** 405: the path exists, the method does not. */
    public static final class MethodNotAllowed extends GatewayException {
        private final String allowed;

        public MethodNotAllowed(String method, String path, String allowed) {
            super(405, "MethodNotAllowedError", "METHOD_NOT_ALLOWED",
                    method + " is not allowed on " + path + "; use " + allowed, Map.of("allowed_methods", allowed));
            this.allowed = allowed;
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("Allow", allowed);
        }
    }

    /** 421: the request's Host is not one this gateway answers for (RFC 9110 §15.5.20). */
    public static final class MisdirectedRequest extends GatewayException {
        public MisdirectedRequest(String message) {
            super(421, "MisdirectedRequestError", "HOST_NOT_ALLOWED", message, Map.of());
        }
    }

    /** 408: the client stopped sending its request body before the server's idle timeout. */
    public static final class RequestTimeout extends GatewayException {
        public RequestTimeout() {
            this("The request body did not arrive in time: the connection was idle too long");
        }

        /** The slowest a request body may arrive, cut off below (408): no client sends a real one byte by byte. */
        public static final long MIN_BODY_BYTES_PER_SECOND = 1024;

        private RequestTimeout(String message) {
            super(408, "TimeoutError", "REQUEST_TIMEOUT", message, Map.of());
        }

        /** A body that kept arriving, too slowly for any client but one holding the request open on purpose. */
        public static RequestTimeout tooSlow() {
            return new RequestTimeout("The request body arrived too slowly (under " + MIN_BODY_BYTES_PER_SECOND
                    + " bytes a second)");
        }
    }

    /** 413: the body is over the limit. */
    public static final class PayloadTooLarge extends GatewayException {
        public PayloadTooLarge(long limitBytes) {
            super(413, "PayloadTooLarge", "PAYLOAD_TOO_LARGE",
                    "Request body too large: the limit is " + limitBytes + " bytes", Map.of("max_bytes", limitBytes));
        }
    }

    /** 415: the body is not JSON. */
    public static final class UnsupportedMediaType extends GatewayException {
        public UnsupportedMediaType(String given) {
            this("Content-Type must be application/json" + (given == null ? "" : " but was " + given),
                    Map.of("expected", "application/json"));
        }

        private UnsupportedMediaType(String message, Map<String, ?> details) {
            super(415, "UnsupportedMediaTypeError", "UNSUPPORTED_MEDIA_TYPE", message, details);
        }

        /** A request body with a content or transfer coding (gzip...), which the gateway does not decode. */
        public static UnsupportedMediaType coding(String header, String coding) {
            String shown = Echoed.clip(coding, 64);
            return new UnsupportedMediaType(header + " " + shown + " is not accepted: send request bodies"
                    + " without a coding (chunked transfer excepted)", Map.of(header.toLowerCase(Locale.ROOT)
                    .replace('-', '_'), shown));
        }
    }

    /** 429: the caller is over a rate limit; the {@code X-RateLimit-*} headers say which, Retry-After when to retry. */
    public static final class RateLimit extends GatewayException {
        private final Map<String, String> headers;

        /**
         * @param rateLimitHeaders the {@code X-RateLimit-*} headers of the limit that refused
         */
        public RateLimit(long limit, Duration window, Duration retryAfter, Map<String, String> rateLimitHeaders) {
            super(429, "RateLimitError", "RATE_LIMIT_EXCEEDED",
                    "Rate limit exceeded: " + Plural.of(limit, "request") + " per " + Plural.of(window.toSeconds(),
                            "second") + "; retry after " + Plural.of(seconds(retryAfter), "second"),
                    rateLimitDetails(limit, window, retryAfter));
            Map<String, String> all = new LinkedHashMap<>(rateLimitHeaders);
            all.put("Retry-After", Long.toString(seconds(retryAfter)));
            this.headers = java.util.Collections.unmodifiableMap(all);
        }

        /**
         * A limit on what a caller holds at once rather than on a rate (open streams, say): {@code Retry-After} only,
         * as no window applies.
         */
        public RateLimit(String code, String message, Map<String, ?> details, Duration retryAfter) {
            super(429, "RateLimitError", code, message, details);
            this.headers = Map.of("Retry-After", Long.toString(seconds(retryAfter)));
        }

        private static Map<String, Object> rateLimitDetails(long limit, Duration window, Duration retryAfter) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("limit", limit);
            details.put("window", window.toSeconds());
            details.put("retry_after", seconds(retryAfter));
            return details;
        }

        private static long seconds(Duration duration) {
            return Math.max(1, duration.toSeconds());
        }

        @Override
        public Map<String, String> headers() {
            return headers;
        }
    }

    /** 500: a bug; nothing about it is shown. */
    public static final class Internal extends GatewayException {
        public Internal() {
            this("INTERNAL_ERROR", "An unexpected error occurred. It has been logged with this request's id.");
        }

        /** A failure the gateway understood, told in words fit for the caller (no class names, no secrets). */
        public Internal(String code, String message) {
            super(500, "InternalError", code, message, Map.of());
        }
    }

    /** 503: a backend cannot serve now; retry after the given time. */
    public static final class ServiceUnavailable extends GatewayException {
        /** When to try again after an outage the gateway cannot time: soon, as a probe may find it over. */
        public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

        private final Duration retryAfter;

        public ServiceUnavailable(String code, String message, Map<String, ?> details, Duration retryAfter) {
            super(503, "ServiceUnavailableError", code, message, details);
            this.retryAfter = retryAfter;
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())));
        }
    }

    /** 504: a backend did not answer in time (499: its client ended the call first). */
    public static final class Timeout extends GatewayException {
        private static final String BATCH_TIME_UP = "BATCH_TIME_UP";
        private static final String CANCELLED = "CANCELLED";
        private static final int CLIENT_CLOSED_REQUEST = 499;

        public Timeout(String backend, Duration limit) {
            this("BACKEND_TIMEOUT", "Backend '" + backend + "' did not answer within " + limit.toMillis() + " ms",
                    backend, limit);
        }

        private Timeout(String code, String message, String backend, Duration limit) {
            this(504, code, message, backend, limit);
        }

        private Timeout(int status, String code, String message, String backend, Duration limit) {
            super(status, "TimeoutError", code, message, Map.of("backend", backend, "timeout_ms", limit.toMillis()));
        }

        /** A call cut short by the end of the JSON-RPC batch it came in: the backend was not at fault. */
        public static Timeout batchTimeUp(String backend, Duration waited) {
            return new Timeout(BATCH_TIME_UP, "The call to backend '" + backend + "' was cut short after "
                    + waited.toMillis() + " ms: the JSON-RPC batch it came in had used its time; send it again,"
                    + " alone or in a smaller batch", backend, waited);
        }

        /**
         * A call its client cancelled ({@code notifications/cancelled}) or hung up on while it ran: the answer the
         * request still gets, which no client reads. Its status is nginx's 499 (client closed request), so that the
         * access log and the metrics count it as the client's doing, not as a 5xx to alert on.
         */
        public static Timeout cancelled(String backend) {
            return new Timeout(CLIENT_CLOSED_REQUEST, CANCELLED, "The call to backend '" + backend
                    + "' was cancelled by its client", backend, Duration.ZERO);
        }

        /** Whether the call's own batch ended it ({@link #batchTimeUp}), not the backend's time limit. */
        public boolean isBatchTimeUp() {
            return BATCH_TIME_UP.equals(code());
        }

        /**
         * Whether the call ended for reasons of its request, not of its backend: its batch's time ran out or its
         * client cancelled it. A caller that shared it (the response cache's coalescing) makes its own call.
         */
        public boolean endedByItsRequest() {
            return isBatchTimeUp() || CANCELLED.equals(code());
        }
    }
}
