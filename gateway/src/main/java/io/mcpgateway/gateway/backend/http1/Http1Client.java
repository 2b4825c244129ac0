package io.mcpgateway.gateway.backend.http1;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import java.util.zip.InflaterInputStream;

import javax.net.ssl.SSLSocketFactory;

import io.mcpgateway.gateway.config.ConnectionPoolSettings;

/**
 * A small HTTP/1.1 client for the gateway's calls to backends: a request with a body, its whole answer read into one
 * array, on the calling thread with blocking I/O, over pooled keep-alive connections ({@link Http1Pool}).
 *
 * <p>Why not Jetty's client, which the gateway used before: on the hot path of {@code bench/gateway.sh} it cost about
 * 17% of the CPU of the process (perf: its request and response state machines, the hand-over of every read between
 * its selector thread and the calling virtual thread, content chunks and their buffers), and this client, reading on
 * the virtual thread itself, used 7-10% less CPU per REST call in alternating runs. It does only what backends need:
 * {@code Content-Length}, chunked and close-delimited bodies, interim answers, gzip or deflate when a server sends them
 * unasked (it asks for none: on a backend link compressing costs more than it saves), TLS with the JDK's trust store
 * and host name checks. An event-stream answer may be read only up to the event the caller needs
 * ({@link Http1EventStream}), since a server may keep such a stream open after it.
 */
public final class Http1Client implements AutoCloseable {

    private static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final int MAX_LINE_BYTES = 4 * 1024;
    private static final int FIRST_CAPACITY = 16 * 1024;
    private static final int UPFRONT_BYTES = 1024 * 1024;
    static final int MAX_TRAILER_LINES = 100;

    private final ConnectionPoolSettings settings;
    private final Duration connectTimeout;
    private final String userAgent;
    private final SSLSocketFactory tls;
    private final ConcurrentHashMap<Origin, Http1Pool> pools = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** A client whose TLS connections trust what the JDK trusts (its cacerts, or {@code javax.net.ssl.trustStore}). */
    public Http1Client(ConnectionPoolSettings settings, Duration connectTimeout, String userAgent) {
        this(settings, connectTimeout, userAgent, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    Http1Client(ConnectionPoolSettings settings, Duration connectTimeout, String userAgent, SSLSocketFactory tls) {
        this.tls = Objects.requireNonNull(tls, "tls");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
    }

    /**
     * An answer read whole.
     *
     * @param outOfStep retires the connection the answer came on, for a caller that finds the answer was not its
     *     exchange's (another one's, queued on that connection, such as a server's stray duplicate): the exchange
     *     already gave the connection back, and the pool must not hand it out again, or each later exchange on it
     *     reads the answer of the one before. Closed at once if idle; if another exchange took it meanwhile, closed
     *     when that one ends, not under it
     */
    public record Response(int status, Map<String, String> fields, byte[] body, Runnable outOfStep) {
        /** A header field's value by its lower-case name, null when absent. */
        public String field(String lowerCaseName) {
            return fields.get(lowerCaseName);
        }
    }

    /**
     * POSTs {@code body} to {@code uri} and reads the whole answer within {@code timeout} (waiting for a connection
     * included).
     *
     * @throws DeadlineException past the timeout
     * @throws TooLargeException when the answer is larger than {@code max_response_bytes}
     * @throws QueueFullException when {@code max_queued} calls wait for a connection already
     * @throws IOException when the backend cannot be reached or its answer is cut short or not HTTP
     */
    public Response post(URI uri, Map<String, String> headers, String contentType, byte[] body, Duration timeout)
            throws IOException {
        return exchange(uri, headers, contentType, body, timeout, null);
    }

    /**
     * As {@link #post(URI, Map, String, byte[], Duration)}, except that an event-stream answer of unknown length is
     * read as it arrives and only up to the event {@code finalEvent} says is the last one needed (see
     * {@link Http1EventStream}); its body is then what was read up to there.
     */
    public Response post(URI uri, Map<String, String> headers, String contentType, byte[] body, Duration timeout,
            FinalEvent finalEvent) throws IOException {
        return exchange(uri, headers, contentType, body, timeout, Objects.requireNonNull(finalEvent, "finalEvent"));
    }

    /** One exchange; a null {@code finalEvent} reads every answer whole. */
    private Response exchange(URI uri, Map<String, String> headers, String contentType, byte[] body,
            Duration timeout, FinalEvent finalEvent) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] request = Http1Request.post(uri, headers, contentType, userAgent, body);
        Http1Pool pool = pool(uri);
        if (AbortSignal.currentAborted()) {
            throw new DeadlineException(); // ended for its client: as its deadline would end it
        }
        Http1Connection connection = pool.acquire(deadline);
        if (AbortSignal.currentAborted()) { // while it waited for the connection, which it leaves unused
            pool.release(connection, true);
            throw new DeadlineException();
        }
        connection.deadline(deadline);
        Http1Connection.Watch watch = connection.watch();
        AbortSignal.attach(watch);
        boolean reusable = false;
        try {
            IOException writeFailure = write(connection, request, watch);
            Http1Head head;
            try {
                do {
                    head = Http1Head.parse(connection.readHead(MAX_HEAD_BYTES));
                } while (head.interim());
            } catch (IOException e) {
                if (writeFailure != null) {
                    writeFailure.addSuppressed(e);
                    throw writeFailure;
                }
                throw e;
            }
            Http1Head.Framing framing = head.framing();
            try {
                if (finalEvent != null && (framing == Http1Head.Framing.CHUNKED
                        || framing == Http1Head.Framing.UNTIL_CLOSE) && Http1EventStream.applies(head)) {
                    // a body of announced length ends by itself: only one of unknown length may stay open
                    Http1EventStream.Read read = Http1EventStream.read(connection, framing,
                            settings.maxResponseBytes(), finalEvent.forStatus(head.status()));
                    reusable = writeFailure == null && read.ended() && head.keepsAlive()
                            && framing != Http1Head.Framing.UNTIL_CLOSE;
                    return new Response(head.status(), head.fields(), read.body(), () -> pool.retire(connection));
                }
                byte[] answer = readableBody(head, readBody(connection, head, framing));
                reusable = writeFailure == null && head.keepsAlive() && framing != Http1Head.Framing.UNTIL_CLOSE;
                return new Response(head.status(), head.fields(), answer, () -> pool.retire(connection));
            } catch (TooLargeException e) {
                if (head.status() < 300) {
                    throw e;
                }
                // an error's status says what happened (retried, counted, a token renewed as for any such status):
                // its body, over the bound, is left out, with the connection it was not read to the end of
                reusable = false;
                return new Response(head.status(), head.fields(), new byte[0], () -> pool.retire(connection));
            }
        } catch (IOException e) {
            throw watch.fired() ? new DeadlineException() : e;
        } finally {
            AbortSignal.detach();
            reusable &= watch.cancel();
            pool.release(connection, reusable);
        }
    }

    /**
     * Writes the request; a failure is returned, not thrown, unless the deadline caused it: a server may answer before
     * it has read the whole request (a 413 for a body over its limit) and close, and its answer is read before the
     * write's failure is reported.
     */
    private static IOException write(Http1Connection connection, byte[] request, Http1Connection.Watch watch)
            throws IOException {
        try {
            connection.write(request);
            return null;
        } catch (IOException e) {
            if (watch.fired()) {
                throw e;
            }
            return e;
        }
    }

    private Http1Pool pool(URI uri) throws IOException {
        String scheme = Objects.requireNonNullElse(uri.getScheme(), "");
        boolean secure = scheme.equalsIgnoreCase("https");
        if (!secure && !scheme.equalsIgnoreCase("http") || uri.getHost() == null) {
            throw new IllegalArgumentException("not an http or https URL: " + uri);
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : secure ? 443 : 80;
        Http1Pool pool = pools.computeIfAbsent(new Origin(secure, uri.getHost(), port), origin -> new Http1Pool(
                uri.getHost(), port, secure ? tls : null, connectTimeout,
                settings.keepAlive(), settings.maxAge(), settings.maxConnections(), settings.maxQueued()));
        if (closed) { // a pool made after close() would keep its connections and its sweeper
            pool.close();
            throw new IOException("the client is closed");
        }
        return pool;
    }

    private byte[] readBody(Http1Connection connection, Http1Head head, Http1Head.Framing framing) throws IOException {
        int max = settings.maxResponseBytes();
        return switch (framing) {
            case NONE -> new byte[0];
            case LENGTH -> {
                long length = head.contentLength();
                if (length > max) {
                    throw new TooLargeException(max);
                }
                yield readLength(connection, (int) length);
            }
            case CHUNKED -> readChunked(connection, max);
            case UNTIL_CLOSE -> readToEnd(connection, max);
        };
    }

    /**
     * Reads a body of announced length. The array grows as bytes arrive, from at most {@link #UPFRONT_BYTES}: a
     * backend announcing the bound and sending nothing holds that much, not the bound, until the deadline.
     */
    private static byte[] readLength(Http1Connection connection, int length) throws IOException {
        byte[] body = new byte[Math.min(length, UPFRONT_BYTES)];
        connection.readFully(body, 0, body.length);
        while (body.length < length) {
            int size = body.length;
            body = Arrays.copyOf(body, (int) Math.min(length, 2L * size));
            connection.readFully(body, size, body.length - size);
        }
        return body;
    }

    /**
     * Reads a chunked body. Each chunk is read in pieces no larger than what has arrived so far (at least
     * {@link #UPFRONT_BYTES}), so the array grows as bytes arrive, as {@link #readLength} does: a chunk announced at
     * the bound and never sent holds a megabyte, not the bound. Trailer fields are read and dropped, at most
     * {@link #MAX_TRAILER_LINES} of them.
     */
    private static byte[] readChunked(Http1Connection connection, int max) throws IOException {
        byte[] body = new byte[Math.min(FIRST_CAPACITY, max)];
        int size = 0;
        while (true) {
            long chunk = chunkSize(readLine(connection));
            if (chunk == 0) {
                break;
            }
            if (chunk > max - size) {
                throw new TooLargeException(max);
            }
            for (int left = (int) chunk; left > 0; ) {
                int piece = Math.min(left, Math.max(UPFRONT_BYTES, size));
                body = ensure(body, size + piece, max);
                connection.readFully(body, size, piece);
                size += piece;
                left -= piece;
            }
            if (!readLine(connection).isEmpty()) {
                throw new MalformedAnswerException("a chunk longer than its size");
            }
        }
        readTrailers(connection);
        return Arrays.copyOf(body, size);
    }

    /** Reads the trailer section after the last chunk, dropping its fields. */
    static void readTrailers(Http1Connection connection) throws IOException {
        for (int trailers = 0; !readLine(connection).isEmpty(); trailers++) {
            if (trailers == MAX_TRAILER_LINES) { // nothing the gateway uses, but not without end
                throw new MalformedAnswerException("more than " + MAX_TRAILER_LINES + " trailer fields");
            }
        }
    }

    static long chunkSize(String line) throws MalformedAnswerException {
        int end = line.indexOf(';');
        String hex = (end >= 0 ? line.substring(0, end) : line).strip();
        if (hex.isEmpty() || !hex.chars().allMatch(c -> c < 0x80 && Character.digit(c, 16) >= 0)) {
            throw new MalformedAnswerException("a malformed chunk size"); // ASCII hex digits only: no sign, no 0x
        }
        String significant = hex.replaceFirst("^0+(?=.)", ""); // leading zeros are allowed, and say nothing
        if (significant.length() > 8) {
            throw new MalformedAnswerException("a chunk size over 8 hex digits");
        }
        return Long.parseLong(significant, 16);
    }

    static String readLine(Http1Connection connection) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = connection.read()) != '\n'; ) {
            if (c < 0) {
                throw new EOFException("closed within the answer");
            }
            if (line.length() >= MAX_LINE_BYTES) {
                throw new MalformedAnswerException("a line longer than " + MAX_LINE_BYTES + " bytes");
            }
            line.append((char) c);
        }
        int length = line.length();
        return length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line.toString();
    }

    private static byte[] readToEnd(Http1Connection connection, int max) throws IOException {
        byte[] body = new byte[Math.min(FIRST_CAPACITY, max)];
        int size = 0;
        while (true) {
            if (size == body.length) {
                if (size == max) {
                    if (connection.read() < 0) {
                        return body;
                    }
                    throw new TooLargeException(max);
                }
                body = ensure(body, size + 1, max);
            }
            int n = connection.readSome(body, size, body.length - size);
            if (n < 0) {
                return Arrays.copyOf(body, size);
            }
            size += n;
        }
    }

    /** {@code body}, or a copy at least {@code needed} long (twice as long as it was, at most {@code max}). */
    static byte[] ensure(byte[] body, int needed, int max) {
        if (needed <= body.length) {
            return body;
        }
        return Arrays.copyOf(body, (int) Math.min(max, Math.max(needed, 2L * body.length)));
    }

    /**
     * The body as {@link #decoded}; for an error status, one that cannot be decoded is left out rather than refused:
     * the status says what happened (a proxy's 503 in a coding the gateway lacks is still a 503, retried as one).
     */
    private byte[] readableBody(Http1Head head, byte[] body) throws IOException {
        if (head.status() < 300) {
            return decoded(head, body);
        }
        try {
            return decoded(head, body);
        } catch (MalformedAnswerException | TooLargeException e) {
            return new byte[0];
        }
    }

    /** The body without its content coding: gzip and deflate are undone (within the bound), others refused. */
    private byte[] decoded(Http1Head head, byte[] body) throws IOException {
        String coding = head.field("content-encoding");
        if (coding == null || coding.isBlank() || coding.equalsIgnoreCase("identity") || body.length == 0) {
            return body;
        }
        String name = coding.strip().toLowerCase(Locale.ROOT);
        if (!name.equals("gzip") && !name.equals("x-gzip") && !name.equals("deflate")) {
            throw new MalformedAnswerException("a Content-Encoding the gateway cannot decode", coding);
        }
        try (InputStream in = name.equals("deflate") ? new InflaterInputStream(new ByteArrayInputStream(body))
                : new GZIPInputStream(new ByteArrayInputStream(body))) {
            byte[] decoded = in.readNBytes(settings.maxResponseBytes());
            if (in.read() >= 0) {
                throw new TooLargeException(settings.maxResponseBytes());
            }
            return decoded;
        } catch (ZipException | EOFException e) {
            throw new MalformedAnswerException("a body that is not valid " + name);
        }
    }

    public int openConnections() {
        return pools.values().stream().mapToInt(Http1Pool::openConnections).sum();
    }

    public int activeConnections() {
        return pools.values().stream().mapToInt(Http1Pool::activeConnections).sum();
    }

    /** Calls waiting for a connection. */
    int waitingCalls() {
        return pools.values().stream().mapToInt(Http1Pool::waitingCalls).sum();
    }

    @Override
    public void close() {
        closed = true;
        pools.values().forEach(Http1Pool::close);
    }

    /** A pool's key: a record, not a string built on every call. */
    private record Origin(boolean secure, String host, int port) {
    }
}
