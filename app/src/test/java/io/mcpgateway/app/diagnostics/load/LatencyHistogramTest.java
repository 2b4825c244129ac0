package io.mcpgateway.app.diagnostics.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.mcpgateway.app.diagnostics.RecordedLatencies;

class LatencyHistogramTest {

    private static LatencyHistogram histogram(double... millis) {
        return LatencyHistogram.of(RecordedLatencies.of(millis));
    }

    @Test
    void latenciesFallInOneTwoFiveBucketsFromTheFirstToTheLastFilledOne() {
        assertThat(histogram(1.2, 1.9, 3, 40).buckets()).containsExactly(
                new LatencyHistogram.Bucket(1, 2, 2),
                new LatencyHistogram.Bucket(2, 5, 1),
                new LatencyHistogram.Bucket(5, 10, 0),
                new LatencyHistogram.Bucket(10, 20, 0),
                new LatencyHistogram.Bucket(20, 50, 1));
    }

    @Test
    void aBoundBelongsToTheBucketItStarts() {
        assertThat(histogram(2.0).buckets()).containsExactly(new LatencyHistogram.Bucket(2, 5, 1));
    }

    @Test
    void everyBoundBelongsToTheBucketItStartsThoughTheHistogramRoundsIt() {
        LatencyHistogram histogram = histogram(0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000);

        assertThat(histogram.buckets()).hasSize(14).allSatisfy(b -> assertThat(b.count()).isOne())
                .first().isEqualTo(new LatencyHistogram.Bucket(0.5, 1, 1));
    }

    @Test
    void theLastBucketIsOpenEnded() {
        assertThat(histogram(12_000).lines())
                .containsExactly("  10000 - ... ms  | ######################################## | 1");
    }

    @Test
    void barsAreScaledToTheFullestBucketAndASmallOneStillShows() {
        double[] many = new double[201];
        Arrays.fill(many, 0, 200, 0.7);
        many[200] = 3;

        assertThat(histogram(many).lines()).containsExactly(
                "    0.5 - 1 ms    | ######################################## | 200",
                "      1 - 2 ms    |                                          | 0",
                "      2 - 5 ms    | #                                        | 1");
    }

    @Test
    void nothingMeasuredHasNoBuckets() {
        assertThat(histogram().buckets()).isEmpty();
    }
}
