package io.mcpgateway.app.diagnostics.token;

import java.util.List;

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

    static GatewayVerdict of(JwtVerifier verifier, String token, List<String> requiredScopes) {
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
