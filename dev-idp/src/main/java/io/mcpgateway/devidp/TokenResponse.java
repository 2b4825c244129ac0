package io.mcpgateway.devidp;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A successful token response (RFC 6749 §5.1).
 *
 * @param scope the granted scopes, space-separated; §5.1 requires it whenever they differ from the requested ones
 */
record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("scope") String scope) {

    static TokenResponse bearer(String accessToken, long expiresIn, String scope) {
        return new TokenResponse(accessToken, "Bearer", expiresIn, scope);
    }
}
