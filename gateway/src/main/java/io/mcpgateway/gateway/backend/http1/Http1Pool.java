package io.mcpgateway.gateway.backend.http1;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLSocketFactory;

/**
 * The keep-alive connections to one origin: at most {@code maxConnections} carry exchanges at once, at most
 * {@code maxQueued} callers wait for one, and an idle connection is used again (the most recent first, so the others
 * age out) while it has been idle for less than {@code keepAlive}, open for less than {@code maxAge}, and the server
 * has not closed it.
 */
final class Http1Pool implements AutoCloseable {

    private static final Duration SWEEP_AT_MOST_EVERY = Duration.ofSeconds(1);

    private final String host;
    private final int port;
    private final SSLSocketFactory tls;
    private final Duration connectTimeout;
    private final Duration keepAlive;
    private final Duration maxAge;
    private final int maxConnections;
    private final int maxQueued;
    private final Semaphore permits;
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentLinkedDeque<Http1Connection> idle = new ConcurrentLinkedDeque<>();
    private final ScheduledFuture<?> sweeper;
    private volatile boolean closed;

    Http1Pool(String host, int port, SSLSocketFactory tls, Duration connectTimeout, Duration keepAlive,
            Duration maxAge, int maxConnections, int maxQueued) {
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.connectTimeout = connectTimeout;
        this.keepAlive = keepAlive;
        this.maxAge = maxAge;
        this.maxConnections = maxConnections;
        this.maxQueued = maxQueued;
        this.permits = new Semaphore(maxConnections, true);
        this.sweeper = Http1Timers.every(Math.max(SWEEP_AT_MOST_EVERY.toNanos(), keepAlive.toNanos() / 2),
                this::sweep);
    }

    /** A connection for one exchange, to be given back with {@link #release}. */
    Http1Connection acquire(long deadlineNanos) throws IOException {
        if (closed) {
            throw new IOException("the client is closed");
        }
        acquirePermit(deadlineNanos);
        try {
            long now = System.nanoTime();
            for (Http1Connection connection; (connection = idle.pollFirst()) != null; ) {
                if (!connection.expired(now, keepAlive) && !connection.olderThan(now, maxAge) && connection.alive()) {
                    return connection;
                }
                discard(connection);
            }
            Http1Connection fresh = Http1Connection.open(host, port, tls, deadlineNanos, connectTimeout);
            open.incrementAndGet();
            return fresh;
        } catch (IOException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /** A permit at once, or in turn (the semaphore is fair) within the deadline, unless the queue is full. */
    private void acquirePermit(long deadlineNanos) throws IOException {
        try {
            if (permits.tryAcquire(0, TimeUnit.NANOSECONDS)) { // unlike tryAcquire(), never ahead of those waiting
                return;
            }
            if (waiting.incrementAndGet() > maxQueued) {
                waiting.decrementAndGet();
                throw new QueueFullException(maxQueued);
            }
            try {
                if (!awaitPermit(deadlineNanos)) {
                    throw new DeadlineException(); // or ended for its client, which its caller reads as such
                }
            } finally {
                waiting.decrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a connection");
        }
    }

    /**
     * Waits in turn for a permit until the deadline; false then, or as soon as the call's {@link AbortSignal} ends it
     * (a cancelled call in the queue would otherwise hold its place, then take a connection only to close it).
     */
    private boolean awaitPermit(long deadlineNanos) throws InterruptedException {
        AbortSignal signal = AbortSignal.current();
        if (signal != null && !signal.startWaiting()) {
            return false;
        }
        boolean acquired = false;
        InterruptedException interrupted = null;
        try {
            acquired = permits.tryAcquire(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            interrupted = e;
        }
        if (signal != null && signal.endWaiting()) {
            if (acquired) {
                permits.release();
            }
            return false;
        }
        if (interrupted != null) {
            throw interrupted;
        }
        return acquired;
    }

    /** Gives a connection back: kept for the next exchange when {@code reusable}, closed otherwise. */
    void release(Http1Connection connection, boolean reusable) {
        long now = System.nanoTime();
        if (reusable && !closed && open.get() <= maxConnections && !connection.olderThan(now, maxAge)
                && !connection.retired()) {
            connection.idleSince(now);
            idle.offerFirst(connection);
        } else {
            discard(connection);
        }
        permits.release();
        if (closed) {
            closeIdle();
        }
    }

    /**
     * Takes a connection out of use for good (an answer on it was out of step): closed now if idle, or by the
     * {@link #release} of the exchange that took it meanwhile, which goes on undisturbed. Marked first, so that a
     * connection given back or taken at the same moment is seen as retired by one side or the other.
     */
    void retire(Http1Connection connection) {
        connection.retire();
        if (idle.removeFirstOccurrence(connection)) {
            discard(connection);
        }
    }

    /** Closes the idle connections that aged out: the least recently used are at the end. */
    private void sweep() {
        long now = System.nanoTime();
        for (Http1Connection oldest; (oldest = idle.peekLast()) != null && oldest.expired(now, keepAlive); ) {
            if (idle.removeLastOccurrence(oldest)) {
                discard(oldest);
            }
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

    int waitingCalls() {
        return waiting.get();
    }

    private void closeIdle() {
        for (Http1Connection connection; (connection = idle.pollFirst()) != null; ) {
            discard(connection);
        }
    }

    @Override
    public void close() {
        closed = true;
        sweeper.cancel(false);
        closeIdle();
    }
}
