package io.mcpgateway.gateway.ratelimit;

import io.javalin.http.Context;
import io.mcpgateway.gateway.auth.Caller;
import io.mcpgateway.gateway.config.RouteSettings;

/**
 * Admits or refuses an authenticated request by its caller's limits, setting the {@code X-RateLimit-*} headers on
 * the response either way; a refusal is thrown as the 429 to answer.
 */
public interface RateLimitGuard {

    /** Admits everything and sets no headers: limits turned off. */
    RateLimitGuard NONE = (caller, route, ctx) -> { };

    void admit(Caller caller, RouteSettings route, Context ctx);
}
