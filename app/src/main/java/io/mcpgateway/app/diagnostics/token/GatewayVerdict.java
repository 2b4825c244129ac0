package io.mcpgateway.app.diagnostics.token;

import java.util.List;

import org.eclipse.jetty.server.HttpConfiguration;

import com.nimbusds.jose.KeySourceException;

import io.mcpgateway.gateway.auth.Caller;
import io.mcpgateway.gateway.auth.JwtVerifier;
import io.mcpgateway.gateway.auth.TokenRejectedException;

/**
 * What the gateway itself decides about a token: its own {@link JwtVerifier} runs, so "accepted" here means accepted
 * there, by construction; then the route's scopes, checked as the gateway checks them.
 *
 * @param accepted whether a request with this token to a route needing {@code requiredScopes} would get through
 * @param sentence the decision as one sentence, with the status the gateway would answer when it refuses
 */
record GatewayVerdict(boolean accepted, String sentence) {

    /**
     * The most bytes of header fields a request may have, the Authorization line included: the gateway's Jetty keeps
     * its default, and answers 431 to more before any token is read.
     */
    static final int MAX_HEADER_BYTES = new HttpConfiguration().getRequestHeaderSize();

    static GatewayVerdict of(JwtVerifier verifier, String token, List<String> requiredScopes) {
        int headerBytes = "Authorization: Bearer ".length() + token.length() + 2; // the token is ASCII, or refused
        if (headerBytes > MAX_HEADER_BYTES) {
            return new GatewayVerdict(false, "The gateway would refuse a request with this token with 431 before"
                    + " reading it: its Authorization header alone takes " + headerBytes + " bytes, and a request's"
                    + " headers may take " + MAX_HEADER_BYTES + " in all.");
        }
        Caller caller;
        try {
            caller = verifier.verify(token);
        } catch (TokenRejectedException e) {
            return new GatewayVerdict(false, "The gateway would reject this token with 401: " + e.getMessage()
                    + " (reason " + e.reason().label() + ").");
        } catch (KeySourceException e) {
            return new GatewayVerdict(false, "The gateway cannot verify tokens right now and would answer 503: the"
                    + " issuer's keys are unavailable (" + e.getMessage() + ").");
        }
        List<String> missing = requiredScopes.stream().filter(s -> !caller.holds(s)).toList();
        if (!missing.isEmpty()) {
            return new GatewayVerdict(false, "The gateway would accept this token but answer 403 on routes that"
                    + " need " + String.join(", ", missing) + ".");
        }
        return new GatewayVerdict(true, "The gateway would accept this token: caller '" + caller.id() + "'"
                + (caller.clientId() == null ? "" : ", client '" + caller.clientId() + "'")
                + (caller.scopes().isEmpty() ? "" : ", scopes " + String.join(" ", caller.scopes().stream().sorted()
                        .toList())) + ".");
    }
}
