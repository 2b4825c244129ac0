package io.mcpgateway.gateway.backend.http1;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Lets another thread end the backend exchanges a call makes on this one: {@link #abort} closes the connection of the
 * exchange under way, as its deadline would (its read fails at once), and ends the ones after it as they start. Used
 * for an MCP client's {@code notifications/cancelled}, which arrives on another request. A thread-local, as
 * {@code CallProgress} is: every exchange of a call runs on the thread that serves its request.
 */
public final class AbortSignal {

    private static final ThreadLocal<AbortSignal> CURRENT = new ThreadLocal<>();

    private volatile boolean aborted;
    /** Ends the exchange under way; null between exchanges. */
    private Http1Connection.Watch exchange;
    /** The call's thread while it waits for a connection, which {@link #abort} wakes; null otherwise. */
    private Thread waiter;

    /** Runs {@code call} with this signal able to end the backend exchanges it makes. */
    public <T> T during(Supplier<T> call) {
        AbortSignal outer = CURRENT.get();
        CURRENT.set(this);
        try {
            return call.get();
        } finally {
            CURRENT.set(outer);
        }
    }

    /** Ends the exchange under way and any later one of the call; once is enough. */
    public void abort() {
        Http1Connection.Watch current;
        synchronized (this) {
            aborted = true;
            current = exchange;
            if (waiter != null) {
                waiter.interrupt(); // cleared by endWaiting, whatever the wait was doing
            }
        }
        if (current != null) {
            current.fire();
        }
    }

    /** The signal watching the call on this thread, if any. */
    public static AbortSignal current() {
        return CURRENT.get();
    }

    /** Whether the call on this thread was aborted. */
    public static boolean currentAborted() {
        AbortSignal signal = CURRENT.get();
        return signal != null && signal.aborted;
    }

    /** The exchange under way on this thread, if a signal watches it; fired at once when the call was aborted. */
    static void attach(Http1Connection.Watch watch) {
        AbortSignal signal = CURRENT.get();
        if (signal != null) {
            boolean abortedAlready;
            synchronized (signal) {
                signal.exchange = Objects.requireNonNull(watch, "watch");
                abortedAlready = signal.aborted;
            }
            if (abortedAlready) {
                watch.fire();
            }
        }
    }

    /** Lets {@link #abort} wake this thread while it waits for a connection; false when aborted already. */
    synchronized boolean startWaiting() {
        if (aborted) {
            return false;
        }
        waiter = Thread.currentThread();
        return true;
    }

    /**
     * Ends the wait {@link #startWaiting} began; true when the call was aborted meanwhile, with the interrupt that woke
     * the wait, if it came, cleared: the call ends, and its thread goes on to serve the answer.
     */
    boolean endWaiting() {
        synchronized (this) {
            waiter = null;
            if (!aborted) {
                return false;
            }
        }
        Thread.interrupted();
        return true;
    }

    static void detach() {
        AbortSignal signal = CURRENT.get();
        if (signal != null) {
            synchronized (signal) {
                signal.exchange = null;
            }
        }
    }
}
