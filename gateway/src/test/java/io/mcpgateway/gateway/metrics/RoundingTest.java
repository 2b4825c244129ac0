package io.mcpgateway.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.Test;

class RoundingTest {

    @Test
    void decimalsWritesWhatStringFormatWouldForMeasuredTimes() {
        for (double millis : new double[] {0, 0.0004, 0.0005, 0.001, 0.1234, 1, 9.9996, 12.3456, 250.5, 60_000.25}) {
            assertThat(Rounding.decimals(millis, 3)).as("%s", millis)
                    .isEqualTo(String.format(Locale.ROOT, "%.3f", millis));
            assertThat(Rounding.decimals(millis, 1)).as("%s", millis)
                    .isEqualTo(String.format(Locale.ROOT, "%.1f", millis));
        }
    }

    @Test
    void twoDecimalsRoundsHalfUp() {
        assertThat(Rounding.twoDecimals(1.005001)).isEqualTo(1.01);
        assertThat(Rounding.twoDecimals(2.344)).isEqualTo(2.34);
    }
}
