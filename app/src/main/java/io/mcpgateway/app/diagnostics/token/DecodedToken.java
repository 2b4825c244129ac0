package io.mcpgateway.app.diagnostics.token;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A compact JWT taken apart for reading, without any verification: its header and claims when they decode to JSON
 * objects, and only the length of its signature (the signature is never shown).
 *
 * @param header the decoded header, or null when it does not decode to a JSON object
 * @param claims the decoded claims, or null when they do not decode to a JSON object
 * @param signatureBytes the decoded signature's length, or -1 when it is not base64url
 */
record DecodedToken(JsonNode header, JsonNode claims, int signatureBytes) {

    /** Claims holding seconds since the epoch (RFC 7519 §4.1, and Cognito's auth_time). */
    private static final Set<String> TIME_CLAIMS = Set.of("exp", "iat", "nbf", "auth_time");

    static DecodedToken decode(String token, JsonMapper mapper) {
        Objects.requireNonNull(token, "token");
        String[] parts = token.split("\\.", -1);
        JsonNode header = parts.length >= 1 ? object(parts[0], mapper) : null;
        JsonNode claims = parts.length >= 2 ? object(parts[1], mapper) : null;
        int signature = parts.length == 3 ? length(parts[2]) : -1;
        return new DecodedToken(header, claims, signature);
    }

    /** Header and claims, a field a line (times also in ISO form and relative to {@code now}); the signature's size. */
    void print(PrintWriter out, JsonMapper mapper, Instant now) {
        out.println("Header:" + (header == null ? " (does not decode to a JSON object)" : ""));
        printFields(out, header, mapper, now);
        out.println("Claims:" + (claims == null ? " (do not decode to a JSON object)" : ""));
        printFields(out, claims, mapper, now);
        out.println("Signature: " + (signatureBytes < 0 ? "absent or not base64url"
                : signatureBytes + " bytes (not shown)"));
    }

    private static void printFields(PrintWriter out, JsonNode object, JsonMapper mapper, Instant now) {
        if (object == null) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            JsonNode value = field.getValue();
            String text = value.isString() ? value.asString() : mapper.writeValueAsString(value);
            if (TIME_CLAIMS.contains(field.getKey()) && value.isIntegralNumber()) {
                Instant at = Instant.ofEpochSecond(value.asLong());
                text += " (" + at + ", " + RelativeTime.describe(at, now) + ")";
            }
            out.println("  " + field.getKey() + ": " + text);
        }
    }

    private static JsonNode object(String segment, JsonMapper mapper) {
        try {
            JsonNode node = mapper.readTree(Base64.getUrlDecoder().decode(segment));
            return node != null && node.isObject() ? node : null;
        } catch (IllegalArgumentException | JacksonException e) {
            return null;
        }
    }

    private static int length(String segment) {
        try {
            return Base64.getUrlDecoder().decode(segment).length;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
