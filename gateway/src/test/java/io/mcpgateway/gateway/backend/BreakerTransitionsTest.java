package io.mcpgateway.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.mcpgateway.testsupport.ManualClock;

class BreakerTransitionsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ManualClock clock = ManualClock.atEpochDay();
    private final CircuitBreaker breaker = CircuitBreaker.of("alpha", CircuitBreakerConfig.custom()
            .waitDurationInOpenState(WAIT).clock(clock).build());
    private final BreakerTransitions transitions = BreakerTransitions.watch(breaker, WAIT, clock);

    @Test
    void retryAfterIsTheWholeWaitRightAfterOpening() {
        breaker.transitionToOpenState();

        assertThat(transitions.retryAfter()).isEqualTo(WAIT);
    }

    @Test
    void retryAfterIsTheRemainingWaitRoundedUpToWholeSeconds() {
        breaker.transitionToOpenState();
        clock.advance(Duration.ofMillis(10_500));

        assertThat(transitions.retryAfter()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void retryAfterIsAtLeastOneSecondOnceTheWaitIsOver() {
        breaker.transitionToOpenState();
        clock.advance(WAIT.plusSeconds(5));

        assertThat(transitions.retryAfter()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void reopeningStartsTheWaitAgain() {
        breaker.transitionToOpenState();
        clock.advance(WAIT);
        breaker.transitionToHalfOpenState();
        breaker.transitionToOpenState();

        assertThat(transitions.retryAfter()).isEqualTo(WAIT);
    }
}
