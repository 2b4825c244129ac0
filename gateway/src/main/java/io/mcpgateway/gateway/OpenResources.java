package io.mcpgateway.gateway;

import java.util.ArrayDeque;
import java.util.Deque;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a gateway has opened (clients, pools, threads, its server), closed in the reverse order; a failure to close
 * one is logged and the others are still closed. A start that fails half-way closes what it had opened, so a
 * reload that cannot start leaves no thread or connection behind.
 */
final class OpenResources implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OpenResources.class);

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    synchronized <T extends AutoCloseable> T add(T resource) {
        opened.push(resource);
        return resource;
    }

    @Override
    public void close() {
        for (AutoCloseable resource = next(); resource != null; resource = next()) {
            try {
                resource.close();
            } catch (Exception | LinkageError e) {
                log.warn("Could not close {} cleanly", resource, e);
            }
        }
    }

    private synchronized AutoCloseable next() {
        return opened.poll();
    }
}
