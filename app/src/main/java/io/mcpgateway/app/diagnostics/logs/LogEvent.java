package io.mcpgateway.app.diagnostics.logs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A state change worth a line in the report: a circuit breaker opening or closing, a backend going down or up, the
 * rate-limit store or the issuer's keys out of reach, a reload, a tool's new definition.
 *
 * @param at when, as the line shows it ({@link LogLine#shownTime()}); null when unknown
 * @param subject what changed (a breaker's or a backend's name)
 * @param change how, for example {@code CLOSED -> OPEN} or {@code unhealthy: connection refused}
 */
record LogEvent(String at, String subject, String change) {

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("timestamp", at);
        json.put("name", subject);
        json.put("change", change);
        return json;
    }
}
