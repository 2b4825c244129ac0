package io.mcpgateway.app.diagnostics.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the gateway's other log lines say: why authentication failed, which backend calls failed and how, circuit
 * breaker transitions, backends going unhealthy and back, and how many warnings and errors there were. The patterns
 * are the gateway's own messages (BearerAuthenticator, DirectToolInvoker, BreakerTransitions, BackendHealthMonitor).
 */
final class EventStats {

    static final int EVENTS_KEPT = 50;

    /** "Authentication failed on POST /api/v1/...: expired" */
    private static final Pattern AUTH_FAILED =
            Pattern.compile("Authentication failed on \\S+ \\S+: (\\S+)(?: \\(.*\\))?");
    /** "Cannot verify tokens: the issuer's keys are unavailable: ..." */
    private static final Pattern KEYS_UNAVAILABLE = Pattern.compile("Cannot verify tokens: .*");
    /** "Backend call search_restaurants_by_district on 'restaurant-search' failed: backend '...' refused ..." */
    private static final Pattern BACKEND_CALL =
            Pattern.compile("Backend call (\\S+) on '([^']+)' failed(?: \\(([a-z_]+)\\))?: (.*)");
    /** "Circuit breaker 'restaurant-search' changed from CLOSED to OPEN[: calls fail fast for 30 s]" */
    private static final Pattern BREAKER =
            Pattern.compile("Circuit breaker '([^']+)' changed from (\\S+) to ([^:\\s]+).*");
    /** "Backend 'restaurant-search' is unhealthy: connection refused" or "... is healthy" */
    private static final Pattern HEALTH = Pattern.compile("Backend '([^']+)' is (healthy|unhealthy)(?:: (.*))?");

    private final Counts authFailures = new Counts();
    private final Counts backendCalls = new Counts();
    private final Counts levels = new Counts();
    private final List<LogEvent> breakerTransitions = new ArrayList<>();
    private final List<LogEvent> healthChanges = new ArrayList<>();
    private long breakerTransitionCount;
    private long healthChangeCount;

    void accept(LogLine line) {
        if (line.level().equals("WARN") || line.level().equals("ERROR")) {
            levels.add(line.level());
        }
        String message = line.message();
        Matcher m;
        if ((m = AUTH_FAILED.matcher(message)).matches()) {
            authFailures.add(m.group(1));
        } else if (KEYS_UNAVAILABLE.matcher(message).matches()) {
            authFailures.add("issuer_unavailable");
        } else if ((m = BACKEND_CALL.matcher(message)).matches()) {
            backendCalls.add(m.group(2) + " " + (m.group(3) != null ? m.group(3) : kind(m.group(4))));
        } else if ((m = BREAKER.matcher(message)).matches()) {
            breakerTransitionCount++;
            keep(breakerTransitions, new LogEvent(line.timestamp(), m.group(1), m.group(2) + " -> " + m.group(3)));
        } else if ((m = HEALTH.matcher(message)).matches()) {
            healthChangeCount++;
            keep(healthChanges, new LogEvent(line.timestamp(), m.group(1), m.group(2)
                    + (m.group(3) == null ? "" : ": " + m.group(3))));
        }
    }

    /** The kind of a failure logged without its label (before 2026-12-06), from its message. */
    private static String kind(String failure) {
        if (failure.contains("did not answer within") || failure.toLowerCase(java.util.Locale.ROOT).contains("timeout")
                || failure.contains("timed out")) {
            return "timeout";
        }
        return "unavailable";
    }

    /** The first events are kept in full; the counts go on. */
    private static void keep(List<LogEvent> events, LogEvent event) {
        if (events.size() < EVENTS_KEPT) {
            events.add(event);
        }
    }

    Counts authFailures() {
        return authFailures;
    }

    /** Failed backend calls by backend and kind ({@code restaurant-search timeout}). */
    Counts backendCalls() {
        return backendCalls;
    }

    Counts levels() {
        return levels;
    }

    List<LogEvent> breakerTransitions() {
        return List.copyOf(breakerTransitions);
    }

    long breakerTransitionCount() {
        return breakerTransitionCount;
    }

    List<LogEvent> healthChanges() {
        return List.copyOf(healthChanges);
    }

    long healthChangeCount() {
        return healthChangeCount;
    }
}
