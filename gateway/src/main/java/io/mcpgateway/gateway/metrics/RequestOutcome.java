package io.mcpgateway.gateway.metrics;

/** What a finished request stands for: the {@code outcome} tag of the request meters. */
public enum RequestOutcome {
    SUCCESS("success"),
    CLIENT_ERROR("client_error"),
    SERVER_ERROR("server_error"),
    /**
     * A health probe told that the gateway is not healthy or not ready (503): the verdict it asked for, not a request
     * that failed. Counted apart, or every probe of every load balancer and pod during an outage would add to the
     * server errors that alerts watch.
     */
    UNAVAILABLE("unavailable");

    private final String label;

    RequestOutcome(String label) {
        this.label = label;
    }

    /** By status: below 400 a success, below 500 the client's error, else the server's. */
    public static RequestOutcome of(int status) {
        return status < 400 ? SUCCESS : status < 500 ? CLIENT_ERROR : SERVER_ERROR;
    }

    public String label() {
        return label;
    }

    /** Whether {@code label} is an error's: a client or server error, not a success nor a probe's verdict. */
    static boolean isError(String label) {
        return CLIENT_ERROR.label.equals(label) || SERVER_ERROR.label.equals(label);
    }
}
