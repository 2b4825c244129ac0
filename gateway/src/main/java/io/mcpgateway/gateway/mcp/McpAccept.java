package io.mcpgateway.gateway.mcp;

import java.util.Locale;

/**
 * Whether a client's {@code Accept} takes the JSON answers of the gateway's {@code /mcp}. MCP clients must list
 * {@code application/json} and {@code text/event-stream}; the gateway answers JSON only, so a client that lists
 * neither it nor a range covering it (a browser's {@code text/html}, a stream-only client) is told so with a 406
 * instead of being sent what it said it cannot read. No {@code Accept} at all accepts anything (RFC 9110 §12.5.1).
 */
final class McpAccept {

    private McpAccept() {
    }

    static boolean allowsJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        boolean covered = false;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            if (type.equals("application/json") && refused(parts)) {
                return false; // the most specific range decides: application/json;q=0 with */* refuses it
            }
            covered |= (type.equals("application/json") || type.equals("application/*") || type.equals("*/*"))
                    && !refused(parts);
        }
        return covered;
    }

    /** A range given with {@code q=0} is one the client refuses. */
    private static boolean refused(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip().toLowerCase(Locale.ROOT).replace(" ", "");
            if (parameter.startsWith("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2)) == 0.0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return false;
    }
}
