package io.mcpgateway.app.diagnostics.logs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

import io.mcpgateway.app.diagnostics.LatencyRecorder;
import io.mcpgateway.app.diagnostics.LatencySummary;

/**
 * What the access log says (one line per finished request): requests by status, latency, the slowest requests, the
 * busiest callers, where refused tokens came from, and the requests refused as invalid, rate-limited, or because a
 * backend failed. A failed reload is the configuration's fault, not its caller's: no validation error.
 */
final class RequestStats {

    static final int SLOWEST_KEPT = 5;
    static final int CALLERS_SHOWN = 5;
    static final String RELOAD_ROUTE = "/config/reload";
    /** What {@code /config/reload} answers when the configuration was not reloaded (ConfigRoutes). */
    private static final Set<String> RELOAD_FAILURES = Set.of("INVALID_CONFIGURATION", "RELOAD_FAILED");

    /** The key {@link #byStatus} counts access lines under whose status is no HTTP status. */
    static final int UNREADABLE_STATUS = 0;
    /** The longest duration read as one, 30 days: an event stream may last days, no request a year. */
    private static final double MAX_MILLIS = 30 * 24 * 3600 * 1000.0;

    private final Map<Integer, Long> byStatus = new TreeMap<>();
    private final Counts callers = new Counts();
    private final Counts validation = new Counts();
    private final Counts rateLimitedBy = new Counts();
    private final Counts rateLimitedCallers = new Counts();
    private final Counts backendAnswers = new Counts();
    private final Counts refusedClientIps = new Counts();
    private final Counts reloadFailures = new Counts();
    private final PriorityQueue<SlowRequest> slowest = new PriorityQueue<>(
            Comparator.comparingDouble(SlowRequest::millis));
    private final LatencyRecorder durations = new LatencyRecorder();
    private long total;

    void accept(LogLine line) {
        total++;
        int status = parseStatus(line.field("status"));
        byStatus.merge(status, 1L, Long::sum);
        String caller = line.field("caller");
        if (caller != null && !caller.isBlank()) {
            callers.add(caller);
        }
        String code = line.field("error_code");
        String type = line.field("error_type");
        // an MCP tool call the gateway failed is answered 200: its error_status says what it stands for, unless the
        // answer itself failed afterwards (as the gateway's own metrics count it)
        Integer failed = status < 400 ? parseStatusOrNull(line.field("error_status")) : null;
        int outcome = failed != null ? failed : status;
        String where = failed != null ? " (in a " + status + " of " + line.field("route") + ")" : "";
        if (status == 401 && line.field("client_ip") != null) {
            refusedClientIps.add(line.field("client_ip"));
        }
        if (RELOAD_ROUTE.equals(line.field("route")) && code != null && RELOAD_FAILURES.contains(code)) {
            reloadFailures.add(status + " " + code);
        } else if ("ValidationError".equals(type) || outcome == 400 && type == null) {
            validation.add((code != null ? code : "HTTP " + outcome) + where);
        }
        if (status == 429) {
            rateLimitedBy.add(line.mdc().getOrDefault("rate_limit", "unspecified"));
            // a JSON access line always names the peer: without it, a text line, which names no caller either
            rateLimitedCallers.add(caller != null ? caller : line.field("client_ip") != null ? "anonymous"
                    : "unknown (a text log names no caller)");
        }
        if (outcome == 502 || outcome == 503 || outcome == 504) {
            backendAnswers.add(outcome + " " + (code != null ? code : type != null ? type : "(no error code)")
                    + where);
        }
        duration(line);
    }

    private void duration(LogLine line) {
        Double millis = parseMillis(line.field("duration_ms"));
        if (millis == null) {
            return;
        }
        durations.record(millis);
        // The access message ends with the duration, which the report already shows first.
        String request = line.message().replaceFirst("\\s+[\\d.]+ms$", "");
        slowest.add(new SlowRequest(millis, line.field("request_id"), request, line.field("caller"),
                line.timestamp()));
        if (slowest.size() > SLOWEST_KEPT) {
            slowest.poll();
        }
    }

    long total() {
        return total;
    }

    Map<Integer, Long> byStatus() {
        return byStatus;
    }

    LatencySummary latency() {
        return durations.summary();
    }

    List<SlowRequest> slowest() {
        List<SlowRequest> list = new ArrayList<>(slowest);
        list.sort(Comparator.comparingDouble(SlowRequest::millis).reversed());
        return list;
    }

    Map<String, Long> busiestCallers() {
        return callers.top(CALLERS_SHOWN);
    }

    Counts validation() {
        return validation;
    }

    Counts rateLimitedBy() {
        return rateLimitedBy;
    }

    Counts rateLimitedCallers() {
        return rateLimitedCallers;
    }

    /** Requests answered 502, 503 or 504 (or an MCP tool call failed so inside a 200), by status and error code. */
    Counts backendAnswers() {
        return backendAnswers;
    }

    /** The connection peers of requests answered 401 (a load balancer in front is the peer). */
    Counts refusedClientIps() {
        return refusedClientIps;
    }

    /** Requests to {@code /config/reload} answered that the configuration was not reloaded, by status and code. */
    Counts reloadFailures() {
        return reloadFailures;
    }

    private static int parseStatus(String status) {
        Integer parsed = parseStatusOrNull(status);
        return parsed == null ? UNREADABLE_STATUS : parsed;
    }

    /** Null unless an HTTP status, 100 to 599: a corrupt line's -1 or 99999 is none. */
    private static Integer parseStatusOrNull(String status) {
        try {
            Integer value = status == null ? null : Integer.valueOf(status.strip());
            return value != null && value >= 100 && value <= 599 ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Null unless a duration, 0 to {@link #MAX_MILLIS}: Double.valueOf also takes "NaN", "Infinity", negative numbers
     * and a corrupt line's 1e308, which would own every percentile.
     */
    private static Double parseMillis(String millis) {
        try {
            Double value = millis == null ? null : Double.valueOf(millis.strip());
            return value != null && value >= 0 && value <= MAX_MILLIS ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
