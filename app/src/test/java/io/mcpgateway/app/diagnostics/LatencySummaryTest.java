package io.mcpgateway.app.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

class LatencySummaryTest {

    private static final LatencySummary SUMMARY = new LatencySummary(20, 11.71, 29.5, 225.2, 231.0004, 231.0004,
            71.25);

    @Test
    void theLineShowsMinPercentilesAndMax() {
        assertThat(SUMMARY.line()).isEqualTo("min 11.7  p50 29.5  p90 225  p99 231  max 231");
    }

    @Test
    void jsonHasEveryFigureRoundedToTheMicrosecond() {
        assertThat(SUMMARY.toJson()).containsExactly(entry("count", 20L), entry("min_ms", 11.71),
                entry("p50_ms", 29.5), entry("p90_ms", 225.2), entry("p99_ms", 231.0), entry("max_ms", 231.0),
                entry("mean_ms", 71.25));
    }

    @Test
    void millisecondsAreShownWithThePrecisionThatMattersAtTheirSize() {
        assertThat(LatencySummary.format(0.123)).isEqualTo("0.12");
        assertThat(LatencySummary.format(12.34)).isEqualTo("12.3");
        assertThat(LatencySummary.format(1234.5)).isEqualTo("1235");
    }
}
