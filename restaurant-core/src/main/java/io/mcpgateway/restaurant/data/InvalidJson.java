package io.mcpgateway.restaurant.data;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

/**
 * Says where and why a data file is not valid JSON, for load problems that {@code /health} shows: the parser's own
 * message names its internals ("[Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled) ...").
 */
final class InvalidJson {

    private InvalidJson() {
    }

    /** For example {@code not valid JSON at line 3, column 14 (Unexpected end-of-input)}. */
    static String reason(JacksonException e) {
        StringBuilder reason = new StringBuilder("not valid JSON");
        TokenStreamLocation at = e.getLocation();
        if (at != null && at.getLineNr() > 0) {
            reason.append(" at line ").append(at.getLineNr()).append(", column ").append(at.getColumnNr());
        }
        String message = e.getOriginalMessage();
        if (message != null && !message.isBlank()) {
            int detail = message.indexOf(": "); // what follows names expectations and the parser's source
            int end = Math.min(detail >= 0 ? detail : message.length(), 120);
            reason.append(" (").append(message, 0, end).append(')');
        }
        return reason.toString();
    }
}
