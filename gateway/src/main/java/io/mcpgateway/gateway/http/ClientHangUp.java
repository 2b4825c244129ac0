package io.mcpgateway.gateway.http;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.AbstractEndPoint;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.javalin.http.Context;
import io.mcpgateway.gateway.backend.http1.AbortSignal;
import io.mcpgateway.gateway.toolmeta.BackendTool;

/**
 * Ends the backend exchanges of a call whose client hung up while it waited (its connection closed), as an MCP
 * client's {@code notifications/cancelled} does: Jetty reads nothing of a connection while its request is handled, so
 * without this a call went on to its backend's answer or timeout (up to {@code request_timeout_ms}), holding a pooled
 * backend connection and a bulkhead place for an answer no one would read. As nginx does ({@code 499}), the client's
 * connection is watched for reading while the call runs: its end means the client is gone. Bytes arriving instead (a
 * pipelined next request, which no common client sends after a POST) cannot be given back to Jetty: watching stops and
 * the answer closes the connection, so that the client sends that request again. HTTP/1 only (an HTTP/2 stream shares
 * its connection).
 *
 * <p>Only calls of read-only tools are ended so, as a rule: ending them loses nothing. A tool that changes something
 * runs to its end, as MCP up to 2025-11-25 asks (a disconnection is not a cancellation; a client cancels with
 * {@code notifications/cancelled}), unless its client speaks MCP 2026-07-28, where closing the stream is how a client
 * cancels. Only calls that reach a backend are watched, so that a cache hit costs no work of the selector.
 */
public final class ClientHangUp {

    private static final Logger log = LoggerFactory.getLogger(ClientHangUp.class);
    /**
     * How long a call runs before its client's connection is watched: a read interest registered and withdrawn with
     * Jetty's selector for every call cost 8-10% of an uncached REST call's CPU (two wake-ups of the selector thread;
     * bench rig, alternating windows), and a call this short holds its backend connection for no longer anyway.
     */
    static final long ARM_AFTER_MS = 200;
    private static final ScheduledThreadPoolExecutor ARMING = armingThread();

    private ClientHangUp() {
    }

    /**
     * Runs {@code call} of {@code tool}, whose backend exchanges (on this thread) end when the client of {@code ctx}
     * hangs up meanwhile if the tool is read-only; under the {@link AbortSignal} in force, if any, so that a
     * cancellation still reaches them.
     */
    public static <T> T watch(Context ctx, BackendTool tool, Supplier<T> call) {
        return watch(ctx, tool.isReadOnly(), call);
    }

    /**
     * Runs {@code call}, whose backend exchanges end when the client of {@code ctx} hangs up meanwhile if
     * {@code endable} (a read-only tool's, or any call of a client for which a hang-up is a cancellation).
     */
    public static <T> T watch(Context ctx, boolean endable, Supplier<T> call) {
        if (!endable) {
            return call.get();
        }
        AbortSignal outer = AbortSignal.current();
        AbortSignal signal = outer != null ? outer : new AbortSignal();
        AbstractEndPoint endPoint = endPoint(ctx);
        Watch watch = endPoint == null ? null : new Watch(endPoint, signal::abort);
        ScheduledFuture<?> arming = watch == null ? null : ARMING.schedule(watch::arm, ARM_AFTER_MS, MILLISECONDS);
        try {
            return outer != null ? call.get() : signal.during(call);
        } finally {
            if (watch != null) {
                arming.cancel(false);
                if (watch.stop()) {
                    ctx.header("Connection", "close");
                }
            }
        }
    }

    private static ScheduledThreadPoolExecutor armingThread() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("client-hang-up-watch").daemon().factory());
        executor.setRemoveOnCancelPolicy(true); // most calls end before their watch is armed
        return executor;
    }

    /** What watches a client's connection for its end; closing it stops watching. */
    public interface Watching extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Watches the client's connection of {@code ctx} from now on, for an answer that lasts (an event stream that
     * writes only now and then, and so would notice a client gone only at its second write after): {@code onHangUp}
     * runs, on Jetty's selector, when the connection ends. Watching nothing on HTTP/2.
     */
    public static Watching onHangUp(Context ctx, Runnable onHangUp) {
        AbstractEndPoint endPoint = endPoint(ctx);
        if (endPoint == null) {
            return () -> { };
        }
        Watch watch = new Watch(endPoint, onHangUp);
        watch.arm();
        return watch::stop;
    }

    /** The client's connection, when it is one the watch can read: plain HTTP/1 (an HTTP/2 stream shares its own). */
    private static AbstractEndPoint endPoint(Context ctx) {
        try {
            Request request = ServletContextRequest.getServletContextRequest(ctx.req());
            if (request == null || request.getConnectionMetaData().getHttpVersion() == HttpVersion.HTTP_2
                    || request.getConnectionMetaData().getHttpVersion() == HttpVersion.HTTP_3) {
                return null;
            }
            EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
            return endPoint instanceof AbstractEndPoint readable ? readable : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The read interest on the client's connection; called back by Jetty's selector when it is readable. */
    private static final class Watch implements Callback {

        private final AbstractEndPoint endPoint;
        private final Runnable onHangUp;
        private final ByteBuffer oneByte = BufferUtil.allocate(1); // empty, in Jetty's flush mode
        /** Our read interest is registered and not yet called back. */
        private boolean armed;
        private boolean stopped;
        /** Bytes of a next request were read: the connection must close after this answer. */
        private boolean consumed;

        Watch(AbstractEndPoint endPoint, Runnable onHangUp) {
            this.endPoint = endPoint;
            this.onHangUp = onHangUp;
        }

        /** Registers the read interest, unless the call ended or something reads the connection already. */
        synchronized void arm() {
            armed = !stopped && endPoint.isOpen() && endPoint.tryFillInterested(this);
        }

        /** Stops watching, before the answer is written; true when the connection must close after it. */
        synchronized boolean stop() {
            stopped = true;
            if (armed) {
                armed = false;
                // the registered interest is ours (Jetty registers its own only once the answer is done): withdrawn,
                // so that Jetty can read the connection's next request
                endPoint.getFillInterest().onFail(new CancellationException("call ended"));
            }
            return consumed;
        }

        @Override
        public synchronized void succeeded() {
            armed = false;
            if (stopped) {
                return; // what is there is Jetty's to read
            }
            int read;
            try {
                BufferUtil.clear(oneByte);
                read = endPoint.fill(oneByte);
            } catch (IOException e) {
                read = -1;
            }
            if (read < 0) {
                hungUp();
            } else if (read > 0) {
                consumed = true;
            } else {
                arm();
            }
        }

        @Override
        public synchronized void failed(Throwable cause) {
            armed = false;
            if (stopped) {
                return;
            }
            if (cause instanceof TimeoutException && endPoint.isOpen()) {
                arm(); // the connection's idle timeout: Jetty decides about it, the watch goes on
            } else {
                hungUp();
            }
        }

        private void hungUp() {
            log.debug("The client hung up while it waited for its answer");
            onHangUp.run();
        }
    }
}
