package io.mcpgateway.gateway.mcp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

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
 */
final class ProgressRelay implements CallProgress.Listener {

    /** The longest token taken: real ones are short ids or numbers. */
    private static final int MAX_TOKEN_CHARS = 256;
    private static final int MAX_MESSAGE_CHARS = 1_000;
    /** A backend sending progress without end is bounded by the call's timeout, and the client's stream by this. */
    private static final int MAX_NOTIFICATIONS = 10_000;

    private final Context ctx;
    private final Object token;
    private final JsonMapper mapper;
    private OutputStream stream; // null until the first notification
    private double lastProgress = Double.NEGATIVE_INFINITY;
    private int relayed;
    private boolean broken;

    private ProgressRelay(Context ctx, Object token, JsonMapper mapper) {
        this.ctx = ctx;
        this.token = token;
        this.mapper = mapper;
    }

    /** A relay for {@code request}, or null when it asks for no progress or its client reads no event stream. */
    static ProgressRelay of(McpMessage request, Context ctx, JsonMapper mapper) {
        if (!"tools/call".equals(request.method()) || !(request.params() instanceof Map<?, ?> params)
                || !(params.get("_meta") instanceof Map<?, ?> meta)
                || !McpAccept.allowsEventStream(HeaderLines.joined(ctx, "Accept"))) {
            return null;
        }
        Object token = meta.get("progressToken");
        boolean usable = token instanceof String text && !text.isEmpty() && text.length() <= MAX_TOKEN_CHARS
                || token instanceof Integer || token instanceof Long;
        return usable ? new ProgressRelay(ctx, token, Objects.requireNonNull(mapper, "mapper")) : null;
    }

    @Override
    public Object token() {
        return token;
    }

    @Override
    public void notified(byte[] data) {
        if (broken || relayed >= MAX_NOTIFICATIONS) {
            return;
        }
        JsonNode message;
        try {
            message = mapper.readTree(data);
        } catch (JacksonException e) {
            return; // not the client's concern: the response is read from the same stream, and judged there
        }
        JsonNode params = message.path("params");
        JsonNode progress = params.get("progress");
        if (!"notifications/progress".equals(message.path("method").asString("")) || message.has("id")
                || !names(params.get("progressToken")) || progress == null || !progress.isNumber()
                || !(progress.doubleValue() > lastProgress)) {
            return;
        }
        Map<String, Object> relayedParams = new LinkedHashMap<>();
        relayedParams.put("progressToken", token);
        relayedParams.put("progress", progress.numberValue());
        if (params.path("total").isNumber()) {
            relayedParams.put("total", params.path("total").numberValue());
        }
        if (params.path("message").isString()) {
            relayedParams.put("message", Echoed.oneLine(params.path("message").asString(), MAX_MESSAGE_CHARS));
        }
        Map<String, Object> notification = new LinkedHashMap<>();
        notification.put("jsonrpc", "2.0");
        notification.put("method", "notifications/progress");
        notification.put("params", relayedParams);
        write(mapper.writeValueAsBytes(notification));
        lastProgress = progress.doubleValue();
        relayed++;
    }

    /** Whether the answer became an event stream: the result must then be its last event. */
    boolean started() {
        return stream != null;
    }

    /** Sends {@code answer} as the stream's last event. */
    void finish(Object answer) {
        write(mapper.writeValueAsBytes(answer));
    }

    private boolean names(JsonNode echoed) {
        return echoed != null && (token instanceof String text ? echoed.isString() && echoed.asString().equals(text)
                : echoed.isIntegralNumber() && echoed.canConvertToLong()
                        && echoed.longValue() == ((Number) token).longValue());
    }

    /** One event; a client gone leaves the call to end as it would, unheard. */
    private void write(byte[] json) {
        if (broken) {
            return;
        }
        try {
            if (stream == null) {
                ctx.status(200);
                ctx.res().setContentType("text/event-stream");
                ctx.header("Cache-Control", "no-cache");
                stream = ctx.res().getOutputStream();
            }
            stream.write("event: message\n".getBytes(StandardCharsets.US_ASCII));
            // one data line per line of the JSON (a backend's passed-through result may hold line breaks between
            // its tokens, never inside a string): a reader joins them with line feeds
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
        } catch (IOException e) {
            broken = true;
        }
    }
}
