package io.mcpgateway.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;

import io.mcpgateway.gateway.CapturedLogs;
import io.mcpgateway.gateway.backend.BackendFailure.Kind;
import io.mcpgateway.gateway.config.ResilienceSettings;
import io.mcpgateway.gateway.metrics.GatewayMetrics;
import io.mcpgateway.testsupport.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class RetryPolicyTest {

    private static final ResilienceSettings SETTINGS = new ResilienceSettings(4, Duration.ofMillis(100),
            Duration.ofMillis(300), 1.0, 50, 10, 20, Duration.ofSeconds(30), 3, 64);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ManualClock clock = ManualClock.atEpochDay();
    private final Deadline deadline = Deadline.after(Duration.ofSeconds(10), clock);
    private double jitter = 0.5;
    private final RetryPolicy policy = policy(SETTINGS, (backend, tool) -> tool.equals("read"));

    private RetryPolicy policy(ResilienceSettings settings, RetrySafeTools safeTools) {
        RetryPolicy policy = new RetryPolicy("alpha", settings, safeTools, new GatewayMetrics(meters), clock,
                () -> jitter);
        policy.recordFirstAttempt();
        return policy;
    }

    private static BackendFailure refused() {
        return new BackendFailure(Kind.UNAVAILABLE, "alpha", "refused");
    }

    private double decisions(String decision) {
        return meters.counter(GatewayMetrics.BACKEND_RETRIES, "backend", "alpha", "decision", decision).count();
    }

    @Nested
    class WhatIsRetried {

        @AfterEach
        void clearInterrupt() {
            Thread.interrupted();
        }

        @Test
        void failureWithoutHttpAnswerIsRetried() {
            assertThat(policy.backoffAfter(refused(), "read", 1, deadline)).isPresent();
            assertThat(decisions("retried")).isEqualTo(1);
        }

        @Test
        void aRetryIsLoggedWithTheAttemptItMakes() {
            CapturedLogs logs = CapturedLogs.of(RetryPolicy.class).atLevel(Level.INFO);
            try (logs) {
                policy.backoffAfter(refused(), "read", 1, deadline);
            }

            assertThat(logs.events()).singleElement().extracting(ILoggingEvent::getFormattedMessage)
                    .isEqualTo("Retrying read on 'alpha' (attempt 2 of 4) in 50 ms"); // half of 100 ms: the jitter
        }

        @ParameterizedTest
        @ValueSource(ints = {500, 502, 503, 504})
        void serverErrorStatusIsRetried(int status) {
            assertThat(policy.backoffAfter(new BackendFailure(Kind.UNAVAILABLE, "alpha", status, "HTTP " + status),
                    "read", 1, deadline)).isPresent();
        }

        @ParameterizedTest
        @ValueSource(ints = {400, 401, 404, 429, 501})
        void otherStatusIsNotRetried(int status) {
            assertThat(policy.backoffAfter(new BackendFailure(Kind.UNAVAILABLE, "alpha", status, "HTTP " + status),
                    "read", 1, deadline)).isEmpty();
        }

        @Test
        void timeoutIsNotRetried() {
            assertThat(policy.backoffAfter(new BackendFailure(Kind.TIMEOUT, "alpha", "slow"), "read", 1, deadline))
                    .isEmpty();
        }

        @Test
        void protocolErrorIsNotRetried() {
            assertThat(policy.backoffAfter(new BackendFailure(Kind.PROTOCOL, "alpha", "garbage"), "read", 1,
                    deadline)).isEmpty();
        }

        @Test
        void toolThatIsNotSafeToRepeatIsNotRetried() {
            assertThat(policy.backoffAfter(refused(), "write", 1, deadline)).isEmpty();
            assertThat(decisions("retried")).isZero();
        }

        @Test
        void lastAttemptIsNotRetried() {
            assertThat(policy.backoffAfter(refused(), "read", SETTINGS.maxAttempts(), deadline)).isEmpty();
        }

        @Test
        void interruptedCallIsNotRetried() {
            Thread.currentThread().interrupt();

            assertThat(policy.backoffAfter(refused(), "read", 1, deadline)).isEmpty();
        }
    }

    @Nested
    class Backoff {

        @Test
        void backoffIsFullJitterOfTheExponentialCeiling() {
            jitter = 0.5;
            assertThat(policy.backoffAfter(refused(), "read", 1, deadline)).hasValue(Duration.ofMillis(50));
            jitter = 0.0;
            assertThat(policy(SETTINGS, (b, t) -> true).backoffAfter(refused(), "read", 2, deadline))
                    .hasValue(Duration.ZERO);
            jitter = 0.999;
            assertThat(policy(SETTINGS, (b, t) -> true).backoffAfter(refused(), "read", 2, deadline))
                    .hasValue(Duration.ofMillis(199));
        }

        @Test
        void backoffNeverExceedsTheMaximum() {
            jitter = 0.999;

            Optional<Duration> backoff = policy.backoffAfter(refused(), "read", 3, deadline);

            assertThat(backoff).hasValue(Duration.ofMillis(299));
        }

        @Test
        void retryThatWouldStartAfterTheDeadlineIsNotMade() {
            jitter = 0.999;
            clock.advance(Duration.ofMillis(9_950));

            assertThat(policy.backoffAfter(refused(), "read", 1, deadline)).isEmpty();
            assertThat(decisions("refused_deadline")).isEqualTo(1);
        }
    }

    @Nested
    class Budget {

        @Test
        void retriesStopWhenTheBudgetIsSpent() {
            RetryPolicy lean = new RetryPolicy("alpha", new ResilienceSettings(4, Duration.ofMillis(100),
                    Duration.ofMillis(300), 0.25, 50, 10, 20, Duration.ofSeconds(30), 3, 64), (b, t) -> true,
                    new GatewayMetrics(meters), clock, () -> jitter);
            IntStream.range(0, 4).forEach(i -> lean.recordFirstAttempt());

            assertThat(lean.backoffAfter(refused(), "read", 1, deadline)).as("earned").isPresent();
            assertThat(lean.backoffAfter(refused(), "read", 1, deadline)).as("the floor's").isPresent();
            assertThat(lean.backoffAfter(refused(), "read", 1, deadline)).isEmpty();
            assertThat(decisions("refused_budget")).isEqualTo(1);
        }

        @Test
        void firstCallOfAQuietGatewayIsRetried() {
            RetryPolicy fresh = new RetryPolicy("alpha", SETTINGS, (b, t) -> true, new GatewayMetrics(meters), clock,
                    () -> jitter);

            assertThat(fresh.backoffAfter(refused(), "read", 1, deadline)).isPresent();
        }
    }
}
