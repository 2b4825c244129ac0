package io.mcpgateway.gateway.backend;

/** A backend call that did not produce a tool result, and why; the caller is not at fault. */
public final class BackendFailure extends Exception {

    /** What went wrong, which decides the answer (503 or 504) and the metric outcome. */
    public enum Kind {
        /** Connection refused, reset, or an HTTP error status. */
        UNAVAILABLE("unavailable"),
        /** No answer within the request timeout. */
        TIMEOUT("timeout"),
        /** An answer that is not a usable JSON-RPC response, or a JSON-RPC error. */
        PROTOCOL("protocol_error");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final Kind kind;
    private final String backend;

    public BackendFailure(Kind kind, String backend, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.backend = backend;
    }

    public Kind kind() {
        return kind;
    }

    public String backend() {
        return backend;
    }
}
