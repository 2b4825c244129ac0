package io.mcpgateway.gateway.backend.http1;

/**
 * Tells, of each event of an event-stream answer, whether it is the last one the caller needs: reading stops there,
 * without waiting for the stream's end, which a server may send late or never (Streamable HTTP says a server SHOULD
 * close the stream after its response, not MUST).
 */
@FunctionalInterface
public interface FinalEvent {

    /**
     * Whether the event whose data is {@code data} (its {@code data:} lines joined with LF) ends the reading. Saying
     * false of an event that was the last reads on to the stream's end, as if no event were final.
     */
    boolean isFinal(byte[] data);

    /**
     * The test for an answer of {@code status}: this one, unless it also hands events on as they arrive, which only
     * an answer that is no failure may (what a failed backend sent stays in the gateway's log).
     */
    default FinalEvent forStatus(int status) {
        return this;
    }
}
