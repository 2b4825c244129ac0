package io.mcpgateway.gateway.metrics;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * The last {@value #CAPACITY} requests and the last {@value #CAPACITY} security events (refused tokens, missing
 * scopes, rate limits), for {@code /metrics/performance} and {@code /metrics/security}. Bounded, so memory stays flat
 * under any load; one short lock per request.
 */
public final class RecentRequests {

    public static final int CAPACITY = 1000;

    /** One finished request. */
    public record Request(String route, int status, double millis, boolean calledBackend) {
    }

    /**
     * One refused request.
     *
     * @param type {@code auth_failure} (no usable credentials), {@code token_expired}, {@code token_invalid},
     *     {@code unauthorized_access} (403) or {@code rate_limited} (429)
     * @param reason the error code, lower case (for example {@code bad_signature})
     */
    public record SecurityEvent(String route, String type, String reason) {
    }

    private final Deque<Request> requests = new ArrayDeque<>(CAPACITY);
    private final Deque<SecurityEvent> events = new ArrayDeque<>(CAPACITY);

    /** @param errorCode the error envelope's code of a failed request, else null */
    public void record(String route, int status, double millis, boolean calledBackend, String errorCode) {
        Request request = new Request(route, status, millis, calledBackend);
        String type = securityEventType(status, errorCode);
        synchronized (this) {
            add(requests, request);
            if (type != null) {
                add(events, new SecurityEvent(route, type, errorCode == null ? type
                        : errorCode.toLowerCase(Locale.ROOT)));
            }
        }
    }

    /**
     * A refusal inside a request that succeeded (a message of a batch over the rate limit), as the security event a
     * request refused with {@code status} would have been.
     */
    public void recordRefusal(String route, int status, String errorCode) {
        String type = securityEventType(status, errorCode);
        if (type != null) {
            synchronized (this) {
                add(events, new SecurityEvent(route, type, errorCode.toLowerCase(Locale.ROOT)));
            }
        }
    }

    /** The last {@code limit} requests, oldest first. */
    public synchronized List<Request> lastRequests(int limit) {
        return last(requests, limit);
    }

    /** The last {@code limit} security events, oldest first. */
    public synchronized List<SecurityEvent> lastEvents(int limit) {
        return last(events, limit);
    }

    private static String securityEventType(int status, String errorCode) {
        return switch (status) {
            case 401 -> switch (errorCode == null ? "" : errorCode) {
                case "EXPIRED" -> "token_expired";
                case "MISSING_TOKEN", "INVALID_SCHEME", "EMPTY_TOKEN" -> "auth_failure";
                default -> "token_invalid";
            };
            case 403 -> "unauthorized_access";
            case 429 -> "rate_limited";
            default -> null;
        };
    }

    private static <T> void add(Deque<T> deque, T item) {
        if (deque.size() == CAPACITY) {
            deque.removeFirst();
        }
        deque.addLast(item);
    }

    private static <T> List<T> last(Deque<T> deque, int limit) {
        List<T> all = new ArrayList<>(deque);
        return all.subList(Math.max(0, all.size() - Math.max(0, limit)), all.size());
    }
}
