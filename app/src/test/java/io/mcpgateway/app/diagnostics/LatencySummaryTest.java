package io.mcpgateway.app.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencySummaryTest {

    @Test
    void percentilesAreNearestRank() {
        double[] millis = new double[100];
        for (int i = 0; i < 100; i++) {
            millis[i] = 100 - i; // unsorted on purpose
        }

        LatencySummary summary = LatencySummary.of(millis);

        assertThat(summary.count()).isEqualTo(100);
        assertThat(summary.min()).isEqualTo(1);
        assertThat(summary.p50()).isEqualTo(50);
        assertThat(summary.p90()).isEqualTo(90);
        assertThat(summary.p99()).isEqualTo(99);
        assertThat(summary.max()).isEqualTo(100);
        assertThat(summary.mean()).isEqualTo(50.5);
    }

    @Test
    void oneValueIsEveryPercentile() {
        assertThat(LatencySummary.of(new double[] {7}).line())
                .isEqualTo("min 7.00  p50 7.00  p90 7.00  p99 7.00  max 7.00");
    }

    @Test
    void nothingMeasuredIsAllZero() {
        assertThat(LatencySummary.of(new double[0])).isEqualTo(LatencySummary.EMPTY);
    }

    @Test
    void millisecondsAreShownWithThePrecisionThatMattersAtTheirSize() {
        assertThat(LatencySummary.format(0.123)).isEqualTo("0.12");
        assertThat(LatencySummary.format(12.34)).isEqualTo("12.3");
        assertThat(LatencySummary.format(1234.5)).isEqualTo("1235");
    }
}
