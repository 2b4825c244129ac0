package io.mcpgateway.gateway.ratelimit;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import io.javalin.http.Context;
import io.mcpgateway.gateway.auth.Caller;
import io.mcpgateway.gateway.config.RouteSettings;
import io.mcpgateway.gateway.error.GatewayException;
import io.mcpgateway.gateway.http.RequestContext;
import io.mcpgateway.gateway.metrics.GatewayMetrics;

/**
 * The guard RestRoutes calls after authentication: counts the request, sets the {@code X-RateLimit-*} headers of its
 * tightest limit on the response (so they stay on whatever the route answers next, success or error), or refuses it
 * with a 429 carrying the same headers and {@code Retry-After}.
 */
final class BucketRateLimitGuard implements RateLimitGuard {

    private final RateLimiter limiter;
    private final GatewayMetrics metrics;

    BucketRateLimitGuard(RateLimiter limiter, GatewayMetrics metrics) {
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void admit(Caller caller, RouteSettings route, Context ctx) {
        Optional<RateDecision> checked = limiter.check(caller.id(), route.path());
        if (checked.isEmpty()) {
            return;
        }
        RateDecision decision = checked.get();
        if (decision.admitted()) {
            decision.headers().forEach(ctx::header);
            return;
        }
        metrics.rateLimitRejection(route.path(), decision.limit().name());
        RequestContext.note(ctx, "rate_limit", decision.limit().name());
        throw new GatewayException.RateLimit(decision.limit().capacity(), decision.limit().window(),
                Duration.ofSeconds(decision.resetSeconds()), decision.headers());
    }
}
