package io.mcpgateway.gateway.backend;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;

/**
 * Watches one backend's circuit breaker: logs each change of state (WARN when it opens, INFO otherwise) and remembers
 * when it last opened, so that a refused caller can be told how long to wait ({@code Retry-After}).
 */
final class BreakerTransitions {

    private static final Logger log = LoggerFactory.getLogger(BreakerTransitions.class);

    private final Duration waitInOpen;
    private final Clock clock;
    private final AtomicReference<Instant> openedAt = new AtomicReference<>();

    private BreakerTransitions(Duration waitInOpen, Clock clock) {
        this.waitInOpen = Objects.requireNonNull(waitInOpen, "waitInOpen");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Starts watching {@code breaker}, which stays open for {@code waitInOpen} before it lets trial calls through. */
    static BreakerTransitions watch(CircuitBreaker breaker, Duration waitInOpen, Clock clock) {
        BreakerTransitions transitions = new BreakerTransitions(waitInOpen, clock);
        breaker.getEventPublisher().onStateTransition(transitions::record);
        return transitions;
    }

    private void record(CircuitBreakerOnStateTransitionEvent event) {
        CircuitBreaker.State to = event.getStateTransition().getToState();
        CircuitBreaker.State from = event.getStateTransition().getFromState();
        if (to == CircuitBreaker.State.OPEN || to == CircuitBreaker.State.FORCED_OPEN) {
            openedAt.set(clock.instant());
            log.warn("Circuit breaker '{}' changed from {} to {}: calls fail fast for {} s", event.getCircuitBreakerName(),
                    from, to, waitInOpen.toSeconds());
        } else {
            log.info("Circuit breaker '{}' changed from {} to {}", event.getCircuitBreakerName(), from, to);
        }
    }

    /** How long until the open breaker lets trial calls through, rounded up to whole seconds, at least one. */
    Duration retryAfter() {
        Instant opened = openedAt.get();
        Duration left = opened == null ? waitInOpen : Duration.between(clock.instant(), opened.plus(waitInOpen));
        long seconds = (Math.max(0, left.toMillis()) + 999) / 1000;
        return Duration.ofSeconds(Math.max(1, seconds));
    }
}
