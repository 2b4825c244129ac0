package io.mcpgateway.gateway.backend;

import java.util.Map;

import io.mcpgateway.gateway.error.GatewayException;

/**
 * Calls a tool on a named backend and gives its outcome, or fails with the gateway exception to answer (503, 504).
 * The REST routes (and later the gateway's own MCP endpoint) call tools only through this.
 */
public interface ToolInvoker {

    /**
     * @param form what the caller reads of the result
     * @throws GatewayException when no tool outcome could be had (backend down, timed out, refusing load)
     */
    ToolOutcome invoke(String backend, String tool, Map<String, Object> arguments, ResultForm form);
}
