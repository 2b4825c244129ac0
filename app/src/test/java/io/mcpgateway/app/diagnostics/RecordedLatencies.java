package io.mcpgateway.app.diagnostics;

import static org.assertj.core.api.Assertions.withinPercentage;

import org.assertj.core.data.Percentage;

/** Test fixture: a {@link LatencyRecorder} that has recorded the given latencies, and how close its figures are. */
public final class RecordedLatencies {

    /** The histogram's promise: 3 significant digits, so every figure within 0.1% of the true one. */
    public static final Percentage PRECISION = withinPercentage(0.1);

    private RecordedLatencies() {
    }

    public static LatencyRecorder of(double... millis) {
        LatencyRecorder recorder = new LatencyRecorder();
        for (double m : millis) {
            recorder.record(m);
        }
        return recorder;
    }
}
