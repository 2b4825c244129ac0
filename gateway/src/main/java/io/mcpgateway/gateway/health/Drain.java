package io.mcpgateway.gateway.health;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.javalin.http.Context;

/**
 * The first phase of stopping ({@code server.drain_ms}): the gateway goes on serving, but {@code /health/ready}
 * answers 503 so load balancers and Kubernetes take it out of rotation, and every answer closes its connection so
 * keep-alive clients reconnect to another instance. Only then does it stop accepting. Without it, a request sent on a
 * reused connection, or queued for accept, just as the listener closes is reset: a failure for the client even though
 * another instance was ready.
 */
public final class Drain {

    private static final Logger log = LoggerFactory.getLogger(Drain.class);

    private final Duration duration;
    private volatile boolean active;

    public Drain(Duration duration) {
        this.duration = duration;
    }

    public boolean active() {
        return active;
    }

    /** Before-handler: while draining, the answer closes its connection. */
    public void closeConnectionWhileDraining(Context ctx) {
        if (active) {
            ctx.header("Connection", "close");
        }
    }

    /** Drains for the configured time (returns at once when it is zero or the thread is interrupted). */
    public void run() {
        run(duration);
    }

    /** Drains for {@code duration} (returns at once when it is zero or the thread is interrupted). */
    public void run(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        log.info("Gateway draining for {} ms: /health/ready answers 503 and answers close their connections",
                duration.toMillis());
        active = true;
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
