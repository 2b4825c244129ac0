package io.mcpgateway.gateway.mcp;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import io.javalin.http.Context;
import io.mcpgateway.gateway.backend.CallProgress;
import io.mcpgateway.gateway.http.HeaderLines;
import io.mcpgateway.text.Echoed;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Relays a tool's progress to the MCP client that asked for it ({@code _meta.progressToken} in its
 * {@code tools/call}, with {@code text/event-stream} in its {@code Accept}): the answer becomes an event stream at the
 * first notification, which is sent on as it arrives, and the result follows as the stream's last event. A call that
 * sends no progress is answered with JSON as any other, unless its backend stays silent for the keep-alive interval:
 * the answer then becomes an event stream of comments, so that a proxy's idle timeout does not cut a call that has
 * nothing to say until its result. What is relayed is rebuilt from the backend's notification
 * (the client's token, the progress, its total and message): nothing else of the backend's reaches the client, and
 * progress that does not increase (a retried attempt starting again) is dropped, as MCP requires it to increase.
 *
 * <p>The client is written to by a thread of the relay's own, never by the one reading the backend's answer: a client
 * that reads slowly or not at all would otherwise hold the backend call (its connection, its bulkhead permit, callers
 * waiting for the same result) until the server's idle timeout, and have it counted as the backend's timeout. While
 * the client is behind, only the latest notification waits (progress may be dropped, and the newest says the most);
 * the result always follows.
 */
final class ProgressRelay implements CallProgress.Listener {

    private static final Logger log = LoggerFactory.getLogger(ProgressRelay.class);
    /** The longest token taken: real ones are short ids or numbers. */
    private static final int MAX_TOKEN_CHARS = 256;
    private static final int MAX_MESSAGE_CHARS = 1_000;
    /** A backend sending progress without end is bounded by the call's timeout, and the client's stream by this. */
    private static final int MAX_NOTIFICATIONS = 10_000;
    /**
     * How long the result's write may take before the writer is stopped: past the server's idle timeout (30 s), which
     * fails a write to a client that reads nothing.
     */
    private static final Duration FINISH_LIMIT = Duration.ofSeconds(45);

    private final Context ctx;
    private final Object token;
    private final JsonMapper mapper;
    private final long keepAliveNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Under the lock: the latest notification not written yet, the result, and whether the result has come. */
    private byte[] pending;
    private byte[] last;
    private boolean ended;
    /** Under the lock: the answer is an event stream, its status and headers set. */
    private boolean streaming;
    /** Under the lock: the call has returned; an answer that is no event stream by then becomes none. */
    private boolean closed;
    private Thread writer; // null until the backend call begins; started and joined by the thread serving the request
    private BigDecimal lastProgress;
    private int relayed;
    private volatile boolean broken;

    private ProgressRelay(Context ctx, Object token, JsonMapper mapper, Duration keepAlive) {
        this.ctx = ctx;
        this.token = token;
        this.mapper = mapper;
        this.keepAliveNanos = keepAlive.toNanos();
    }

    /**
     * A relay for {@code request}, or null when it asks for no progress or its client reads no event stream; once
     * streaming, it writes a comment whenever {@code keepAlive} passes without an event.
     */
    static ProgressRelay of(McpMessage request, Context ctx, JsonMapper mapper, Duration keepAlive) {
        if (!"tools/call".equals(request.method()) || !(request.params() instanceof Map<?, ?> params)
                || !(params.get("_meta") instanceof Map<?, ?> meta)
                || !McpAccept.listsEventStream(HeaderLines.joined(ctx, "Accept"))) {
            return null;
        }
        Object token = meta.get("progressToken");
        boolean usable = token instanceof String text && text.length() <= MAX_TOKEN_CHARS
                || token instanceof Integer || token instanceof Long;
        return usable ? new ProgressRelay(ctx, token, mapper, keepAlive) : null;
    }

    @Override
    public void notified(byte[] data, long backendToken) {
        if (broken || relayed >= MAX_NOTIFICATIONS) {
            return;
        }
        JsonNode message;
        try {
            // decoded as the result is: a malformed UTF-8 sequence is U+FFFD, not a reason to drop the notification
            message = mapper.readTree(new String(data, StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            return; // not the client's concern: the response is read from the same stream, and judged there
        }
        JsonNode params = message.path("params");
        JsonNode echoed = params.path("progressToken");
        JsonNode progress = params.path("progress");
        if (!"notifications/progress".equals(message.path("method").asString("")) || message.has("id")
                || !echoed.isIntegralNumber() || !echoed.canConvertToLong() || echoed.longValue() != backendToken
                || !finite(progress) || lastProgress != null && progress.decimalValue().compareTo(lastProgress) <= 0) {
            return;
        }
        Map<String, Object> relayedParams = new LinkedHashMap<>();
        relayedParams.put("progressToken", token);
        relayedParams.put("progress", progress.numberValue());
        if (finite(params.path("total"))) {
            relayedParams.put("total", params.path("total").numberValue());
        }
        if (params.path("message").isString()) {
            // clipped so that with the ellipsis it stays within the bound
            relayedParams.put("message", Echoed.oneLine(params.path("message").asString(), MAX_MESSAGE_CHARS - 3));
        }
        Map<String, Object> notification = new LinkedHashMap<>();
        notification.put("jsonrpc", "2.0");
        notification.put("method", "notifications/progress");
        notification.put("params", relayedParams);
        lastProgress = progress.decimalValue();
        relayed++;
        byte[] json = mapper.writeValueAsBytes(notification);
        lock.lock();
        try {
            pending = json; // one the client has not taken yet is replaced: the newest says the most
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void awaitingAnswer() {
        if (writer == null) { // a retried attempt calls again
            Map<String, String> mdc = MDC.getCopyOfContextMap();
            writer = Thread.ofVirtual().name("mcp-progress").start(() -> writeAll(mdc));
        }
    }

    /** A number JSON can carry back: not an infinity a literal such as 1e400 reads as. */
    private static boolean finite(JsonNode number) {
        return number.isNumber() && Double.isFinite(number.doubleValue());
    }

    /**
     * Ends the call: when its answer became an event stream, sends {@code answer} as the stream's last event, after the
     * latest notification, and returns true once the writer has ended (the response is not touched after; a null
     * answer ends the stream without one, and a client that reads nothing is given until the server's idle timeout
     * fails the write, then the writer is stopped). Otherwise returns false, the response untouched and no stream to
     * begin: the caller answers.
     */
    boolean finish(Object answer) {
        lock.lock();
        try {
            closed = true;
            if (!streaming) {
                changed.signal(); // a writer waiting for something to send ends
                return false;
            }
        } finally {
            lock.unlock();
        }
        byte[] json = null;
        try {
            json = answer == null ? null : mapper.writeValueAsBytes(answer);
        } finally {
            lock.lock();
            try {
                last = json;
                ended = true;
                changed.signal();
            } finally {
                lock.unlock();
            }
            awaitWriter();
        }
        return true;
    }

    /** Waits for the writer to end, stopping it past {@link #FINISH_LIMIT}; never returns while it runs. */
    private void awaitWriter() {
        boolean interrupted = false;
        try {
            writer.join(FINISH_LIMIT);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        while (writer.isAlive()) {
            writer.interrupt();
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The writer: the latest notification whenever one waits, a comment when none came for the keep-alive interval,
     * the result last; a client gone ends it. Until the first of these the answer may still be JSON: the writer ends
     * without touching the response if the call returns first.
     */
    private void writeAll(Map<String, String> mdc) {
        if (mdc != null) {
            MDC.setContextMap(mdc); // its log lines carry the request's id
        }
        try {
            OutputStream stream = null;
            while (true) {
                byte[] next;
                boolean end;
                lock.lock();
                try {
                    long silence = keepAliveNanos;
                    while (pending == null && !ended && !(closed && !streaming) && silence > 0) {
                        silence = changed.awaitNanos(silence);
                    }
                    if (!streaming) {
                        if (closed) {
                            return; // answered with JSON
                        }
                        beginStream();
                    }
                    next = pending != null ? pending : ended ? last : null;
                    end = pending == null && ended;
                    pending = null;
                } finally {
                    lock.unlock();
                }
                if (stream == null) {
                    stream = ctx.res().getOutputStream();
                }
                if (next != null) {
                    EventStream.write(stream, next);
                } else if (!end) {
                    EventStream.keepAlive(stream);
                }
                if (end) {
                    return;
                }
            }
        } catch (IOException e) {
            broken = true; // the client is gone, or read nothing until the server's idle timeout
            log.debug("The MCP client of a call with progress stopped reading: {}", e.toString());
        } catch (InterruptedException e) {
            broken = true;
        } catch (RuntimeException e) {
            broken = true;
            log.warn("Relaying a tool's progress failed; the call ends unheard", e);
        } finally {
            MDC.clear();
        }
    }

    /**
     * Under the lock, while the thread serving the request waits for the backend and the answer is not committed:
     * the status and headers of an event stream.
     */
    private void beginStream() {
        EventStream.begin(ctx);
        streaming = true;
    }
}
