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
    /** Each connection as the last look found it: the scan's alone. */
    private Map<EndPoint, Seen> seen = new HashMap<>();
    private final RepeatLimiter closedLines = new RepeatLimiter(Duration.ofMinutes(1));
    private final RepeatLimiter failureLines = new RepeatLimiter(Duration.ofMinutes(1));
    private volatile Scheduler.Task next;

    /**
     * A connection at a look: its counts, whether its parser waited for a request line, and since when
     * (System.nanoTime) it has been reading one request's headers, or {@link #NOT_READING}.
     */
    private record Seen(long messagesIn, long bytesIn, boolean atStart, long readingSince) {
    }

    private static final long NOT_READING = Long.MIN_VALUE;

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
            Map<EndPoint, Seen> looked = new HashMap<>();
            int closed = 0;
            for (EndPoint endPoint : connector.getConnectedEndPoints()) {
                if (!(endPoint.getConnection() instanceof HttpConnection http)) {
                    continue;
                }
                Seen current = look(http, seen.get(endPoint), now);
                if (current.readingSince() != NOT_READING && now - current.readingSince() >= deadlineNanos) {
                    endPoint.close();
                    closed++;
                } else {
                    looked.put(endPoint, current);
                }
            }
            seen = looked;
            if (closed > 0 && closedLines.admit() != RepeatLimiter.HOLD) {
                log.warn("Closed {} client connection{} whose request headers took over {} to arrive (slow clients,"
                        + " or a slowloris attack); such closes are logged at most once a minute", closed,
                        closed == 1 ? "" : "s", shown(deadlineNanos));
            }
        } catch (RuntimeException | LinkageError e) { // a Jetty whose internals changed: said, not silent
            if (failureLines.admit() != RepeatLimiter.HOLD) {
                log.warn("The check of slow request headers failed; it goes on at the next look", e);
            }
        } finally {
            scheduleNext();
        }
    }

    /**
     * The connection now, given how it was at the last look ({@code before}, null for a new one): reading a request's
     * headers when its parser is between a request's first byte and the end of its headers, or waits for a request
     * line still while bytes keep coming (blank lines, which Jetty skips without leaving its start state and which
     * restart the idle timeout as header lines do). Bytes that came while it was elsewhere (the rest of a body) are
     * not those. The clock runs from the first look that found the request being read until its headers are done (a
     * request more has come in).
     */
    private static Seen look(HttpConnection http, Seen before, long now) {
        HttpParser parser = http.getParser();
        long messages = http.getMessagesIn();
        long bytes = http.getBytesIn();
        boolean atStart = parser.isStart();
        boolean sameRequest = before != null && before.messagesIn() == messages;
        boolean wasReading = sameRequest && before.readingSince() != NOT_READING;
        boolean blankLines = atStart && sameRequest && before.atStart() && bytes > before.bytesIn();
        boolean reading = parser.inHeaderState() && (!atStart || blankLines || wasReading);
        long since = !reading ? NOT_READING : wasReading ? before.readingSince() : now;
        return new Seen(messages, bytes, atStart, since);
    }

    /** "20 s", or "1500 ms" for a deadline that is no whole number of seconds. */
    private static String shown(long nanos) {
        long millis = TimeUnit.NANOSECONDS.toMillis(nanos);
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
