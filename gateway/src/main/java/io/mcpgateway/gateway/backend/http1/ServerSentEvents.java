package io.mcpgateway.gateway.backend.http1;

import java.util.Arrays;
import java.util.Objects;

/**
 * Splits a server-sent event stream into its events' data as its bytes arrive (HTML Living Standard, 9.2.6
 * "Interpreting an event stream"): lines end with CRLF, LF or a bare CR; a {@code data} field's value loses exactly
 * one space after the colon and its lines are joined with LF; a blank line hands the event's data to a
 * {@link FinalEvent}, which says whether it is the last one needed. Comments and the other fields (event, id, retry)
 * are skipped: the gateway reads JSON-RPC messages, whatever their event type.
 *
 * <p>The stream is given as one array that holds it from its first byte, and grows between calls: the body being
 * read is such an array already, so no line is copied before it is known to be data.
 */
public final class ServerSentEvents {

    private static final int FIRST_DATA_CAPACITY = 256;
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final FinalEvent finalEvent;
    private int position;
    private int lineStart;
    /** Whether the last line ended with a CR: a LF right after it belongs to the same line end. */
    private boolean afterCr;
    private byte[] data = new byte[FIRST_DATA_CAPACITY];
    private int dataLength;

    public ServerSentEvents(FinalEvent finalEvent) {
        this.finalEvent = Objects.requireNonNull(finalEvent, "finalEvent");
    }

    /**
     * Reads on over {@code stream[0, length)}, whose first bytes are those of the earlier calls. An event ends at its
     * blank line: a CR is a line end at once, not one waiting to see whether a LF follows (a stream of bare CRs would
     * otherwise leave its last event waiting for the next byte).
     *
     * @return the index after the blank line that ended the final event, or -1 when no event was final
     */
    public int scan(byte[] stream, int length) {
        while (position < length) {
            byte b = stream[position++];
            if (b != '\n' && b != '\r') {
                afterCr = false;
                continue;
            }
            boolean lfOfCrlf = afterCr && b == '\n';
            afterCr = b == '\r';
            int end = position - 1;
            int start = lineStart;
            lineStart = position;
            if (!lfOfCrlf && line(stream, start, end)) {
                return position;
            }
        }
        return -1;
    }

    /**
     * Ends the stream after {@link #scan} read it all: a last line without its end, and an event without its blank
     * line, are read too, as the gateway always did (the standard drops such an event; servers that omit the last
     * blank line worked, and still do).
     *
     * @return whether that last event was final
     */
    public boolean end(byte[] stream, int length) {
        if (lineStart < length && line(stream, lineStart, length)) {
            return true;
        }
        lineStart = length;
        return dispatch();
    }

    /** Reads the line {@code stream[from, to)}; true when it was the blank line of a final event. */
    private boolean line(byte[] stream, int from, int to) {
        if (from == 0 && to >= BOM.length && stream[0] == BOM[0] && stream[1] == BOM[1] && stream[2] == BOM[2]) {
            from = BOM.length; // the standard drops one byte order mark at the stream's start
        }
        if (from == to) {
            return dispatch();
        }
        int colon = from;
        while (colon < to && stream[colon] != ':') {
            colon++;
        }
        if (colon - from == 4 && stream[from] == 'd' && stream[from + 1] == 'a' && stream[from + 2] == 't'
                && stream[from + 3] == 'a') {
            int value = Math.min(colon + 1, to);
            if (value < to && stream[value] == ' ') {
                value++; // one space only: the rest is the value's
            }
            append(stream, value, to - value);
        }
        return false; // a comment (":..."), another field, or data
    }

    private void append(byte[] stream, int from, int length) {
        if (dataLength + length + 1 > data.length) {
            data = Arrays.copyOf(data, Math.max(dataLength + length + 1, 2 * data.length));
        }
        System.arraycopy(stream, from, data, dataLength, length);
        dataLength += length;
        data[dataLength++] = '\n';
    }

    /** Hands the event on, when it has data, without its last LF. */
    private boolean dispatch() {
        if (dataLength == 0) {
            return false;
        }
        byte[] event = Arrays.copyOf(data, dataLength - 1);
        dataLength = 0;
        return finalEvent.isFinal(event);
    }
}
