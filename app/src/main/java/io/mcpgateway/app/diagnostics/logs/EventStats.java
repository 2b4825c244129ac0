package io.mcpgateway.app.diagnostics.logs;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the gateway's other log lines say: why authentication failed and whose tokens were refused, which backend
 * calls failed and how, circuit breaker transitions, backends going unhealthy and back, and how many warnings and
 * errors there were. The patterns are the gateway's own messages (BearerAuthenticator, DirectToolInvoker,
 * BreakerTransitions, BackendHealthMonitor).
 */
final class EventStats {

    /** "Authentication failed on POST /api/v1/...: expired[ (a token of sub 'alice', client 'app')]" */
    private static final Pattern AUTH_FAILED =
            Pattern.compile("Authentication failed on \\S+ \\S+: (\\S+)(?: \\((?:a token of (.*)|.*)\\))?");
    /** "sub 'alice', client 'app'" or "sub 'alice'": whom the issuer gave a token refused for a claim. */
    private static final Pattern HOLDER = Pattern.compile("sub '(.*?)'(?:, client '(.*)')?");
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
    private final Counts tokenHolders = new Counts();
    private final Counts backendCalls = new Counts();
    private final Counts levels = new Counts();
    private final Timeline breakerTransitions = new Timeline();
    private final Timeline healthChanges = new Timeline();
    /** Each backend's state as last logged: a gateway started by a reload logs its backends' first state again. */
    private final Map<String, String> lastHealth = new HashMap<>();

    void accept(LogLine line) {
        if (line.level().equals("WARN") || line.level().equals("ERROR")) {
            levels.add(line.level());
        }
        String message = line.message();
        Matcher m;
        if ((m = AUTH_FAILED.matcher(message)).matches()) {
            authFailures.add(m.group(1));
            if (m.group(2) != null) {
                tokenHolders.add(holder(m.group(2)));
            }
        } else if (KEYS_UNAVAILABLE.matcher(message).matches()) {
            authFailures.add("issuer_unavailable");
        } else if ((m = BACKEND_CALL.matcher(message)).matches()) {
            backendCalls.add(m.group(2) + " " + (m.group(3) != null ? m.group(3) : kind(m.group(4))));
        } else if ((m = BREAKER.matcher(message)).matches()) {
            breakerTransitions.add(new LogEvent(line.shownTime(), m.group(1), m.group(2) + " -> " + m.group(3)));
        } else if ((m = HEALTH.matcher(message)).matches()) {
            health(line.shownTime(), m.group(1), m.group(2), m.group(3));
        }
    }

    /** A backend's state as logged; the state it had already is no change (whatever the reason given now). */
    private void health(String at, String backend, String state, String reason) {
        if (!state.equals(lastHealth.put(backend, state))) {
            healthChanges.add(new LogEvent(at, backend, state + (reason == null ? "" : ": " + reason)));
        }
    }

    /** "alice (client app)" for "sub 'alice', client 'app'". */
    private static String holder(String named) {
        Matcher m = HOLDER.matcher(named);
        if (!m.matches()) {
            return named;
        }
        return m.group(1) + (m.group(2) == null ? "" : " (client " + m.group(2) + ")");
    }

    /** The kind of a failure logged without its label (before 2026-12-06), from its message. */
    private static String kind(String failure) {
        if (failure.contains("did not answer within") || failure.toLowerCase(Locale.ROOT).contains("timeout")
                || failure.contains("timed out")) {
            return "timeout";
        }
        return "unavailable";
    }

    Counts authFailures() {
        return authFailures;
    }

    /** Whom the tokens refused for a claim (expired, another audience) were issued to: subject and client. */
    Counts tokenHolders() {
        return tokenHolders;
    }

    /** Failed backend calls by backend and kind ({@code restaurant-search timeout}). */
    Counts backendCalls() {
        return backendCalls;
    }

    Counts levels() {
        return levels;
    }

    Timeline breakerTransitions() {
        return breakerTransitions;
    }

    /** Backends turning healthy or unhealthy: a state logged again unchanged (after a reload) is no change. */
    Timeline healthChanges() {
        return healthChanges;
    }
}
