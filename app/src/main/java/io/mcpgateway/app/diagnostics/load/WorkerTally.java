package io.mcpgateway.app.diagnostics.load;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import io.mcpgateway.app.diagnostics.LatencyRecorder;

/**
 * What one worker saw; each worker has its own counts, so counting needs no locks, and all share one
 * {@link LatencyRecorder}. Merged when the run ends.
 */
final class WorkerTally {

    private final LatencyRecorder latencies;
    private long sent;
    private long succeeded;
    private final Map<String, Long> errors = new HashMap<>();

    WorkerTally(LatencyRecorder latencies) {
        this.latencies = Objects.requireNonNull(latencies, "latencies");
    }

    void record(RequestOutcome outcome) {
        sent++;
        if (outcome.succeeded()) {
            succeeded++;
        } else {
            errors.merge(outcome.errorKind(), 1L, Long::sum);
        }
        if (outcome.answered()) { // a refused connection has no meaningful latency
            latencies.record(outcome.millis());
        }
    }

    long sent() {
        return sent;
    }

    long succeeded() {
        return succeeded;
    }

    Map<String, Long> errors() {
        return errors;
    }
}
