package io.mcpgateway.gateway.backend.http1;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLSocketFactory;

/**
 * The keep-alive connections to one origin: at most {@code maxConnections} carry exchanges at once, at most
 * {@code maxQueued} callers wait for one, and an idle connection is used again (the most recent first, so the others
 * age out) while it is younger than {@code keepAlive} and the server has not closed it.
 */
final class Http1Pool implements AutoCloseable {

    private final String host;
    private final int port;
    private final SSLSocketFactory tls;
    private final Duration connectTimeout;
    private final Duration keepAlive;
    private final int maxConnections;
    private final int maxQueued;
    private final Semaphore permits;
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentLinkedDeque<Http1Connection> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    Http1Pool(String host, int port, SSLSocketFactory tls, Duration connectTimeout, Duration keepAlive,
            int maxConnections, int maxQueued) {
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.connectTimeout = connectTimeout;
        this.keepAlive = keepAlive;
        this.maxConnections = maxConnections;
        this.maxQueued = maxQueued;
        this.permits = new Semaphore(maxConnections, true);
    }

    /** A connection for one exchange, to be given back with {@link #release}. */
    Http1Connection acquire(long deadlineNanos) throws IOException {
        if (closed) {
            throw new IOException("the client is closed");
        }
        if (!permits.tryAcquire()) {
            awaitPermit(deadlineNanos);
        }
        try {
            long now = System.nanoTime();
            for (Http1Connection connection; (connection = idle.pollFirst()) != null; ) {
                if (!connection.expired(now, keepAlive) && connection.alive()) {
                    return connection;
                }
                discard(connection);
            }
            long left = deadlineNanos - now;
            if (left <= 0) {
                throw new DeadlineException();
            }
            Http1Connection fresh = Http1Connection.open(host, port, tls,
                    Duration.ofNanos(Math.min(left, connectTimeout.toNanos())));
            open.incrementAndGet();
            return fresh;
        } catch (IOException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    private void awaitPermit(long deadlineNanos) throws IOException {
        if (waiting.incrementAndGet() > maxQueued) {
            waiting.decrementAndGet();
            throw new QueueFullException(maxQueued);
        }
        try {
            if (!permits.tryAcquire(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                throw new DeadlineException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a connection");
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** Gives a connection back: kept for the next exchange when {@code reusable}, closed otherwise. */
    void release(Http1Connection connection, boolean reusable) {
        long now = System.nanoTime();
        if (reusable && !closed && open.get() <= maxConnections) {
            connection.idleSince(now);
            idle.offerFirst(connection);
        } else {
            discard(connection);
        }
        permits.release();
        Http1Connection oldest = idle.peekLast();
        if (oldest != null && oldest.expired(now, keepAlive) && idle.removeLastOccurrence(oldest)) {
            discard(oldest); // the least recently used one aged out: close it now rather than at its next use
        }
        if (closed) {
            closeIdle();
        }
    }

    private void discard(Http1Connection connection) {
        connection.close();
        open.decrementAndGet();
    }

    int openConnections() {
        return open.get();
    }

    int activeConnections() {
        return maxConnections - permits.availablePermits();
    }

    private void closeIdle() {
        for (Http1Connection connection; (connection = idle.pollFirst()) != null; ) {
            discard(connection);
        }
    }

    @Override
    public void close() {
        closed = true;
        closeIdle();
    }
}
