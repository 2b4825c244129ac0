package io.mcpgateway.gateway.backend;

/**
 * An attempt ended because its MCP client cancelled the request ({@code notifications/cancelled}): the backend was not
 * at fault, so the circuit breaker ignores it, and it is not retried.
 */
final class CallCancelled extends Exception {

    CallCancelled() {
        super(null, null, false, false);
    }
}
