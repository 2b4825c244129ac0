package io.mcpgateway.gateway.mcp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import io.javalin.http.Context;

/**
 * How {@code /mcp} writes a server-sent event stream (Streamable HTTP): its status and headers, one JSON-RPC message
 * per event, and comments that keep a silent stream alive through proxies.
 */
final class EventStream {

    /** An event-stream comment, which clients ignore: bytes on a silent stream, for proxies' idle timeouts. */
    private static final byte[] KEEP_ALIVE_COMMENT = ": keep-alive\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT = "event: message\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);

    private EventStream() {
    }

    /** The status and headers of an event stream; the answer must not be committed yet. */
    static void begin(Context ctx) {
        ctx.status(200);
        ctx.res().setContentType("text/event-stream");
        ctx.header("Cache-Control", "no-cache");
        ctx.header("X-Accel-Buffering", "no"); // an nginx in front would otherwise hold the events back
    }

    /** One event: a data line per line of the JSON (a backend's result may hold line breaks between its tokens). */
    static void write(OutputStream stream, byte[] json) throws IOException {
        stream.write(EVENT);
        int start = 0;
        for (int i = 0; i <= json.length; i++) {
            if (i == json.length || json[i] == '\n' || json[i] == '\r') {
                stream.write(DATA);
                stream.write(json, start, i - start);
                stream.write('\n');
                start = i + 1;
            }
        }
        stream.write('\n');
        stream.flush();
    }

    /** A comment line, sent when the stream has been silent for its keep-alive interval. */
    static void keepAlive(OutputStream stream) throws IOException {
        stream.write(KEEP_ALIVE_COMMENT);
        stream.flush();
    }
}
