package io.mcpgateway.restaurant.reasoning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SentimentAnalyzerRoundingTest {

    @Test
    void roundsToTwoDecimalsAsPythonDoes() {
        assertThat(SentimentAnalyzer.round(3.125)).isEqualTo(3.12); // a tie, exact in binary: to even
        assertThat(SentimentAnalyzer.round(0.375)).isEqualTo(0.38);
        assertThat(SentimentAnalyzer.round(2.675)).isEqualTo(2.67); // stored just below the tie
        assertThat(SentimentAnalyzer.round(100.0 * 60 / 74)).isEqualTo(81.08);
        assertThat(SentimentAnalyzer.round(100.0 * 2 / 3)).isEqualTo(66.67);
        assertThat(SentimentAnalyzer.round(0.0)).isEqualTo(0.0);
        assertThat(SentimentAnalyzer.round(100.0)).isEqualTo(100.0);
    }
}
