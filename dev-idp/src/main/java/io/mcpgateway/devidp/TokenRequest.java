package io.mcpgateway.devidp;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The parameters of a token request (RFC 6749 §4.4.2), read from an {@code application/x-www-form-urlencoded} body.
 * Each is {@code null} when absent; unknown parameters are ignored, as §3.2 requires.
 */
record TokenRequest(String grantType, String scope, String clientId, String clientSecret) {

    static final String CLIENT_CREDENTIALS = "client_credentials";
    static final String FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";

    /**
     * Reads a request body.
     *
     * @param contentType the {@code Content-Type} header, {@code null} when absent
     * @throws OAuthException {@code invalid_request} for another content type, malformed encoding or a repeated
     *     parameter
     */
    static TokenRequest parse(String contentType, byte[] body) {
        if (contentType == null || !mediaType(contentType).equals(FORM_CONTENT_TYPE)) {
            throw OAuthException.invalidRequest("the body must be " + FORM_CONTENT_TYPE);
        }
        Map<String, String> form = formParameters(new String(body, StandardCharsets.UTF_8));
        return new TokenRequest(form.get("grant_type"), form.get("scope"), form.get("client_id"),
                form.get("client_secret"));
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return type.strip().toLowerCase(Locale.ROOT);
    }

    private static Map<String, String> formParameters(String body) {
        Map<String, String> form = new HashMap<>();
        if (body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&", -1)) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            // RFC 6749 §3.2: a parameter without a value counts as omitted; none may be sent twice.
            if (value.isEmpty()) {
                continue;
            }
            if (form.putIfAbsent(name, value) != null) {
                throw OAuthException.invalidRequest("a parameter was sent more than once");
            }
        }
        return form;
    }

    private static String decode(String encoded) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidRequest("the body is not valid form encoding");
        }
    }
}
