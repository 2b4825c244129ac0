package io.mcpgateway.gateway.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.RetainableByteBuffer;

import io.javalin.http.Context;
import io.mcpgateway.json.RawJson;
import io.mcpgateway.json.RawJsonPieces;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a JSON answer as UTF-8 bytes, not characters. Javalin's {@code ctx.json} goes through a character writer and
 * then encodes the whole string again: with answers of tens of kilobytes that was the largest cost of a gateway
 * request (JFR profile of bench/gateway.sh: WriterBasedJsonGenerator and String.encodeUTF8 about 35% of CPU).
 *
 * <p>An answer object with a member that is a backend's JSON passed through ({@link RawJson}) is written from its
 * members' bytes, the large one from where it lies: through Jackson it was copied twice more, in and out of its
 * growing buffer (about 7% of the cached route's CPU, perf profile of bench/gateway.sh --targets cached).
 *
 * <p>Such an answer goes to a client that accepts gzip compressed by {@link GzipAnswers}; other answers to clients
 * that negotiate a content encoding are left to Javalin's compression. Otherwise the bytes go to the servlet
 * stream with their Content-Length, in writes of its buffer size at most: Javalin copies a result through 8 KB
 * chunks into a chunked response, and with the writes it causes that was about 10% of a cached route's CPU (same
 * profile; ~18% more requests/s without it).
 */
public final class JsonResponses {

    private static final Logger log = LoggerFactory.getLogger(JsonResponses.class);

    private static final RawJson OPEN = RawJson.wrap(new byte[] {'{'});
    private static final RawJson CLOSE = RawJson.wrap(new byte[] {'}'});
    private static final RawJson COLON = RawJson.wrap(new byte[] {':'});
    private static final RawJson COMMA = RawJson.wrap(new byte[] {','});
    private static final RawJson OPEN_ARRAY = RawJson.wrap(new byte[] {'['});
    private static final RawJson CLOSE_ARRAY = RawJson.wrap(new byte[] {']'});

    private JsonResponses() {
    }

    /** The success envelope of the gateway's own endpoints, {@code {"success": true, "data": ...}}. */
    public static void success(Context ctx, Map<String, Object> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        body.put("data", data);
        ctx.json(body);
    }

    /** An answer with no body, so with no Content-Type either (Javalin labels every answer text/plain otherwise). */
    public static void withoutBody(Context ctx, int status) {
        ctx.status(status);
        ctx.res().setContentType(null);
    }

    /**
     * Sends {@code body} as the JSON answer, gzipped by {@code gzip} for a client that accepts it when the body has a
     * backend's JSON passed through (other answers are left to Javalin's compression).
     */
    public static void send(Context ctx, JsonMapper mapper, Object body, GzipAnswers gzip) {
        if (body instanceof Map<?, ?> members && hasRawMember(members)) {
            send(ctx, pieces(members, mapper), gzip);
            return;
        }
        byte[] bytes = mapper.writeValueAsBytes(body);
        if (HeaderLines.joined(ctx, "Accept-Encoding") != null) {
            ctx.contentType("application/json").result(bytes);
            return;
        }
        write(ctx, bytes, bytes.length);
    }

    /**
     * Sends the JSON array of {@code elements}, each the {@link #piecesOf pieces} of one answer (a JSON-RPC batch's),
     * as {@link #send} sends an answer with passed-through JSON.
     */
    public static void sendArray(Context ctx, List<List<RawJson>> elements, GzipAnswers gzip) {
        List<RawJson> pieces = new ArrayList<>();
        pieces.add(OPEN_ARRAY);
        for (List<RawJson> element : elements) {
            if (pieces.size() > 1) {
                pieces.add(COMMA);
            }
            pieces.addAll(element);
        }
        pieces.add(CLOSE_ARRAY);
        send(ctx, pieces, gzip);
    }

    /** An answer as pieces of JSON: its members' when it passes a backend's JSON through, else its bytes. */
    public static List<RawJson> piecesOf(Map<?, ?> answer, JsonMapper mapper) {
        return hasRawMember(answer) ? pieces(answer, mapper) : List.of(RawJson.wrap(mapper.writeValueAsBytes(answer)));
    }

    /** How many bytes {@code pieces} hold. */
    public static int lengthOf(List<RawJson> pieces) {
        return length(pieces);
    }

    /** Sends JSON made of pieces: gzipped by {@code gzip} for a client that accepts it, else as they lie. */
    private static void send(Context ctx, List<RawJson> pieces, GzipAnswers gzip) {
        String acceptEncoding = HeaderLines.joined(ctx, "Accept-Encoding");
        if (acceptEncoding == null) {
            writeInChunks(ctx, pieces);
        } else if (gzip.compresses(length(pieces), acceptEncoding)) {
            GzipAnswers.Compressed compressed = gzip.gzip(pieces);
            ctx.header("Content-Encoding", "gzip"); // Vary: Accept-Encoding is on every answer (GatewayServer)
            write(ctx, compressed.bytes(), compressed.length());
        } else {
            ctx.contentType("application/json").result(join(pieces));
        }
    }

    /**
     * Writes an answer with passed-through JSON in writes of the response's buffer size, which is how Jetty sends a
     * larger array anyway (one socket write each). A chunk that lies within one piece is written from where its bytes
     * are; one across pieces (usually the first and the last) is gathered first. Joining the whole answer into one
     * array instead copied all of it once more, into an array allocated and zeroed per answer (the cached route's
     * largest cost of its own, perf under bench/gateway.sh --targets cached). The gathering array comes from Jetty's
     * buffer pool: allocated per answer it was a fifth of the gateway's allocations under the uncached REST route
     * (JFR allocation samples), and so of its collections. Giving it back after the last write is safe because the
     * handlers write blocking: Jetty's HttpOutput has sent or copied the bytes when write returns.
     */
    private static void writeInChunks(Context ctx, List<RawJson> pieces) {
        int length = length(pieces);
        ByteBufferPool pool = ServletContextRequest.getServletContextRequest(ctx.req()).getComponents()
                .getByteBufferPool();
        write(ctx, length, (out, bufferSize) -> writeInChunks(out, pieces, length, bufferSize, pool));
    }

    /**
     * Writes the {@code length} bytes of {@code pieces} to {@code out} in writes of {@code chunk} bytes, gathering
     * those across pieces in a buffer from {@code pool}.
     */
    static void writeInChunks(OutputStream out, List<RawJson> pieces, int length, int chunk, ByteBufferPool pool)
            throws IOException {
        if (chunk <= 0 || length <= chunk) {
            out.write(join(pieces), 0, length);
            return;
        }
        RetainableByteBuffer buffer = pool.acquire(chunk, false);
        try {
            writeInChunks(out, pieces, length, chunk, buffer.getByteBuffer());
        } finally {
            buffer.release();
        }
    }

    private static void writeInChunks(OutputStream out, List<RawJson> pieces, int length, int chunk,
            ByteBuffer gathering) throws IOException {
        byte[] gathered = gathering.array();
        int start = gathering.arrayOffset();
        int piece = 0;
        int inPiece = 0; // bytes of pieces.get(piece) already written
        for (int written = 0; written < length; ) {
            while (inPiece == pieces.get(piece).length()) {
                piece++;
                inPiece = 0;
            }
            int size = Math.min(chunk, length - written);
            RawJson current = pieces.get(piece);
            if (current.length() - inPiece >= size) {
                current.writeTo(out, inPiece, size);
                inPiece += size;
            } else {
                for (int at = start; at < start + size; ) {
                    while (inPiece == pieces.get(piece).length()) {
                        piece++;
                        inPiece = 0;
                    }
                    current = pieces.get(piece);
                    int count = Math.min(current.length() - inPiece, start + size - at);
                    at = current.copyTo(gathered, at, inPiece, count);
                    inPiece += count;
                }
                out.write(gathered, start, size);
            }
            written += size;
        }
    }

    private static void write(Context ctx, byte[] bytes, int length) {
        write(ctx, length, (out, bufferSize) -> out.write(bytes, 0, length));
    }

    /** How an answer's bytes go to the servlet stream, given the response's buffer size. */
    @FunctionalInterface
    private interface Body {
        void writeTo(OutputStream out, int bufferSize) throws IOException;
    }

    /** Sends {@code length} bytes of JSON written by {@code body}, with their Content-Length. */
    private static void write(Context ctx, int length, Body body) {
        HttpServletResponse response = ctx.res();
        response.setContentType("application/json");
        response.setContentLength(length);
        try {
            body.writeTo(response.getOutputStream(), response.getBufferSize());
        } catch (IOException e) {
            log.debug("The client went away before its answer was written: {}", e.toString());
        }
    }

    private static boolean hasRawMember(Map<?, ?> members) {
        for (Object value : members.values()) {
            if (RawJsonPieces.of(value) != null) {
                return true;
            }
        }
        return false;
    }

    /** The JSON object of {@code members}, in their order, with raw members copied once. */
    static byte[] join(Map<?, ?> members, JsonMapper mapper) {
        return join(pieces(members, mapper));
    }

    private static byte[] join(List<RawJson> pieces) {
        byte[] joined = new byte[length(pieces)];
        int at = 0;
        for (RawJson piece : pieces) {
            at = piece.copyTo(joined, at);
        }
        return joined;
    }

    /** The object's bytes in order: its braces, names, colons, values and commas, raw values as they are. */
    static List<RawJson> pieces(Map<?, ?> members, JsonMapper mapper) {
        List<RawJson> pieces = new ArrayList<>(members.size() * 4 + 1);
        pieces.add(OPEN);
        for (Map.Entry<?, ?> member : members.entrySet()) {
            if (pieces.size() > 1) {
                pieces.add(COMMA);
            }
            List<RawJson> raw = RawJsonPieces.of(member.getValue());
            pieces.add(name(String.valueOf(member.getKey())));
            pieces.add(COLON);
            if (raw != null) {
                pieces.addAll(raw);
            } else {
                pieces.add(RawJson.wrap(mapper.writeValueAsBytes(member.getValue())));
            }
        }
        pieces.add(CLOSE);
        return pieces;
    }

    /**
     * A member name as a JSON string. Quoted by the encoder alone: a whole {@code writeValueAsBytes} per name was most
     * of the cost of these pieces (perf profile of bench/gateway.sh).
     */
    private static RawJson name(String name) {
        byte[] quoted = JsonStringEncoder.getInstance().quoteAsUTF8(name);
        byte[] string = new byte[quoted.length + 2];
        string[0] = '"';
        System.arraycopy(quoted, 0, string, 1, quoted.length);
        string[string.length - 1] = '"';
        return RawJson.wrap(string);
    }

    private static int length(List<RawJson> pieces) {
        int length = 0;
        for (RawJson piece : pieces) {
            length += piece.length();
        }
        return length;
    }
}
