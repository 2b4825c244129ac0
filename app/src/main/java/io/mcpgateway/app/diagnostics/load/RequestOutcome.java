package io.mcpgateway.app.diagnostics.load;

/**
 * One request's result.
 *
 * @param millis how long it took, answer or not
 * @param errorKind null for a success; otherwise what went wrong, the key errors are grouped by
 */
record RequestOutcome(double millis, boolean answered, String errorKind) {

    static RequestOutcome success(double millis) {
        return new RequestOutcome(millis, true, null);
    }

    static RequestOutcome errorAnswer(double millis, String kind) {
        return new RequestOutcome(millis, true, kind);
    }

    static RequestOutcome noAnswer(double millis, String kind) {
        return new RequestOutcome(millis, false, kind);
    }

    boolean succeeded() {
        return errorKind == null;
    }
}
