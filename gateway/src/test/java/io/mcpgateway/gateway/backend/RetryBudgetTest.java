package io.mcpgateway.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.mcpgateway.testsupport.ManualClock;

class RetryBudgetTest {

    private final ManualClock clock = ManualClock.atEpochDay();

    private RetryBudget budget(double ratio) {
        return new RetryBudget(ratio, clock);
    }

    @Test
    void quietBackendGetsOneRetryPerSecond() {
        RetryBudget budget = budget(0.2);

        assertThat(budget.tryTakeRetry()).as("no traffic has earned a retry, the floor grants one").isTrue();
        assertThat(budget.tryTakeRetry()).isFalse();
        clock.advance(Duration.ofMillis(RetryBudget.FLOOR_INTERVAL_MILLIS - 1));
        assertThat(budget.tryTakeRetry()).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(budget.tryTakeRetry()).isTrue();
    }

    @Test
    void firstAttemptsEarnRetriesAtTheRatio() {
        RetryBudget budget = budget(0.2);
        budget.tryTakeRetry(); // the floor's retry of this second
        IntStream.range(0, 4).forEach(i -> budget.recordFirstAttempt());
        assertThat(budget.tryTakeRetry()).as("four calls earn 0.8 of a retry").isFalse();

        budget.recordFirstAttempt();

        assertThat(budget.tryTakeRetry()).isTrue();
        assertThat(budget.tryTakeRetry()).isFalse();
    }

    @Test
    void retriesNeverExceedTheRatioOfFirstAttemptsAndTheFloor() {
        RetryBudget budget = budget(0.2);
        int retries = 0;
        for (int second = 0; second < 10; second++) {
            for (int call = 0; call < 100; call++) {
                budget.recordFirstAttempt();
                while (budget.tryTakeRetry()) {
                    retries++;
                }
            }
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(retries).as("20% of 1,000 calls, and one a second").isEqualTo(200 + 10);
    }

    @Test
    void availableCountsTheFloorsRetry() {
        RetryBudget budget = budget(0.2);
        budget.recordFirstAttempt();
        assertThat(budget.available()).isEqualTo(1.2);

        budget.tryTakeRetry();

        assertThat(budget.available()).isEqualTo(0.2);
    }

    @Test
    void onlyRecentCallsCount() {
        RetryBudget budget = budget(0.5);
        IntStream.range(0, 10 * RetryBudget.RECENT_CALLS).forEach(i -> budget.recordFirstAttempt());

        budget.tryTakeRetry(); // the floor's

        assertThat(budget.available()).isEqualTo(0.5 * RetryBudget.RECENT_CALLS);
    }

    @Test
    void zeroRatioNeverRetries() {
        RetryBudget budget = budget(0);
        IntStream.range(0, 1_000).forEach(i -> budget.recordFirstAttempt());
        clock.advance(Duration.ofMinutes(1));

        assertThat(budget.tryTakeRetry()).isFalse();
        assertThat(budget.available()).isZero();
    }

    @Test
    void ratioOutsideZeroToOneIsRejected() {
        assertThatThrownBy(() -> new RetryBudget(1.5, clock)).hasMessage("ratio must be between 0 and 1 but was 1.5");
        assertThatThrownBy(() -> new RetryBudget(-0.1, clock)).isInstanceOf(IllegalArgumentException.class);
    }
}
