package io.mcpgateway.gateway.backend;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Who hears of a tool call's progress while it runs on this thread: an MCP client that asked for it
 * ({@code _meta.progressToken}) through the gateway's {@code /mcp}. The backend is asked for progress under a token
 * of the gateway's (the call's JSON-RPC id: a client's own token, often its request id, would clash with other
 * clients' in a session the gateway shares), and the events it sends in its event-stream answer before the result are
 * handed on as they arrive. A thread-local rather than a parameter through the cache, the resilience layers and the
 * client: every attempt of a call runs on the thread that serves the request, and no other call needs it.
 */
public final class CallProgress {

    private static final ThreadLocal<Listener> CURRENT = new ThreadLocal<>();

    /** Hears the progress of the call it was set for. */
    public interface Listener {

        /**
         * One event's data the backend sent, with its answer's status 200, before its result; the listener checks
         * what it holds, and that it names {@code token}. It must not wait: the backend's answer is read meanwhile.
         */
        void notified(byte[] data, long token);

        /**
         * The call begins to wait for its answer (its exchange with its backend, or an identical call's in flight),
         * on the thread that serves the request, which does not touch the response again until the call returns:
         * from now on the listener may answer on a thread of its own.
         */
        default void awaitingAnswer() {
        }
    }

    private CallProgress() {
    }

    /** Runs {@code call} with {@code listener} hearing of the progress of the tool calls it makes. */
    public static <T> T during(Listener listener, Supplier<T> call) {
        Objects.requireNonNull(listener, "listener");
        CURRENT.set(listener);
        try {
            return call.get();
        } finally {
            CURRENT.remove();
        }
    }

    /**
     * Tells the listener of the call on this thread, if any, that the call now waits for its answer: from its backend
     * or from an identical call in flight for another caller ({@link Listener#awaitingAnswer}).
     */
    public static void awaitingAnswer() {
        Listener listener = CURRENT.get();
        if (listener != null) {
            listener.awaitingAnswer();
        }
    }

    /** The listener of the call on this thread, or null. */
    static Listener current() {
        return CURRENT.get();
    }
}
