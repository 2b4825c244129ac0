package io.mcpgateway.gateway.backend;

import java.time.Duration;

/**
 * An attempt cut short by the end of the JSON-RPC batch it came in, not by its backend's own limits: the backend was
 * not at fault, so the circuit breaker ignores it (a caller could otherwise open a healthy backend's breaker with
 * batches) and it is not retried.
 */
final class BatchTimeUp extends Exception {

    private final Duration waited;

    BatchTimeUp(Duration waited) {
        super(null, null, false, false);
        this.waited = waited;
    }

    /** How long the cut attempt had: the batch's time that was left. */
    Duration waited() {
        return waited;
    }
}
