package io.mcpgateway.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mcpgateway.testsupport.ManualClock;

class TrafficHistoryTest {

    private final ManualClock clock = ManualClock.atEpochDay();
    private final TrafficHistory history = new TrafficHistory(clock);

    @Test
    void requestsAreCountedPerIntervalWithErrorsAuthFailuresAndRejections() {
        for (int i = 1; i <= 100; i++) {
            history.record(200, i, null);
        }
        history.record(401, 2, "EXPIRED");
        history.record(401, 2, "EXPIRED");
        history.record(429, 1, "RATE_LIMIT_EXCEEDED");
        clock.advance(Duration.ofSeconds(10));
        history.record(500, 50, "INTERNAL_ERROR");

        List<Map<String, Object>> series = history.series();

        assertThat(series).hasSize(2);
        assertThat(series.get(0)).containsEntry("requests", 103L).containsEntry("errors", 3L)
                .containsEntry("rate_limited", 1L).containsEntry("auth_failures", Map.of("expired", 2L))
                .containsEntry("p50_ms", 49.0).containsEntry("p99_ms", 99.0);
        assertThat(series.get(1)).containsEntry("requests", 1L).containsEntry("errors", 1L);
    }

    @Test
    void onlyTheLastTenMinutesAreKept() {
        for (int i = 0; i < TrafficHistory.INTERVALS + 5; i++) {
            history.record(200, 1, null);
            clock.advance(TrafficHistory.INTERVAL);
        }

        assertThat(history.series()).hasSize(TrafficHistory.INTERVALS);
    }

    @Test
    void aQuietSpellLeavesQuietIntervalsAndNothingOlderThanTenMinutes() {
        history.record(500, 1, "INTERNAL_ERROR");
        clock.advance(Duration.ofHours(2));
        history.record(200, 1, null);
        clock.advance(TrafficHistory.INTERVAL.multipliedBy(3));

        List<Map<String, Object>> series = history.series();

        assertThat(series).as("the interval of two hours ago is gone").hasSize(4);
        assertThat(series.get(0)).containsEntry("requests", 1L).containsEntry("errors", 0L);
        assertThat(series.subList(1, 4)).allSatisfy(quiet -> assertThat(quiet).containsEntry("requests", 0L)
                .containsEntry("p50_ms", null));
        assertThat(series.get(3)).containsEntry("start", clock.instant().toString());
    }

    @Test
    void aClockThatGoesBackKeepsNoIntervalsAheadOfIt() {
        for (int i = 0; i < 5; i++) {
            history.record(200, 1, null);
            clock.advance(TrafficHistory.INTERVAL);
        }
        clock.advance(Duration.ofHours(-1));
        history.record(200, 1, null);

        List<Map<String, Object>> series = history.series();

        assertThat(series).singleElement().satisfies(interval -> assertThat(interval)
                .containsEntry("start", clock.instant().toString()).containsEntry("requests", 1L));
    }

    @Test
    void memoryStaysBoundedUnderLoad() {
        for (int i = 0; i < 50_000; i++) {
            history.record(200, i % 100, null);
        }

        assertThat(history.series().get(0)).containsEntry("requests", 50_000L);
        assertThat((Double) history.series().get(0).get("p99_ms")).isBetween(90.0, 99.0);
    }
}
