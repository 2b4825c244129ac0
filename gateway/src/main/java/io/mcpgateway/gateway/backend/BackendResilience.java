package io.mcpgateway.gateway.backend;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.circuitbreaker.IllegalStateTransitionException;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.RetryRegistry;
import io.mcpgateway.gateway.config.BackendSettings;
import io.mcpgateway.gateway.config.ResilienceSettings;
import io.mcpgateway.gateway.metrics.GatewayMetrics;
import io.mcpgateway.gateway.toolmeta.ToolRegistry;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The Resilience4j registries built from our configuration, with one {@link BackendGuard} (circuit breaker, bulkhead,
 * retry) per configured backend, each named after its backend. Their state feeds {@code /health} and their meters
 * {@code /metrics}.
 */
public final class BackendResilience {

    private final CircuitBreakerRegistry breakers;
    private final BulkheadRegistry bulkheads;
    private final RetryRegistry retries;
    private final Map<String, BackendGuard> guards = new LinkedHashMap<>();

    /** Retries only tools that the registry knows as read-only, with random jitter. */
    public BackendResilience(List<BackendSettings> backends, ResilienceSettings settings, ToolRegistry registry,
            GatewayMetrics metrics, Clock clock) {
        this(backends, settings, RetrySafeTools.readOnlyIn(registry), metrics, clock,
                () -> ThreadLocalRandom.current().nextDouble());
    }

    BackendResilience(List<BackendSettings> backends, ResilienceSettings settings, RetrySafeTools safeTools,
            GatewayMetrics metrics, Clock clock, DoubleSupplier random) {
        Objects.requireNonNull(settings, "settings");
        this.breakers = CircuitBreakerRegistry.of(ResilienceConfigs.circuitBreaker(settings, clock));
        this.bulkheads = BulkheadRegistry.of(ResilienceConfigs.bulkhead(settings));
        this.retries = RetryRegistry.of(ResilienceConfigs.retry(settings));
        for (BackendSettings backend : backends) {
            String name = backend.name();
            CircuitBreaker breaker = breakers.circuitBreaker(name);
            guards.put(name, new BackendGuard(retries.retry(name),
                    new RetryPolicy(name, settings, safeTools, metrics, clock, random), bulkheads.bulkhead(name),
                    breaker, BreakerTransitions.watch(breaker, settings.waitInOpen(), clock)));
        }
    }

    /** Publishes the breakers', bulkheads' and retries' own meters (Resilience4j's names) to {@code registry}. */
    public void bindTo(MeterRegistry registry) {
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(registry);
        TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(registry);
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(registry);
    }

    /**
     * Opens the breaker of each backend whose breaker is open in {@code previous}, the resilience of the gateway this
     * one replaces on a reload, when {@code unchanged} says the reload left that backend's settings alone: a backend
     * found failing is not called at full rate again because another setting changed; so does a breaker that
     * {@code previous} opens later, while it answers its last requests. Its wait before trial calls starts again from
     * then. A backend now at another address or with other settings starts closed.
     */
    public void keepOpenBreakersOf(BackendResilience previous, Predicate<String> unchanged) {
        guards.forEach((name, guard) -> {
            BackendGuard before = previous.guards.get(name);
            if (before != null && unchanged.test(name)) {
                if (before.breaker().getState() == CircuitBreaker.State.OPEN) {
                    open(guard);
                }
                // it answers its open connections a moment longer: a breaker it opens then opens this one too
                before.breaker().getEventPublisher().onStateTransition(event -> {
                    if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                        open(guard);
                    }
                });
            }
        });
    }

    private static void open(BackendGuard guard) {
        try {
            guard.breaker().transitionToOpenState();
        } catch (IllegalStateTransitionException e) {
            // open already
        }
    }

    /**
     * A probe found the backend serving again after one found it down (a restart): an open breaker lets trial calls
     * through now (half-open) rather than at the end of its wait, so a backend back in seconds is not refused for the
     * rest of {@code wait_in_open_seconds}; trial calls that fail open it again, for a whole wait.
     */
    public void backendBack(String backend) {
        BackendGuard guard = guards.get(backend);
        if (guard == null || guard.breaker().getState() != CircuitBreaker.State.OPEN) {
            return;
        }
        try {
            guard.breaker().transitionToHalfOpenState();
        } catch (IllegalStateTransitionException e) {
            // its wait ended meanwhile and it went half-open by itself: the same outcome
        }
    }

    /** The backend's breaker state for {@code /health}: {@code closed}, {@code open} or {@code half_open}. */
    public String circuitBreakerState(String backend) {
        return guard(backend).breaker().getState().name().toLowerCase(Locale.ROOT);
    }

    BackendGuard guard(String backend) {
        BackendGuard guard = guards.get(backend);
        if (guard == null) {
            throw new IllegalArgumentException("No backend is configured with the name '" + backend + "'");
        }
        return guard;
    }
}
