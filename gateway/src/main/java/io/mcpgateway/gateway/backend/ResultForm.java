package io.mcpgateway.gateway.backend;

import io.mcpgateway.json.ResultHints;

/** What a caller reads of a tool's result, and so what its backend is asked to send. */
public enum ResultForm {

    /** The whole result, text items included: what an MCP client gets. */
    WHOLE,

    /**
     * Its structured content only, which is all the REST routes answer with: a backend that knows
     * {@link ResultHints#STRUCTURED_ONLY} leaves out the text copy of it, a backend that does not sends it whole.
     */
    STRUCTURED_ONLY
}
