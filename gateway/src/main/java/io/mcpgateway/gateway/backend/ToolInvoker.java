package io.mcpgateway.gateway.backend;

import java.time.Instant;
import java.util.Map;

import io.mcpgateway.gateway.error.GatewayException;

/**
 * Calls a tool on a named backend and gives its outcome, or fails with the gateway exception to answer (503, 504).
 * The REST routes (and later the gateway's own MCP endpoint) call tools only through this.
 */
public interface ToolInvoker {

    /**
     * @param form what the caller reads of the result
     * @param caller whom the call is made for, told to the backend (never the caller's token)
     * @param notAfter when the call must have ended at the latest, if before the backend's total timeout (a batch's
     *     end); {@link Instant#MAX} for the backend's own limits only
     * @throws GatewayException when no tool outcome could be had (backend down, timed out, refusing load)
     */
    ToolOutcome invoke(String backend, String tool, Map<String, Object> arguments, ResultForm form,
            OnBehalfOf caller, Instant notAfter);

    /** A call within the backend's own time limits. */
    default ToolOutcome invoke(String backend, String tool, Map<String, Object> arguments, ResultForm form,
            OnBehalfOf caller) {
        return invoke(backend, tool, arguments, form, caller, Instant.MAX);
    }
}
