package io.mcpgateway.mcpkit;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mcpgateway.text.RepeatLimiter;

/**
 * Closes a connection whose request's headers have not all arrived within a deadline, as nginx's
 * {@code client_header_timeout} does. Jetty has no such limit: its idle timeout starts again at every byte, so a
 * client sending a header line every few seconds (slowloris) held its connection, a file descriptor and its buffers,
 * for as long as it liked. Once a second it looks at the connector's connections; a request is timed
 * from the first look that finds it between its first byte and the end of its headers, so the deadline holds to
 * within a second. Bodies have their own limit (Jetty's minimum request data rate).
 */
public final class HeaderDeadline extends AbstractLifeCycle {

    /** nginx's default is 60 s; a client on any network sends a few kilobytes of headers well within this. */
    public static final Duration DEFAULT = Duration.ofSeconds(20);
    private static final Duration EVERY = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(HeaderDeadline.class);

    private final AbstractConnector connector;
    private final long deadlineNanos;
    /** The connections found reading headers, with when that request was first found: the scan's alone. */
    private Map<EndPoint, Started> reading = new HashMap<>();
    private final RepeatLimiter closedLines = new RepeatLimiter(Duration.ofMinutes(1));
    private volatile Scheduler.Task next;

    private record Started(long messagesIn, long atNanos) {
    }

    /** Add it to {@code connector} as a managed bean: it runs while the connector does. */
    public HeaderDeadline(AbstractConnector connector, Duration deadline) {
        this.connector = connector;
        this.deadlineNanos = deadline.toNanos();
    }

    @Override
    protected void doStart() {
        scheduleNext();
    }

    @Override
    protected void doStop() {
        Scheduler.Task task = next;
        if (task != null) {
            task.cancel();
        }
    }

    private void scheduleNext() {
        if (isRunning() || isStarting()) {
            next = connector.getScheduler().schedule(this::scan, EVERY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void scan() {
        try {
            long now = System.nanoTime();
            Map<EndPoint, Started> stillReading = new HashMap<>();
            int closed = 0;
            for (EndPoint endPoint : connector.getConnectedEndPoints()) {
                if (!(endPoint.getConnection() instanceof HttpConnection http) || !readingHeaders(http.getParser())) {
                    continue;
                }
                Started seen = reading.get(endPoint);
                Started started = seen != null && seen.messagesIn() == http.getMessagesIn() ? seen
                        : new Started(http.getMessagesIn(), now);
                if (now - started.atNanos() >= deadlineNanos) {
                    endPoint.close();
                    closed++;
                } else {
                    stillReading.put(endPoint, started);
                }
            }
            reading = stillReading;
            if (closed > 0 && closedLines.admit() != RepeatLimiter.HOLD) {
                log.warn("Closed {} client connection{} whose request headers took over {} s to arrive (slow clients,"
                        + " or a slowloris attack); such closes are logged at most once a minute", closed,
                        closed == 1 ? "" : "s", TimeUnit.NANOSECONDS.toSeconds(deadlineNanos));
            }
        } catch (RuntimeException e) {
            log.warn("The check of slow request headers failed; it goes on at the next look", e);
        } finally {
            scheduleNext();
        }
    }

    /** Between a request's first byte and the end of its headers (START: no byte of one yet, idle). */
    private static boolean readingHeaders(HttpParser parser) {
        return parser.inHeaderState() && !parser.isStart();
    }
}
