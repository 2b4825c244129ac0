package io.mcpgateway.gateway.config;

import java.time.Duration;

/**
 * The HTTP/1.1 connections the gateway keeps to one backend.
 *
 * @param maxConnections most connections open at once; calls beyond that wait in a queue
 * @param maxQueued most calls waiting for a connection; more are refused at once (503)
 * @param keepAlive how long an idle connection is kept for the next call before it is closed
 * @param maxResponseBytes the largest answer read from the backend; a larger one is a failed call, not memory spent
 * @param maxAge how long a connection carries calls from its opening: then it is closed when its call is done, and
 *     the next call opens another, which a load balancer in front of the backend (a Kubernetes Service) may send to
 *     another replica; without it the busy connections would stay on the replicas they first reached, and replicas
 *     added later would get only the overflow
 */
public record ConnectionPoolSettings(int maxConnections, int maxQueued, Duration keepAlive, int maxResponseBytes,
        Duration maxAge) {

    public static final int DEFAULT_MAX_CONNECTIONS = 64;
    public static final int DEFAULT_MAX_QUEUED = 1024;
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
    public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(1);

    /** With the default {@link #maxAge}. */
    public ConnectionPoolSettings(int maxConnections, int maxQueued, Duration keepAlive, int maxResponseBytes) {
        this(maxConnections, maxQueued, keepAlive, maxResponseBytes, DEFAULT_MAX_AGE);
    }

    public static ConnectionPoolSettings defaults() {
        return new ConnectionPoolSettings(DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_QUEUED, DEFAULT_KEEP_ALIVE,
                DEFAULT_MAX_RESPONSE_BYTES);
    }
}
