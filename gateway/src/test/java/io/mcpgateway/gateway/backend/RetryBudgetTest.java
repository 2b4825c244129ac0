package io.mcpgateway.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class RetryBudgetTest {

    @Test
    void emptyBudgetRefusesRetries() {
        assertThat(new RetryBudget(0.2).tryTakeRetry()).isFalse();
    }

    @Test
    void firstAttemptsEarnRetriesAtTheRatio() {
        RetryBudget budget = new RetryBudget(0.2);
        IntStream.range(0, 4).forEach(i -> budget.recordFirstAttempt());
        assertThat(budget.tryTakeRetry()).as("four calls earn 0.8 of a retry").isFalse();

        budget.recordFirstAttempt();

        assertThat(budget.tryTakeRetry()).isTrue();
        assertThat(budget.tryTakeRetry()).isFalse();
    }

    @Test
    void retriesNeverExceedTheRatioOfFirstAttempts() {
        RetryBudget budget = new RetryBudget(0.2);
        int retries = 0;
        for (int call = 0; call < 1_000; call++) {
            budget.recordFirstAttempt();
            while (budget.tryTakeRetry()) {
                retries++;
            }
        }
        assertThat(retries).isEqualTo(200);
    }

    @Test
    void onlyRecentCallsCount() {
        RetryBudget budget = new RetryBudget(0.5);
        IntStream.range(0, 10 * RetryBudget.RECENT_CALLS).forEach(i -> budget.recordFirstAttempt());

        assertThat(budget.available()).isEqualTo(0.5 * RetryBudget.RECENT_CALLS);
    }

    @Test
    void zeroRatioNeverRetries() {
        RetryBudget budget = new RetryBudget(0);
        IntStream.range(0, 1_000).forEach(i -> budget.recordFirstAttempt());

        assertThat(budget.tryTakeRetry()).isFalse();
    }

    @Test
    void ratioOutsideZeroToOneIsRejected() {
        assertThatThrownBy(() -> new RetryBudget(1.5)).hasMessage("ratio must be between 0 and 1 but was 1.5");
        assertThatThrownBy(() -> new RetryBudget(-0.1)).isInstanceOf(IllegalArgumentException.class);
    }
}
