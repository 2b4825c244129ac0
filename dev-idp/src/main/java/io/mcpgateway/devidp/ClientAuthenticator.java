package io.mcpgateway.devidp;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Authenticates a confidential client by {@code client_secret_basic} (HTTP Basic, RFC 6749 §2.3.1) or
 * {@code client_secret_post} (form fields), refusing a request that uses both (§2.3: "MUST NOT use more than one").
 */
final class ClientAuthenticator {

    private static final Pattern BASIC = Pattern.compile("(?i)basic +(\\S+) *");
    private static final String FAILED = "client authentication failed";

    private final Map<String, String> secrets;

    ClientAuthenticator(Map<String, String> secrets) {
        this.secrets = Map.copyOf(secrets);
    }

    /**
     * The id of the authenticated client.
     *
     * @param authorization the {@code Authorization} header, {@code null} when absent
     * @throws OAuthException {@code invalid_client} for missing or wrong credentials, {@code invalid_request} for
     *     malformed or conflicting ones
     */
    String authenticate(String authorization, TokenRequest request) {
        if (authorization == null) {
            if (request.clientId() == null || request.clientSecret() == null) {
                throw OAuthException.invalidClient("client authentication is required: HTTP Basic or client_id "
                        + "and client_secret form fields");
            }
            return verified(request.clientId(), request.clientSecret());
        }
        var matcher = BASIC.matcher(authorization);
        if (!matcher.matches()) {
            throw OAuthException.invalidClient("only HTTP Basic client authentication is supported");
        }
        Credentials basic = basicCredentials(matcher.group(1));
        if (request.clientSecret() != null) {
            throw OAuthException.invalidRequest("use one client authentication method: HTTP Basic or form fields");
        }
        // A client_id field beside Basic is harmless when it names the same client, and a conflict otherwise.
        if (request.clientId() != null && !request.clientId().equals(basic.clientId())) {
            throw OAuthException.invalidRequest("client_id does not match the HTTP Basic credentials");
        }
        return verified(basic.clientId(), basic.secret());
    }

    private String verified(String clientId, String secret) {
        String expected = secrets.get(clientId);
        // Unknown client and wrong secret get the same answer; secrets are compared in constant time.
        if (expected == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8))) {
            throw OAuthException.invalidClient(FAILED);
        }
        return clientId;
    }

    private record Credentials(String clientId, String secret) {
    }

    /** Both parts are form-urlencoded before Base64 (RFC 6749 §2.3.1). */
    private static Credentials basicCredentials(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw OAuthException.invalidRequest("malformed HTTP Basic credentials");
            }
            String id = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
            String secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
            if (id.isEmpty() || secret.isEmpty()) {
                throw OAuthException.invalidClient(FAILED);
            }
            return new Credentials(id, secret);
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidRequest("malformed HTTP Basic credentials");
        }
    }
}
