package io.mcpgateway.app.diagnostics.load;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/** What one worker saw; each worker has its own, so recording needs no locks. Merged when the run ends. */
final class WorkerTally {

    private double[] latencies = new double[256];
    private int answered;
    private long sent;
    private long succeeded;
    private final Map<String, Long> errors = new HashMap<>();

    void record(RequestOutcome outcome) {
        sent++;
        if (outcome.succeeded()) {
            succeeded++;
        } else {
            errors.merge(outcome.errorKind(), 1L, Long::sum);
        }
        if (outcome.answered()) {
            if (answered == latencies.length) {
                latencies = Arrays.copyOf(latencies, answered * 2);
            }
            latencies[answered++] = outcome.millis();
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

    /** Latencies of the requests that got an answer (a refused connection has no meaningful latency). */
    double[] latencies() {
        return Arrays.copyOf(latencies, answered);
    }
}
