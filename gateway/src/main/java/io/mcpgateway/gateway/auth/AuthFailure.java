package io.mcpgateway.gateway.auth;

/**
 * Why a request was not authenticated: the message the caller gets, and the label auth-failure metrics and logs use.
 */
public enum AuthFailure {
    MISSING_TOKEN("missing_token", "Authorization header required: send 'Authorization: Bearer <token>'"),
    INVALID_SCHEME("invalid_scheme", "Invalid authorization header format: expected 'Bearer <token>'"),
    REPEATED_HEADER("repeated_header", "More than one Authorization header: send exactly one"),
    EMPTY_TOKEN("empty_token", "The bearer token is empty"),
    MALFORMED("malformed", "The token is not a well-formed JWT"),
    UNSUPPORTED_ALGORITHM("unsupported_algorithm", "The token's algorithm is not accepted: RS256 is required"),
    UNSUPPORTED_TYPE("unsupported_type",
            "The token's type (typ) is not accepted: JWT or at+jwt (an access token), or none, is required"),
    UNSUPPORTED_CRITICAL("unsupported_critical",
            "The token names critical header parameters (crit) the gateway does not understand"),
    MISSING_KEY_ID("missing_key_id", "The token header has no key id (kid)"),
    UNKNOWN_KEY("unknown_key", "The token was signed with a key the issuer does not publish"),
    BAD_SIGNATURE("bad_signature", "The token's signature is invalid"),
    EXPIRED("expired", "The token has expired"),
    NOT_YET_VALID("not_yet_valid", "The token is not valid yet"),
    WRONG_ISSUER("wrong_issuer", "The token was issued by another issuer"),
    WRONG_AUDIENCE("wrong_audience", "The token was issued for another audience"),
    WRONG_CLIENT("wrong_client", "The token's client is not allowed"),
    WRONG_TOKEN_USE("wrong_token_use", "The token's token_use is not accepted"),
    MISSING_SUBJECT("missing_subject", "The token has no subject (sub)");

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
