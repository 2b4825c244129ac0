package io.mcpgateway.devidp;

/**
 * A token request the issuer refuses, answered as an RFC 6749 §5.2 error response. The description is fixed text or
 * echoes only values already checked to be scope tokens, so it always fits §5.2's character set.
 */
final class OAuthException extends RuntimeException {

    /** The §5.2 error codes this issuer uses, each with its HTTP status. */
    enum Code {
        INVALID_REQUEST("invalid_request", 400),
        INVALID_CLIENT("invalid_client", 401),
        UNSUPPORTED_GRANT_TYPE("unsupported_grant_type", 400),
        INVALID_SCOPE("invalid_scope", 400);

        private final String wireName;
        private final int status;

        Code(String wireName, int status) {
            this.wireName = wireName;
            this.status = status;
        }

        String wireName() {
            return wireName;
        }

        int status() {
            return status;
        }
    }

    private final Code code;

    private OAuthException(Code code, String description) {
        super(description, null, false, false);
        this.code = code;
    }

    static OAuthException invalidRequest(String description) {
        return new OAuthException(Code.INVALID_REQUEST, description);
    }

    static OAuthException invalidClient(String description) {
        return new OAuthException(Code.INVALID_CLIENT, description);
    }

    static OAuthException unsupportedGrantType(String description) {
        return new OAuthException(Code.UNSUPPORTED_GRANT_TYPE, description);
    }

    static OAuthException invalidScope(String description) {
        return new OAuthException(Code.INVALID_SCOPE, description);
    }

    Code code() {
        return code;
    }

    String description() {
        return getMessage();
    }
}
