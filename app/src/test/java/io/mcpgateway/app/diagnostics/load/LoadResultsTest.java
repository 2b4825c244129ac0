package io.mcpgateway.app.diagnostics.load;

import static io.mcpgateway.app.diagnostics.RecordedLatencies.PRECISION;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcpgateway.app.diagnostics.LatencyRecorder;
import io.mcpgateway.app.diagnostics.LatencySummary;

class LoadResultsTest {

    private final LatencyRecorder latencies = new LatencyRecorder();

    @Test
    void everyWorkersAnswersAreSummarisedTogether() {
        WorkerTally first = new WorkerTally(latencies);
        WorkerTally second = new WorkerTally(latencies);
        first.record(RequestOutcome.success(12));
        second.record(RequestOutcome.success(30));
        second.record(RequestOutcome.errorAnswer(40, "HTTP 503"));

        LoadResults results = LoadResults.merge(List.of(first, second), latencies, 100);

        assertThat(results.sent()).isEqualTo(3);
        assertThat(results.succeeded()).isEqualTo(2);
        assertThat(results.latency().count()).isEqualTo(3);
        assertThat(results.latency().max()).isCloseTo(40, PRECISION);
        assertThat(results.histogram().buckets()).containsExactly(new LatencyHistogram.Bucket(10, 20, 1),
                new LatencyHistogram.Bucket(20, 50, 2));
        assertThat(results.errors()).isEqualTo(Map.of("HTTP 503", 1L));
    }

    @Test
    void aRequestWithoutAnAnswerFailsButHasNoLatency() {
        WorkerTally tally = new WorkerTally(latencies);
        tally.record(RequestOutcome.success(12));
        tally.record(RequestOutcome.noAnswer(5_000, "connection refused"));

        LoadResults results = LoadResults.merge(List.of(tally), latencies, 5_000);

        assertThat(results.failed()).isOne();
        assertThat(results.latency().count()).isOne();
        assertThat(results.histogram().buckets()).containsExactly(new LatencyHistogram.Bucket(10, 20, 1));
    }

    @Test
    void noAnswerAtAllLeavesNoLatencyAndNoBuckets() {
        WorkerTally tally = new WorkerTally(latencies);
        tally.record(RequestOutcome.noAnswer(1, "connection refused"));

        LoadResults results = LoadResults.merge(List.of(tally), latencies, 1);

        assertThat(results.latency()).isEqualTo(LatencySummary.EMPTY);
        assertThat(results.histogram().buckets()).isEmpty();
        assertThat(results.errors()).isEqualTo(Map.of("connection refused", 1L));
    }
}
