package io.mcpgateway.app.diagnostics.logs;

import static io.mcpgateway.app.diagnostics.RecordedLatencies.PRECISION;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcpgateway.app.diagnostics.LatencySummary;

class RequestStatsTest {

    private final RequestStats stats = new RequestStats();

    private void access(String durationMillis) {
        stats.accept(new LogLine(Instant.EPOCH, "INFO", LogLine.ACCESS_LOGGER, "GET /health 200 " + durationMillis
                + "ms", Map.of("status", "200", "duration_ms", durationMillis, "request_id", "r")));
    }

    @Test
    void latencyOfEveryTimedLineIsSummarisedWithinTheHistogramsPrecision() {
        for (int millis = 1000; millis >= 1; millis--) {
            access(Integer.toString(millis));
        }

        LatencySummary latency = stats.latency();

        assertThat(latency.count()).isEqualTo(1000);
        assertThat(latency.p50()).isCloseTo(500, PRECISION);
        assertThat(latency.p99()).isCloseTo(990, PRECISION);
        assertThat(latency.line()).isEqualTo("min 1.00  p50 500  p90 900  p99 990  max 1000");
        assertThat(stats.slowest()).first().extracting(SlowRequest::millis).isEqualTo(1000.0);
    }

    @Test
    void aDurationThatIsNotANonNegativeNumberIsCountedButNotTimed() {
        // 1e308 ms: no request lasts longer than the universe has existed; one corrupt line would own the p99
        for (String notADuration : new String[] {"NaN", "-3", "Infinity", "fast", "1e308", "4e12"}) {
            access(notADuration);
        }

        assertThat(stats.total()).isEqualTo(6);
        assertThat(stats.latency()).isEqualTo(LatencySummary.EMPTY);
        assertThat(stats.slowest()).isEmpty();
    }

    @Test
    void aStatusThatIsNoHttpStatusIsCountedAsUnreadable() {
        for (String status : new String[] {"-1", "abc", "0", "600", "99999999999", "404"}) {
            stats.accept(new LogLine(Instant.EPOCH, "INFO", LogLine.ACCESS_LOGGER, "GET /x " + status + " 1ms",
                    Map.of("status", status, "duration_ms", "1", "request_id", "r")));
        }

        assertThat(stats.byStatus()).containsExactly(Map.entry(RequestStats.UNREADABLE_STATUS, 5L),
                Map.entry(404, 1L));
    }
}
