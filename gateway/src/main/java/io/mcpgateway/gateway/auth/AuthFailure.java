package io.mcpgateway.gateway.auth;

/**
 * Why a request was not authenticated: the message the caller gets, and the label auth-failure metrics and logs use.
 */
public enum AuthFailure {
    // The original's messages (REFERENCE-SPEC 5.1) where it had one: "Invalid JWT token: " and its reason
    MISSING_TOKEN("missing_token",
            "Authorization header required. Please provide a valid JWT token in the format: 'Bearer <token>'"),
    INVALID_SCHEME("invalid_scheme", "Invalid authorization header format. Expected: 'Bearer <token>'"),
    REPEATED_HEADER("repeated_header", "More than one Authorization header: send exactly one"),
    EMPTY_TOKEN("empty_token", "JWT token is required"),
    MALFORMED("malformed", "Invalid JWT token: Invalid token: not a well-formed JWT"),
    UNSUPPORTED_ALGORITHM("unsupported_algorithm",
            "Invalid JWT token: Invalid token: the algorithm is not accepted, RS256 is required"),
    UNSUPPORTED_TYPE("unsupported_type", "Invalid JWT token: Invalid token: the type (typ) is not accepted, JWT or"
            + " at+jwt (an access token), or none, is required"),
    UNSUPPORTED_CRITICAL("unsupported_critical",
            "Invalid JWT token: Invalid token: it names critical header parameters (crit) the gateway does not know"),
    MISSING_KEY_ID("missing_key_id", "Invalid JWT token: Token validation failed: Token header missing 'kid' claim"),
    UNKNOWN_KEY("unknown_key",
            "Invalid JWT token: Token validation failed: signed with a key the issuer does not publish"),
    BAD_SIGNATURE("bad_signature", "Invalid JWT token: Invalid token: Signature verification failed"),
    EXPIRED("expired", "Invalid JWT token: Token has expired"),
    // the original did not require exp (PyJWT's check only reads it when present); a token that never expires is not
    // taken, and is refused for what it lacks rather than counted as an expiry
    MISSING_EXPIRY("missing_expiry", "Invalid JWT token: Invalid token: Token is missing the \"exp\" claim"),
    NOT_YET_VALID("not_yet_valid", "Invalid JWT token: Invalid token: The token is not yet valid (nbf)"),
    WRONG_ISSUER("wrong_issuer", "Invalid JWT token: Invalid token: Invalid issuer"),
    WRONG_AUDIENCE("wrong_audience", "Invalid JWT token: Invalid token: Invalid audience"),
    WRONG_CLIENT("wrong_client", "Invalid JWT token: Token validation failed: the token's client is not allowed"),
    WRONG_TOKEN_USE("wrong_token_use", "Invalid JWT token: Token validation failed: Invalid token_use"),
    MISSING_SUBJECT("missing_subject",
            "Invalid JWT token: Token validation failed: Token missing required 'sub' claim");

    private final String label;
    private final String message;

    AuthFailure(String label, String message) {
        this.label = label;
        this.message = message;
    }

    /** Stable, lower-case: for metrics, logs and the error code. */
    public String label() {
        return label;
    }

    public String message() {
        return message;
    }
}
