package io.mcpgateway.gateway.backend;

import java.time.Duration;
import java.util.Set;

import io.mcpgateway.gateway.config.ShownProblems;
import io.mcpgateway.text.Echoed;

/** A backend call that did not produce a tool result, and why; not the caller's fault, but for {@link Kind#REFUSED}. */
public final class BackendFailure extends Exception {

    /** What went wrong, which decides the answer (503 or 504) and the metric outcome. */
    public enum Kind {
        /** Connection refused, reset, or an HTTP error status. */
        UNAVAILABLE("unavailable"),
        /** No answer within the request timeout. */
        TIMEOUT("timeout"),
        /** An answer that is not a usable JSON-RPC response, or a JSON-RPC error saying the request was unusable. */
        PROTOCOL("protocol_error"),
        /**
         * An answer larger than {@code max_response_bytes}: the backend works, and this call's answer would be as large
         * again. Not retried, and not counted by the circuit breaker, or any caller could open it for all by asking
         * for a large result.
         */
        TOO_LARGE("too_large"),
        /**
         * Not sent: the gateway's own connections to the backend were all in use with calls queued for them. Says
         * nothing of the backend, so its circuit breaker does not count it, and it is not retried.
         */
        BUSY("busy"),
        /**
         * Not sent: the request cannot be written as HTTP (a header value the gateway was given holds a line break).
         * The gateway's fault, not the backend's: not retried, not counted by the circuit breaker, answered 500.
         */
        NOT_SENT("not_sent"),
        /**
         * A tool call the backend refused as a whole for what it holds: over a size limit of its own (HTTP 413,
         * 414, 431), or a 400 with a JSON-RPC parse error (-32700) for the well-formed JSON the gateway sent, as our
         * servers answer arguments nested past their parser's limit. Not retried, and not counted by the circuit
         * breaker, or any caller could open it for all with such a call; any other 4xx is counted, so a backend
         * refusing every call still shows as failing.
         */
        REFUSED("refused");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The statuses that refuse one request for its size, not every request. */
    private static final Set<Integer> SIZE_REFUSALS = Set.of(413, 414, 431);

    /** The most of a backend's own text a failure's log detail repeats. */
    static final int MAX_ECHOED = 200;

    /** The {@link #httpStatus()} of a failure that got no HTTP answer at all (refused, reset, timed out). */
    public static final int NO_HTTP_STATUS = 0;

    private final Kind kind;
    private final String backend;
    private final int httpStatus;
    /** What came from the backend, for the log only; null when there is nothing more to say. */
    private final String logDetail;
    /** The wait the backend asked for with its answer ({@code Retry-After}); null when it asked none. */
    private final Duration retryAfter;

    public BackendFailure(Kind kind, String backend, String message) {
        this(kind, backend, NO_HTTP_STATUS, message);
    }

    /** A failure the backend answered with an HTTP error status. */
    public BackendFailure(Kind kind, String backend, int httpStatus, String message) {
        this(kind, backend, httpStatus, message, null, null);
    }

    private BackendFailure(Kind kind, String backend, int httpStatus, String message, String logDetail,
            Duration retryAfter) {
        super(message, null, false, false);
        this.kind = kind;
        this.backend = backend;
        this.httpStatus = httpStatus;
        this.logDetail = logDetail;
        this.retryAfter = retryAfter;
    }

    /**
     * A failure whose message is said wherever failures are (the public {@code /health} among them) and whose
     * {@code logDetail} (what the backend sent: a page may name internal hosts) only in the log ({@link #forLog}).
     */
    static BackendFailure withLogDetail(Kind kind, String backend, String message, String logDetail) {
        return new BackendFailure(kind, backend, NO_HTTP_STATUS, message, logDetail, null);
    }

    /** The message, with what came from the backend when there is more to say: for the log, never for a page. */
    public String forLog() {
        return logDetail == null ? getMessage() : getMessage() + " " + logDetail;
    }

    /**
     * A backend's MCP endpoint answered {@code status} to {@code method}. A 421 is said in the words an operator needs:
     * the server does not accept the Host the gateway sends, the most likely mistake when a backend's URL is another
     * name of the server (a Kubernetes service's full name, say) than the ones it allows. The host is not named: the
     * message is shown by the public {@code /health}, and the backend's address is the operator's to know.
     */
    static BackendFailure httpStatus(String backend, BackendConnections.Answer answer, String method,
            boolean parseError) {
        int status = answer.status();
        Duration retryAfter = answer.retryAfter();
        if (method.equals("tools/call") && (SIZE_REFUSALS.contains(status) || status == 400 && parseError)) {
            return new BackendFailure(Kind.REFUSED, backend, status, "backend '" + backend + "' refused the call"
                    + " with HTTP " + status);
        }
        String message = "backend '" + backend + "' answered HTTP " + status + " to " + method;
        if (status == 421) {
            message += " (Misdirected Request): it does not accept the Host the gateway sends (the host and port of"
                    + " the backend's url); allow that host on the server (this project's MCP servers: --allowed-host"
                    + " or MCP_ALLOWED_HOSTS)";
        }
        if (retryAfter != null) {
            message += " asking to be called again in " + retryAfter.toSeconds() + " s";
        }
        String logDetail = null;
        if (status / 100 == 3 && status != 304) {
            message += " (a redirect, which the gateway does not follow)";
            // where it leads tells the operator the url to set (a missing trailing slash, http to https); the log's
            // only, as the host is, and without what may be a secret (a login page's query, user information)
            logDetail = answer.location() == null ? null : "(Location: " + Echoed.oneLine(ShownProblems
                    .urlWithoutUserInfo(answer.location().replaceFirst("[?#].*", "")), MAX_ECHOED) + ")";
        }
        return new BackendFailure(Kind.UNAVAILABLE, backend, status, message, logDetail, retryAfter);
    }

    public Kind kind() {
        return kind;
    }

    public String backend() {
        return backend;
    }

    /** The wait the backend asked for ({@code Retry-After} on its error status), or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The HTTP status the backend answered with, or {@link #NO_HTTP_STATUS} when there was no HTTP answer. */
    public int httpStatus() {
        return httpStatus;
    }
}
