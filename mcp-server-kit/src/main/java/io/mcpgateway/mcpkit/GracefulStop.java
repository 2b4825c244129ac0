package io.mcpgateway.mcpkit;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.util.component.Graceful;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;

import io.javalin.Javalin;

/**
 * Stops a Javalin app as Jetty's graceful stop does (new requests refused, those in flight given the server's stop
 * timeout to finish, then the rest cut off), but says what happened in one warning. Left to Jetty, a request still
 * running at the timeout made Javalin log an ERROR with two stack traces and throw, for a stop that went as
 * configured.
 */
public final class GracefulStop {

    private GracefulStop() {
    }

    /** Stops {@code app}; {@code what} names it in the warning ("Gateway", "MCP server 'restaurant-search'"). */
    public static void stop(Javalin app, String what, Logger log) {
        stop(app, what, log, List::of);
    }

    /**
     * Stops {@code app}, and names in the warning the requests {@code running} describes when the timeout cuts them
     * off: they get no access-log line, so the warning is what tells an operator which they were.
     */
    public static void stop(Javalin app, String what, Logger log, Supplier<List<String>> running) {
        Server server = app.jettyServer().server();
        long timeoutMillis = server.getStopTimeout();
        if (timeoutMillis > 0 && server.isStarted()) {
            long start = System.nanoTime();
            try {
                Graceful.shutdown(server).get(timeoutMillis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                StatisticsHandler statistics = server.getDescendant(StatisticsHandler.class);
                int active = statistics == null ? -1 : statistics.getRequestsActive();
                if (active != 0) { // none: what the wait still held (idle connections) cuts off no request
                    List<String> named = running.get();
                    log.warn("{}: {} still running when the shutdown timeout ({} ms) ended, cut off{}", what,
                            active < 0 ? "requests" : active + " request(s)", timeoutMillis,
                            named.isEmpty() ? "" : ": " + String.join("; ", named));
                }
            } catch (ExecutionException e) {
                log.warn("{}: the graceful part of the stop failed ({}); stopping", what, e.getCause().toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server.setStopTimeout(0); // waited already: Jetty's own wait would time out again and Javalin log it
            // what Jetty's stop does after its wait, so threads still busy are not waited for the pool's 5 s too
            QueuedThreadPool pool = server.getBean(QueuedThreadPool.class);
            if (pool != null) {
                long left = timeoutMillis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                pool.setStopTimeout(Math.max(1000, left));
            }
        }
        app.stop();
    }
}
