package io.mcpgateway.gateway.mcp;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

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
 * sends no progress is answered with JSON as any other. What is relayed is rebuilt from the backend's notification
 * (the client's token, the progress, its total and message): nothing else of the backend's reaches the client, and
 * progress that does not increase (a retried attempt starting again) is dropped, as MCP requires it to increase.
 *
 * <p>The client is written to by a thread of the relay's own, never by the one reading the backend's answer: a client
 * that reads slowly or not at all would otherwise hold the backend call (its connection, its bulkhead permit, callers
 * waiting for the same result) until the server's idle timeout, and have it counted as the backend's timeout.
 * Notifications the writer has not caught up with are dropped (progress may be), the result never.
 */
final class ProgressRelay implements CallProgress.Listener {

    /** The longest token taken: real ones are short ids or numbers. */
    private static final int MAX_TOKEN_CHARS = 256;
    private static final int MAX_MESSAGE_CHARS = 1_000;
    /** A backend sending progress without end is bounded by the call's timeout, and the client's stream by this. */
    private static final int MAX_NOTIFICATIONS = 10_000;
    /** Notifications waiting for a slow client; more are dropped. */
    private static final int BACKLOG = 64;
    private static final byte[] END = new byte[0];

    private final Context ctx;
    private final Object token;
    private final JsonMapper mapper;
    private final BlockingQueue<byte[]> waiting = new ArrayBlockingQueue<>(BACKLOG);
    private Thread writer; // null until the first notification; started and joined by the calling thread
    private BigDecimal lastProgress;
    private int relayed;
    private volatile boolean broken;

    private ProgressRelay(Context ctx, Object token, JsonMapper mapper) {
        this.ctx = ctx;
        this.token = token;
        this.mapper = mapper;
    }

    /** A relay for {@code request}, or null when it asks for no progress or its client reads no event stream. */
    static ProgressRelay of(McpMessage request, Context ctx, JsonMapper mapper) {
        if (!"tools/call".equals(request.method()) || !(request.params() instanceof Map<?, ?> params)
                || !(params.get("_meta") instanceof Map<?, ?> meta)
                || !McpAccept.listsEventStream(HeaderLines.joined(ctx, "Accept"))) {
            return null;
        }
        Object token = meta.get("progressToken");
        boolean usable = token instanceof String text && text.length() <= MAX_TOKEN_CHARS
                || token instanceof Integer || token instanceof Long;
        return usable ? new ProgressRelay(ctx, token, mapper) : null;
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
        if (writer == null) {
            writer = Thread.ofVirtual().name("mcp-progress").start(this::writeAll);
        }
        waiting.offer(mapper.writeValueAsBytes(notification)); // full: the client is behind, this one is dropped
    }

    /** A number JSON can carry back: not an infinity a literal such as 1e400 reads as. */
    private static boolean finite(JsonNode number) {
        return number.isNumber() && Double.isFinite(number.doubleValue());
    }

    /** Whether the answer became an event stream: the result must then be its last event. */
    boolean started() {
        return writer != null;
    }

    /**
     * Sends {@code answer} as the stream's last event, once the notifications before it are written, and waits until
     * it is; a null answer ends the stream without one.
     */
    void finish(Object answer) {
        byte[] last = answer == null ? END : mapper.writeValueAsBytes(answer);
        try {
            // the writer takes what waits: room comes, unless the client is gone (then nothing more is written)
            while (!broken && !waiting.offer(last, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                // waiting for room
            }
            waiting.offer(END);
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The writer: every event in turn, until the last; a client gone ends it. */
    private void writeAll() {
        try {
            ctx.status(200);
            ctx.res().setContentType("text/event-stream");
            ctx.header("Cache-Control", "no-cache");
            ctx.header("X-Accel-Buffering", "no"); // an nginx in front would otherwise hold the events back
            OutputStream stream = ctx.res().getOutputStream();
            for (byte[] json = waiting.take(); json != END; json = waiting.take()) {
                if (!broken) {
                    write(stream, json);
                }
            }
        } catch (IOException | RuntimeException e) {
            broken = true; // the client is gone or stuck past the server's idle timeout: the call ends unheard
            waiting.clear();
        } catch (InterruptedException e) {
            broken = true;
        }
    }

    /** One event: a data line per line of the JSON (a backend's result may hold line breaks between its tokens). */
    private static void write(OutputStream stream, byte[] json) throws IOException {
        stream.write("event: message\n".getBytes(StandardCharsets.US_ASCII));
        int start = 0;
        for (int i = 0; i <= json.length; i++) {
            if (i == json.length || json[i] == '\n' || json[i] == '\r') {
                stream.write("data: ".getBytes(StandardCharsets.US_ASCII));
                stream.write(json, start, i - start);
                stream.write('\n');
                start = i + 1;
            }
        }
        stream.write('\n');
        stream.flush();
    }
}
