package io.mcpgateway.mcpkit;

/** Whether a tool's results may be reused for identical arguments. */
public enum ResultCaching {
    /** Every call runs the tool (results depend on time, randomness or changing state). */
    NONE,
    /**
     * Identical arguments give an identical result for the life of the server (the tool reads immutable data), so a
     * result is kept and served again, already serialised.
     */
    BY_ARGUMENTS
}
