package io.mcpgateway.gateway.backend.http1;

import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads an event-stream answer as it arrives, and stops at the event a {@link FinalEvent} says is the last one
 * needed (a JSON-RPC response): a server may keep the stream open after it, and the call would otherwise wait for
 * its end until the deadline. What was read, the final event included, is the body; the bounds are those of a body
 * read whole: {@code max_response_bytes} over what was read, the exchange's deadline (its watch), and the chunked
 * framing's rules. A stream that ends without a final event is read whole, as any body.
 *
 * <p>A connection whose stream was left before its end has unread bytes coming and cannot carry another exchange;
 * but most servers end the stream right after the response, often in the same packet, so what has arrived by then
 * is read without waiting, and a chunked stream whose end is among it leaves its connection reusable.
 */
final class Http1EventStream {

    private static final int FIRST_CAPACITY = 16 * 1024;

    /**
     * What was read.
     *
     * @param ended whether the body was read to its end (else the rest of the stream is left unread)
     */
    record Read(byte[] body, boolean ended) {
    }

    private final Http1Connection connection;
    private final int max;
    private final ServerSentEvents events;
    private byte[] body;
    private int size;

    private Http1EventStream(Http1Connection connection, int max, FinalEvent finalEvent) {
        this.connection = connection;
        this.max = max;
        this.events = new ServerSentEvents(finalEvent);
        this.body = new byte[Math.min(FIRST_CAPACITY, max)];
    }

    /** Whether an answer is read this way: an event stream in no content coding (a coded one is read whole). */
    static boolean applies(Http1Head head) {
        String type = head.field("content-type");
        String coding = head.field("content-encoding");
        return type != null && type.regionMatches(true, 0, "text/event-stream", 0, "text/event-stream".length())
                && (coding == null || coding.isBlank() || coding.strip().equalsIgnoreCase("identity"));
    }

    /** Reads a body framed by chunks or by the connection's close. */
    static Read read(Http1Connection connection, Http1Head.Framing framing, int max, FinalEvent finalEvent)
            throws IOException {
        Http1EventStream stream = new Http1EventStream(connection, max, finalEvent);
        return framing == Http1Head.Framing.CHUNKED ? stream.chunked() : stream.untilClose();
    }

    private Read chunked() throws IOException {
        while (true) {
            long chunk = Http1Client.chunkSize(Http1Client.readLine(connection));
            if (chunk == 0) {
                Http1Client.readTrailers(connection);
                return new Read(Arrays.copyOf(body, size), true);
            }
            if (chunk > max - size) {
                throw new TooLargeException(max);
            }
            for (int left = (int) chunk; left > 0; ) {
                int n = readSome(left);
                if (n < 0) {
                    throw new EOFException("closed within the answer");
                }
                left -= n;
                if (events.scan(body, size) >= 0) {
                    return new Read(Arrays.copyOf(body, size), left == 0 && endsNow());
                }
            }
            if (!Http1Client.readLine(connection).isEmpty()) {
                throw new MalformedAnswerException("a chunk longer than its size");
            }
        }
    }

    private Read untilClose() throws IOException {
        while (true) {
            if (size == max) {
                if (connection.read() < 0) {
                    return new Read(body, true);
                }
                throw new TooLargeException(max);
            }
            int n = readSome(max - size);
            if (n < 0) {
                return new Read(Arrays.copyOf(body, size), true);
            }
            if (events.scan(body, size) >= 0) {
                return new Read(Arrays.copyOf(body, size), false);
            }
        }
    }

    /** Reads what has arrived, at most {@code limit} bytes, growing the body as bytes come; -1 at the end. */
    private int readSome(int limit) throws IOException {
        if (size == body.length) {
            body = Http1Client.ensure(body, size + 1, max);
        }
        int n = connection.readSome(body, size, Math.min(limit, body.length - size));
        if (n > 0) {
            size += n;
        }
        return n;
    }

    /**
     * Whether the chunked body ends (the last chunk's line end, the zero chunk and the trailer section's end) with
     * what has arrived already, read without waiting; anything missing or odd leaves the connection to be closed.
     */
    private boolean endsNow() {
        connection.readArrived();
        try {
            if (!connection.lineBuffered() || !Http1Client.readLine(connection).isEmpty()
                    || !connection.lineBuffered() || Http1Client.chunkSize(Http1Client.readLine(connection)) != 0) {
                return false;
            }
            for (int lines = 0; lines <= Http1Client.MAX_TRAILER_LINES && connection.lineBuffered(); lines++) {
                if (Http1Client.readLine(connection).isEmpty()) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
