package io.mcpgateway.app.diagnostics.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void latenciesFallInOneTwoFiveBucketsFromTheFirstToTheLastFilledOne() {
        LatencyHistogram histogram = LatencyHistogram.of(new double[] {1.2, 1.9, 3, 40});

        assertThat(histogram.buckets()).containsExactly(
                new LatencyHistogram.Bucket(1, 2, 2),
                new LatencyHistogram.Bucket(2, 5, 1),
                new LatencyHistogram.Bucket(5, 10, 0),
                new LatencyHistogram.Bucket(10, 20, 0),
                new LatencyHistogram.Bucket(20, 50, 1));
    }

    @Test
    void aBoundBelongsToTheBucketItStarts() {
        assertThat(LatencyHistogram.of(new double[] {2.0}).buckets())
                .containsExactly(new LatencyHistogram.Bucket(2, 5, 1));
    }

    @Test
    void theLastBucketIsOpenEnded() {
        assertThat(LatencyHistogram.of(new double[] {12_000}).lines())
                .containsExactly("  10000 - ... ms  | ######################################## | 1");
    }

    @Test
    void barsAreScaledToTheFullestBucketAndASmallOneStillShows() {
        double[] many = new double[201];
        java.util.Arrays.fill(many, 0, 200, 0.7);
        many[200] = 3;

        assertThat(LatencyHistogram.of(many).lines()).containsExactly(
                "    0.5 - 1 ms    | ######################################## | 200",
                "      1 - 2 ms    |                                          | 0",
                "      2 - 5 ms    | #                                        | 1");
    }

    @Test
    void nothingMeasuredHasNoBuckets() {
        assertThat(LatencyHistogram.of(new double[0]).buckets()).isEmpty();
    }
}
