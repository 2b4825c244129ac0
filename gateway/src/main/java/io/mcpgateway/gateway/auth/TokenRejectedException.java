package io.mcpgateway.gateway.auth;

import io.mcpgateway.text.Echoed;

/** A token the verifier refuses, with the reason; turned into a 401 by {@link BearerAuthenticator}. */
public final class TokenRejectedException extends Exception {

    private static final int MAX_NAME = 100;

    private final AuthFailure reason;
    private final String holder;

    public TokenRejectedException(AuthFailure reason, String detail) {
        this(reason, detail == null ? reason.message() : reason.message() + ": " + detail, null);
    }

    private TokenRejectedException(AuthFailure reason, String message, String holder) {
        super(message, null, false, false);
        this.reason = reason;
        this.holder = holder;
    }

    /** The same refusal of a token whose signature was verified, naming whom the issuer gave it to. */
    TokenRejectedException heldBy(String subject, String clientId) {
        String who = "sub '" + Echoed.oneLine(subject, MAX_NAME) + "'"
                + (clientId == null ? "" : ", client '" + Echoed.oneLine(clientId, MAX_NAME) + "'");
        return new TokenRejectedException(reason, getMessage(), who);
    }

    public AuthFailure reason() {
        return reason;
    }

    /**
     * Whom the token was issued to, when its signature was verified before a claim refused it (expired, another
     * audience): for the log, so that an operator can tell which client keeps sending such tokens; null otherwise,
     * an unverified token's claims being anyone's to write.
     */
    public String holder() {
        return holder;
    }
}
