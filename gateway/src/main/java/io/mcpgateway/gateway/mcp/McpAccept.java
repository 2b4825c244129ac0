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
        return accept == null || accept.isBlank() || allows(accept, "application/json", "application/*");
    }

    /**
     * Whether the client reads an event stream, which the gateway answers a call with when it relays the call's
     * progress: only when it names it (MCP clients do; generic HTTP clients send {@code *}{@code /*} or nothing).
     */
    static boolean listsEventStream(String accept) {
        if (accept == null) {
            return false;
        }
        for (String given : accept.split(",")) {
            String[] parts = given.split(";");
            if (parts[0].strip().equalsIgnoreCase("text/event-stream")) {
                return !refused(parts);
            }
        }
        return false;
    }

    private static boolean allows(String accept, String mediaType, String range) {
        boolean covered = false;
        for (String given : accept.split(",")) {
            String[] parts = given.split(";");
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            if (type.equals(mediaType) && refused(parts)) {
                return false; // the most specific range decides: application/json;q=0 with */* refuses it
            }
            covered |= (type.equals(mediaType) || type.equals(range) || type.equals("*/*")) && !refused(parts);
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
