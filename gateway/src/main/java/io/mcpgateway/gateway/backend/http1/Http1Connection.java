package io.mcpgateway.gateway.backend.http1;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One keep-alive HTTP/1.1 connection to a backend, used by one thread at a time with blocking I/O: on the gateway's
 * virtual threads a read that has to wait parks the virtual thread, and the bytes are read on the thread that
 * serves the call, with no hand-over to a selector thread and back.
 *
 * <p>Reads do not time out by themselves: each exchange has a {@link Watch} that closes the connection at its
 * deadline, which ends a blocked read at once, so a backend that stops sending ends the call on time. A socket
 * timeout per read would make each read that waits a timed park of its virtual thread, and every timed park wakes
 * the JDK's delay-scheduler thread twice (to arm and to cancel it): that thread took 12% of the gateway's CPU under
 * {@code bench/gateway.sh} (its CPU time against the carriers', {@code jcmd Thread.print}).
 */
final class Http1Connection implements AutoCloseable {

    private static final int BUFFER_BYTES = 16 * 1024;

    private final SocketChannel channel;
    private final boolean secure;
    private final InputStream in;
    private final OutputStream out;
    private final ByteBuffer probe = ByteBuffer.allocate(1);
    private final long openedNanos = System.nanoTime();
    private byte[] buffer = new byte[BUFFER_BYTES];
    private int start;
    private int end;
    private long deadlineNanos;
    private long idleSinceNanos;
    /** Out of use for good ({@link Http1Pool#retire}); set by whichever thread found an answer out of step. */
    private volatile boolean retired;

    private Http1Connection(SocketChannel channel, Socket socket, boolean secure) throws IOException {
        this.channel = channel;
        this.secure = secure;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /**
     * Connects to {@code host:port}, over TLS when {@code tls} is not null (the server's certificate checked against
     * the host name, as browsers do). Name lookup, connect and handshake together take at most {@code connectTimeout}
     * and end by the deadline.
     *
     * @throws DeadlineException when the deadline came first
     * @throws SocketTimeoutException when the connect timeout did
     */
    static Http1Connection open(String host, int port, SSLSocketFactory tls, long deadlineNanos,
            Duration connectTimeout) throws IOException {
        long now = System.nanoTime();
        boolean deadlineFirst = deadlineNanos - now < connectTimeout.toNanos();
        long limit = deadlineFirst ? deadlineNanos : now + connectTimeout.toNanos();
        SocketChannel channel = SocketChannel.open();
        Watch watch = null;
        try {
            InetAddress address = resolve(host, limit);
            Socket plain = channel.socket();
            plain.setTcpNoDelay(true);
            plain.connect(new InetSocketAddress(address, port), millisUntil(limit));
            if (tls == null) {
                return new Http1Connection(channel, plain, false);
            }
            watch = new Watch(channel, limit); // a handshake reads many times: one bound for all of them
            SSLSocket secure = (SSLSocket) tls.createSocket(plain, host, port, true);
            SSLParameters parameters = secure.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            secure.setSSLParameters(parameters);
            secure.setSoTimeout(millisUntil(limit));
            handshake(secure);
            secure.setSoTimeout(0); // from now on the exchanges' watches bound the reads
            if (!watch.cancel()) {
                // the bound was reached as the handshake ended: the watch has closed the connection
                throw new SocketTimeoutException("TLS handshake timed out");
            }
            return new Http1Connection(channel, secure, true);
        } catch (IOException | RuntimeException e) {
            channel.close();
            boolean late = System.nanoTime() - limit >= 0 || e instanceof SocketTimeoutException;
            if (late && !(e instanceof UnknownHostException)) {
                throw deadlineFirst ? new DeadlineException() : new SocketTimeoutException("connect timed out");
            }
            throw e;
        } finally {
            if (watch != null) {
                watch.cancel();
            }
        }
    }

    /**
     * Performs the TLS handshake. The JDK throws a plain {@link SSLException} for some of its failures (a server
     * answering in plain HTTP: "Unsupported or unrecognized SSL message"), made a {@link SSLHandshakeException} here,
     * so that a failure during the handshake can be told from one on the connection after it.
     */
    private static void handshake(SSLSocket socket) throws IOException {
        try {
            socket.startHandshake();
        } catch (SSLHandshakeException e) {
            throw e;
        } catch (SSLException e) {
            SSLHandshakeException handshake = new SSLHandshakeException(e.getMessage());
            handshake.initCause(e);
            throw handshake;
        }
    }

    /** Looks the host up on a thread of its own, so a lookup that hangs (a DNS outage) ends the call on time. */
    private static InetAddress resolve(String host, long limitNanos) throws IOException {
        CompletableFuture<InetAddress> lookup = new CompletableFuture<>();
        Thread.ofVirtual().name("backend-lookup").start(() -> {
            try {
                lookup.complete(InetAddress.getByName(host));
            } catch (UnknownHostException | RuntimeException e) {
                lookup.completeExceptionally(e);
            }
        });
        try {
            return lookup.get(Math.max(0, limitNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof UnknownHostException unknown ? unknown
                    : new IOException("cannot look up " + host, e.getCause());
        } catch (TimeoutException e) {
            throw new SocketTimeoutException("looking up " + host + " took too long");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while looking up " + host);
        }
    }

    private static int millisUntil(long nanos) throws SocketTimeoutException {
        int millis = millisLeft(nanos);
        if (millis == 0) {
            throw new SocketTimeoutException("no time left");
        }
        return millis;
    }

    /** The milliseconds left until {@code nanos}, rounded up (a socket timeout of 0 would mean none); 0 when past. */
    private static int millisLeft(long nanos) {
        long left = nanos - System.nanoTime();
        return left <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000);
    }

    /** Sets the moment reads of this exchange stop waiting. */
    void deadline(long nanos) {
        this.deadlineNanos = nanos;
    }

    /** Closes this connection at the deadline unless cancelled first. */
    Watch watch() {
        return new Watch(channel, deadlineNanos);
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
    }

    /** Whether the connection was opened {@code maxAge} or longer ago. */
    boolean olderThan(long nowNanos, Duration maxAge) {
        return nowNanos - openedNanos >= maxAge.toNanos();
    }

    /** Whether the connection has been idle for {@code keepAlive} or longer. */
    boolean expired(long nowNanos, Duration keepAlive) {
        return nowNanos - idleSinceNanos >= keepAlive.toNanos();
    }

    /**
     * Whether the connection can carry another exchange: nothing left unread, and the server has not closed it. A
     * backend that closed an idle connection has sent a FIN (a read gives -1); anything else unasked for (bytes, an
     * error) leaves the connection's state unknown. One read that does not wait tells, for a few microseconds.
     */
    boolean alive() {
        if (retired || start != end || !channel.isOpen()) {
            return false;
        }
        try {
            if (secure && in.available() > 0) {
                return false; // decrypted bytes the last answer did not account for
            }
            probe.clear();
            return readWithoutWaiting(probe) == 0;
        } catch (IOException e) {
            return false;
        }
    }

    void retire() {
        retired = true;
    }

    boolean retired() {
        return retired;
    }

    void idleSince(long nanos) {
        this.idleSinceNanos = nanos;
    }

    /** The next byte, waiting for it if none is buffered; -1 at the end of the stream. */
    int read() throws IOException {
        if (start == end && fill() < 0) {
            return -1;
        }
        return buffer[start++] & 0xff;
    }

    /**
     * Reads the header section: through the empty line that ends it, at most {@code maxBytes}.
     *
     * @return the section's bytes without the final empty line
     */
    byte[] readHead(int maxBytes) throws IOException {
        int scanned = 0; // bytes after start known not to begin the end of the section (fill may move start)
        while (true) {
            int at = headEnd(start + scanned);
            if (at >= 0) {
                byte[] head = Arrays.copyOfRange(buffer, start, at);
                start = at + (buffer[at] == '\r' ? 4 : buffer[at + 1] == '\r' ? 3 : 2); // CRLF CRLF, LF CRLF, LF LF
                return head;
            }
            if (end - start > maxBytes) {
                throw new MalformedAnswerException("a header section longer than " + maxBytes + " bytes");
            }
            scanned = Math.max(0, end - start - 3);
            if (fill() < 0) {
                throw new EOFException(end == start ? "closed without an answer" : "closed within the headers");
            }
        }
    }

    /**
     * Where an empty line ends the header section, from {@code from} on: CRLF CRLF, or with either line ended by a
     * bare LF (RFC 9112 §2.2); -1 if not yet buffered.
     */
    private int headEnd(int from) {
        for (int i = from; i + 1 < end; i++) {
            if (buffer[i] == '\n' && (buffer[i + 1] == '\n'
                    || buffer[i + 1] == '\r' && i + 2 < end && buffer[i + 2] == '\n')) {
                return i;
            }
            if (buffer[i] == '\r' && i + 3 < end && buffer[i + 1] == '\n' && buffer[i + 2] == '\r'
                    && buffer[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Reads exactly {@code length} bytes into {@code target} at {@code offset}: buffered ones first, then the rest. */
    void readFully(byte[] target, int offset, int length) throws IOException {
        for (int have = 0; have < length; ) {
            int n = readSome(target, offset + have, length - have);
            if (n < 0) {
                throw new EOFException("closed within the answer");
            }
            have += n;
        }
    }

    /** Reads what is available into {@code target} (waiting for at least one byte); -1 at the end of the stream. */
    int readSome(byte[] target, int offset, int length) throws IOException {
        if (start < end) {
            int n = Math.min(length, end - start);
            System.arraycopy(buffer, start, target, offset, n);
            start += n;
            return n;
        }
        return readUntilDeadline(target, offset, length);
    }

    /**
     * Reads, without waiting, bytes that have arrived and are not buffered yet: one read of the socket that does not
     * block (over TLS, what is decrypted already, which a read returns at once). A failure leaves them unread.
     */
    void readArrived() {
        if (start == end) {
            start = 0;
            end = 0;
        }
        if (end == buffer.length) {
            return;
        }
        try {
            if (secure) {
                int available = in.available();
                if (available > 0) {
                    int n = in.read(buffer, end, Math.min(available, buffer.length - end));
                    end += Math.max(n, 0);
                }
                return;
            }
            end += Math.max(readWithoutWaiting(ByteBuffer.wrap(buffer, end, buffer.length - end)), 0);
        } catch (IOException e) {
            // unread: the caller finds no end there, and the connection is not used again
        }
    }

    /** One read of the plain socket that returns at once: 0 when nothing has arrived, -1 at its end. */
    private int readWithoutWaiting(ByteBuffer target) throws IOException {
        channel.configureBlocking(false);
        try {
            return channel.read(target);
        } finally {
            channel.configureBlocking(true);
        }
    }

    /** Whether a whole line (through its LF) is buffered: reading it will not wait. */
    boolean lineBuffered() {
        for (int i = start; i < end; i++) {
            if (buffer[i] == '\n') {
                return true;
            }
        }
        return false;
    }

    private int fill() throws IOException {
        if (start == end) {
            start = 0;
            end = 0;
        } else if (end == buffer.length) {
            if (start > 0) {
                System.arraycopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            } else {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
        }
        int n = readUntilDeadline(buffer, end, buffer.length - end);
        if (n > 0) {
            end += n;
        }
        return n;
    }

    /** One read of the socket, unless the exchange's deadline has passed (its watch ends a read that waits past it). */
    private int readUntilDeadline(byte[] target, int offset, int length) throws IOException {
        if (deadlineNanos - System.nanoTime() <= 0) {
            throw new DeadlineException();
        }
        return in.read(target, offset, length);
    }

    /**
     * Closes the connection at once: the channel, not the TLS socket, whose close would wait for a write in progress
     * and read what is left of the input first.
     */
    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing: the connection is gone either way
        }
    }

    /**
     * A timer that closes a connection at a deadline unless cancelled first; {@link #fired} tells whether it did.
     * Firing and cancelling exclude each other, so a connection whose watch was cancelled in time is never closed by
     * it later, when it may serve another exchange.
     */
    static final class Watch {
        private static final int ARMED = 0;
        private static final int FIRED = 1;
        private static final int CANCELLED = 2;

        private final AtomicInteger state = new AtomicInteger(ARMED);
        private final SocketChannel channel;
        private final ScheduledFuture<?> timer;

        Watch(SocketChannel channel, long deadlineNanos) {
            this.channel = channel;
            timer = Http1Timers.at(deadlineNanos, this::fire);
        }

        /** Closes the connection now, as the deadline would (an {@link AbortSignal}), unless cancelled first. */
        void fire() {
            if (state.compareAndSet(ARMED, FIRED)) {
                closeQuietly(channel);
            }
        }

        boolean fired() {
            return state.get() == FIRED;
        }

        /** Stops the timer; false when it fired first (the connection is closed, or about to be). */
        boolean cancel() {
            boolean cancelled = state.compareAndSet(ARMED, CANCELLED);
            if (cancelled) {
                timer.cancel(false);
            }
            return cancelled;
        }
    }
}
