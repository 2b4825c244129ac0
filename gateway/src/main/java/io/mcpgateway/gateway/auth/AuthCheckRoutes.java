package io.mcpgateway.gateway.auth;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

/**
 * {@code GET /auth/test} (REFERENCE-SPEC §4.2): whether the gateway accepts the caller's bearer token, and whom it
 * takes the caller for, so that a client can check its token without calling a tool. A token it refuses gets the
 * usual 401 with the reason in {@code WWW-Authenticate}. Nothing of the token itself is echoed.
 */
public final class AuthCheckRoutes {

    public static final String PATH = "/auth/test";

    private final BearerAuthenticator authenticator;
    private final String issuer;
    private final Clock clock;

    public AuthCheckRoutes(BearerAuthenticator authenticator, String issuer, Clock clock) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void register(JavalinConfig config) {
        config.routes.get(PATH, this::check);
    }

    private void check(Context ctx) {
        Caller caller = authenticator.authenticate(ctx);
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("user_id", caller.subject());
        user.put("username", caller.username());
        user.put("email", caller.email());
        user.put("scopes", caller.scopes().stream().sorted().toList());
        user.put("groups", caller.groups().stream().sorted().toList());
        user.put("authenticated_at", clock.instant().toString());
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", caller.subject());
        claims.put("token_use", caller.tokenUse().isEmpty() ? null : caller.tokenUse()); // absent as aud is: null
        // a single audience as a string, as in most tokens; none (Cognito access tokens) as null
        claims.put("aud", caller.audiences().isEmpty() ? null
                : caller.audiences().size() == 1 ? caller.audiences().get(0) : caller.audiences());
        claims.put("client_id", caller.clientId()); // client_id, else azp, else the audience (Caller)
        claims.put("iss", issuer);
        claims.put("exp", caller.expiresAt() == null ? null : caller.expiresAt().toString());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", "Authentication successful");
        body.put("user", user);
        body.put("token_claims", claims);
        ctx.json(body);
    }
}
