package io.mcpgateway.app;

import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps started servers running until the JVM is asked to stop (Ctrl-C, SIGTERM), then closes them in reverse order
 * so in-flight requests can finish.
 */
final class RunningServers {

    private static final Logger log = LoggerFactory.getLogger(RunningServers.class);

    private RunningServers() {
    }

    /** Blocks until shutdown; returns the exit code. */
    static int awaitShutdown(List<? extends AutoCloseable> servers) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (int i = servers.size() - 1; i >= 0; i--) {
                try {
                    servers.get(i).close();
                } catch (Exception e) {
                    log.warn("Could not stop a server cleanly", e);
                }
            }
            stopped.countDown();
        }, "shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
