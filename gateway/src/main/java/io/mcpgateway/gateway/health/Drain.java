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
    private volatile boolean draining;
    private volatile boolean closingConnections;

    public Drain(Duration duration) {
        this.duration = duration;
    }

    /** Whether {@code /health/ready} says the instance is going away. */
    public boolean active() {
        return draining;
    }

    /** Before-handler: while draining or handing over, the answer closes its connection. */
    public void closeConnectionWhileDraining(Context ctx) {
        if (closingConnections) {
            ctx.header("Connection", "close");
        }
    }

    /** Drains for the configured time (returns at once when it is zero or the thread is interrupted). */
    public void run() {
        if (duration.isZero()) {
            return;
        }
        log.info("Gateway draining for {} ms: /health/ready answers 503 and answers close their connections",
                duration.toMillis());
        draining = true;
        closingConnections = true;
        sleep(duration);
    }

    /**
     * The hand-over of a reload: for {@code duration}, answers on the connections still open to this gateway close
     * them, so their clients reconnect to the gateway that replaces it. The instance is not going away, so
     * {@code /health/ready} stays as it is: a health checker on a kept-alive connection (Envoy's, say) would
     * otherwise take the instance out of rotation at every reload.
     */
    public void handOver(Duration duration) {
        closingConnections = true;
        sleep(duration);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
