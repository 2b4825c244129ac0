package io.mcpgateway.gateway;

import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets a stop cut a reload short where the reload waits on the network (the backends' tool lists and probes, the
 * issuer's keys: each up to its timeout), and only there: an interrupt that lands elsewhere, while the new gateway's
 * server starts or while what it opened is closed, could leave that half done.
 */
final class Cancellation {

    /** For a first start, which nothing cancels. */
    static final Cancellation NONE = new Cancellation();

    private final ReentrantLock lock = new ReentrantLock();
    private Thread waiting;
    private boolean cancelled;

    /**
     * Runs {@code part}, which a {@link #cancel} interrupts.
     *
     * @throws CancellationException when cancelled, before or during the part; the interrupt is cleared by then
     */
    void waitOn(Runnable part) {
        lock.lock();
        try {
            if (cancelled) {
                throw new CancellationException("the gateway is stopping");
            }
            waiting = Thread.currentThread();
        } finally {
            lock.unlock();
        }
        try {
            part.run();
        } finally {
            lock.lock();
            try {
                waiting = null;
                if (cancelled) {
                    Thread.interrupted(); // the interrupt was for the part alone: what follows runs uninterrupted
                    throw new CancellationException("the gateway is stopping");
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Interrupts the part running now, if any, and fails the ones to come. */
    void cancel() {
        lock.lock();
        try {
            cancelled = true;
            if (waiting != null) {
                waiting.interrupt();
            }
        } finally {
            lock.unlock();
        }
    }
}
