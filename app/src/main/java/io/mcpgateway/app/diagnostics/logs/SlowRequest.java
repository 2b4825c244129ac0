package io.mcpgateway.app.diagnostics.logs;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request from the access log, kept when it is among the slowest.
 *
 * @param request the access line's message: method, path, status and duration
 */
record SlowRequest(double millis, String requestId, String request, String caller, Instant at) {

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("duration_ms", millis);
        json.put("request_id", requestId);
        json.put("request", request);
        json.put("caller", caller);
        json.put("timestamp", at == null ? null : at.toString());
        return json;
    }
}
