package io.mcpgateway.gateway.backend;

import java.util.Objects;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;

/** Everything that protects one backend: its retry loop and policy, bulkhead and circuit breaker. */
record BackendGuard(Retry retry, RetryPolicy retryPolicy, Bulkhead bulkhead, CircuitBreaker breaker,
        BreakerTransitions transitions) {

    BackendGuard {
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        Objects.requireNonNull(bulkhead, "bulkhead");
        Objects.requireNonNull(breaker, "breaker");
        Objects.requireNonNull(transitions, "transitions");
    }
}
