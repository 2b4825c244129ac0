package io.mcpgateway.gateway.auth;

/** A token the verifier refuses, with the reason; turned into a 401 by {@link BearerAuthenticator}. */
public final class TokenRejectedException extends Exception {

    private final AuthFailure reason;

    public TokenRejectedException(AuthFailure reason, String detail) {
        super(detail == null ? reason.message() : reason.message() + ": " + detail, null, false, false);
        this.reason = reason;
    }

    public AuthFailure reason() {
        return reason;
    }
}
