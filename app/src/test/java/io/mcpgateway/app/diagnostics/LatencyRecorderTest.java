package io.mcpgateway.app.diagnostics;

import static io.mcpgateway.app.diagnostics.RecordedLatencies.PRECISION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LatencyRecorderTest {

    @Nested
    class Summary {

        @Test
        void percentilesAreNearestRankWithinTheHistogramsPrecision() {
            double[] millis = new double[100];
            for (int i = 0; i < 100; i++) {
                millis[i] = 100 - i; // unsorted on purpose
            }

            LatencySummary summary = RecordedLatencies.of(millis).summary();

            assertThat(summary.count()).isEqualTo(100);
            assertThat(summary.min()).isCloseTo(1, PRECISION);
            assertThat(summary.p50()).isCloseTo(50, PRECISION);
            assertThat(summary.p90()).isCloseTo(90, PRECISION);
            assertThat(summary.p99()).isCloseTo(99, PRECISION);
            assertThat(summary.max()).isCloseTo(100, PRECISION);
            assertThat(summary.mean()).isCloseTo(50.5, PRECISION);
        }

        @Test
        void printedFiguresAreThoseOfTheExactValues() {
            assertThat(RecordedLatencies.of(11.7, 29.5, 29.5, 225, 231).summary().line())
                    .isEqualTo("min 11.7  p50 29.5  p90 231  p99 231  max 231");
        }

        @Test
        void theMinimumAndMaximumAreExactAndNoPercentilePassesThem() {
            LatencySummary summary = RecordedLatencies.of(1, 1000, 10_000).summary();

            assertThat(summary.min()).isEqualTo(1.0);
            assertThat(summary.max()).as("not the top of its sub-bucket, 10007.6").isEqualTo(10_000.0);
            assertThat(summary.p99()).isEqualTo(10_000.0);
            assertThat(summary.toJson()).containsEntry("max_ms", 10_000.0).containsEntry("min_ms", 1.0);
        }

        @Test
        void oneValueIsEveryPercentile() {
            assertThat(RecordedLatencies.of(7).summary().line())
                    .isEqualTo("min 7.00  p50 7.00  p90 7.00  p99 7.00  max 7.00");
        }

        @ParameterizedTest
        @ValueSource(doubles = {0.001234, 0.1234, 1.234, 123.4, 12_340, 1_234_000})
        void valuesFromMicrosecondsToMinutesKeepThreeSignificantDigits(double millis) {
            LatencySummary summary = RecordedLatencies.of(millis).summary();

            assertThat(List.of(summary.min(), summary.p50(), summary.max()))
                    .allSatisfy(m -> assertThat(m).isCloseTo(millis, PRECISION));
        }

        @Test
        void nothingRecordedIsAllZero() {
            assertThat(new LatencyRecorder().summary()).isEqualTo(LatencySummary.EMPTY);
        }
    }

    @Nested
    class Values {

        @Test
        void eachDistinctValueIsToldOnceWithItsCountSmallestFirst() {
            List<String> told = new ArrayList<>();

            RecordedLatencies.of(40, 2, 40, 2, 2).forEachValue((millis, count) ->
                    told.add(LatencySummary.format(millis) + " x " + count));

            assertThat(told).containsExactly("2.00 x 3", "40.0 x 2");
        }

        @Test
        void nothingRecordedTellsNothing() {
            List<Double> told = new ArrayList<>();

            new LatencyRecorder().forEachValue((millis, count) -> told.add(millis));

            assertThat(told).isEmpty();
        }
    }

    @Nested
    class Memory {

        @Test
        void aMillionValuesTakeNoMoreMemoryThanTheFirstTwo() {
            LatencyRecorder recorder = RecordedLatencies.of(0.05, 60_000); // 50 µs to a minute
            long footprint = recorder.footprintBytes();

            for (int i = 0; i < 1_000_000; i++) {
                recorder.record(0.05 + i % 60_000);
            }

            assertThat(recorder.summary().count()).isEqualTo(1_000_002);
            assertThat(recorder.footprintBytes()).isEqualTo(footprint);
        }

        @Test
        void evenTheLargestValueKeepsTheFootprintUnderAMegabyte() {
            LatencyRecorder recorder = RecordedLatencies.of(0, Double.MAX_VALUE);

            assertThat(recorder.footprintBytes()).isLessThan(1 << 20);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.001, Double.NaN})
    void aLatencyBelowZeroOrNotANumberIsRefused(double millis) {
        assertThatThrownBy(() -> new LatencyRecorder().record(millis))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a latency must be 0 ms or more but was " + millis);
    }
}
