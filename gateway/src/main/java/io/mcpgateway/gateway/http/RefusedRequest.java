package io.mcpgateway.gateway.http;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.NanoTime;

import io.mcpgateway.gateway.metrics.RequestOutcome;

/**
 * A request Jetty refused before the router saw it (a malformed request line or URI, a bad Host, headers over the
 * limit), as its access-log line shows it.
 *
 * @param method the method sent (printable ASCII), or "-" when Jetty could not read the request line
 * @param path the path sent (no query), printable ASCII cut after {@value #MAX_PATH_CHARS} characters, or "-" when
 *     Jetty could not read it
 * @param outcome the client's error, but for what the envelope calls the gateway's (a 505 is the client's)
 * @param errorType the error envelope's type
 * @param errorCode the error envelope's code
 * @param clientIp the connection's peer
 * @param millis since Jetty began reading the request
 */
public record RefusedRequest(String method, String path, int status, RequestOutcome outcome, String errorType,
        String errorCode, String requestId, String clientIp, double millis) {

    static final int MAX_PATH_CHARS = 200;
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    private static final String UNKNOWN = "-";

    public RefusedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(requestId, "requestId");
    }

    /**
     * What Jetty read of {@code request}. A request line it could not read, it stands in for with
     * {@code BAD /badMessage} (a malformed line or URI, one too long) or, for a failure before the headers ended,
     * {@code GET /badRequest}: those are no method nor path of the client's (Jetty 12's stand-ins, in its
     * {@code ErrorHandler}'s request for a bad message: MalformedRequestIntegrationTest fails if they change).
     */
    public static RefusedRequest of(Request request, int status, RequestOutcome outcome, String errorType,
            String errorCode, String requestId) {
        String method = request.getMethod();
        String path = request.getHttpURI().getPath();
        boolean unread = "BAD".equals(method) && "/badMessage".equals(path)
                || "GET".equals(method) && "/badRequest".equals(path);
        double millis = NanoTime.since(request.getBeginNanoTime()) / 1_000_000.0;
        return new RefusedRequest(unread ? UNKNOWN : loggable(method), unread || path == null ? UNKNOWN
                : loggable(path), status, outcome, errorType, errorCode, requestId, Request.getRemoteAddr(request),
                millis);
    }

    /**
     * {@code text} fit for a log line of any format: the URI of a refused request may hold what a valid one cannot
     * (control characters, any byte), which would forge or garble lines, and analyze-logs splits text lines at
     * spaces. Other characters than printable ASCII are percent-encoded as UTF-8, and the text is cut, with "...",
     * once {@value #MAX_PATH_CHARS} characters are written.
     */
    static String loggable(String text) {
        StringBuilder safe = new StringBuilder(Math.min(text.length(), MAX_PATH_CHARS) + 12);
        int i = 0;
        while (i < text.length() && safe.length() < MAX_PATH_CHARS) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c > ' ' && c < 0x7F) {
                safe.append((char) c);
            } else {
                for (byte b : Character.toString(c).getBytes(StandardCharsets.UTF_8)) {
                    safe.append('%').append(HEX.toHexDigits(b));
                }
            }
        }
        return i < text.length() ? safe.append("...").toString() : safe.toString();
    }
}
