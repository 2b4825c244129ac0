package io.mcpgateway.gateway.mcp;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.mcpgateway.gateway.auth.Caller;
import io.mcpgateway.mcpkit.ModernRequests;
import tools.jackson.databind.json.JsonMapper;

/**
 * One {@code subscriptions/listen} stream of MCP 2026-07-28: acknowledged first, then a
 * {@code notifications/tools/list_changed} whenever the tools its caller may see change (if it asked for them), a
 * comment when it has been silent for the keep-alive interval, and, when the gateway stops, the request's result (a
 * graceful end, in the revision's words). A stream the client should open again (its token expired, a reload replaced
 * the gateway) ends without the result: the revision has a client take only an end without one as a reason to
 * reconnect. Each message names the subscription (the request's id) in {@code _meta}, as the revision requires.
 */
final class ToolListSubscription {

    static final String SUBSCRIPTION_ID = "io.modelcontextprotocol/subscriptionId";

    private final Caller caller;
    private final Object id;
    private final boolean toolsListChanged;
    private final JsonMapper mapper;
    private final Map<String, Object> serverInfo;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Under the lock: the tools the caller could see when last looked at. */
    private List<ExposedTool> seen;
    /**
     * Under the lock: a change not told yet; the end asked for, whether a change is to be told before it, whether it
     * ends with the result, and whether the client is gone (nothing more is written).
     */
    private boolean changePending;
    private boolean ended;
    private boolean announceOnEnd;
    private boolean withResult;
    private boolean clientGone;

    /**
     * @param toolsListChanged whether the client asked for {@code notifications/tools/list_changed}
     * @param visible the tools the caller may see now
     */
    ToolListSubscription(Caller caller, Object id, boolean toolsListChanged, List<ExposedTool> visible,
            JsonMapper mapper, Map<String, Object> serverInfo) {
        this.caller = caller;
        this.id = id;
        this.toolsListChanged = toolsListChanged;
        this.seen = visible;
        this.mapper = mapper;
        this.serverInfo = serverInfo;
    }

    Caller caller() {
        return caller;
    }

    /** The gateway's tools are now {@code all}: the client is told if those its caller may see changed. */
    void catalogChanged(List<ExposedTool> all) {
        List<ExposedTool> visible = ToolCatalog.visibleTo(caller, all);
        lock.lock();
        try {
            if (!visible.equals(seen)) {
                seen = visible;
                changePending |= toolsListChanged;
                changed.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends the stream: with its result when {@code graceful} (the gateway stops), else without it, so that the client
     * subscribes again; after a list change notification when {@code listMayChange} (the gateway is replaced by one of
     * another configuration) and the client asked for them.
     */
    void end(boolean listMayChange, boolean graceful) {
        lock.lock();
        try {
            if (!ended) {
                ended = true;
                announceOnEnd = listMayChange && toolsListChanged;
                withResult = graceful;
                changed.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The client closed its connection: the subscription ends (its cancellation), with nothing more written. */
    void clientGone() {
        lock.lock();
        try {
            ended = true;
            clientGone = true;
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes the stream to {@code out} on the calling thread until it is ended; a client gone fails a write.
     *
     * @throws IOException when the client is gone (its disconnect ends the subscription, as the revision says)
     */
    void serve(OutputStream out, Duration keepAlive) throws IOException, InterruptedException {
        EventStream.write(out, acknowledgement());
        long keepAliveNanos = keepAlive.toNanos();
        while (true) {
            boolean announce;
            boolean end;
            boolean result;
            lock.lock();
            try {
                long silence = keepAliveNanos;
                while (!changePending && !ended && silence > 0) {
                    silence = changed.awaitNanos(silence);
                }
                if (clientGone) {
                    return;
                }
                announce = changePending || ended && announceOnEnd;
                end = ended;
                result = withResult;
                changePending = false;
            } finally {
                lock.unlock();
            }
            if (announce) {
                EventStream.write(out, message("notifications/tools/list_changed", Map.of()));
            }
            if (end) {
                if (result) {
                    EventStream.write(out, result());
                }
                return;
            }
            if (!announce) {
                EventStream.keepAlive(out);
            }
        }
    }

    /** The first message: which of the notifications asked for the gateway sends (of tools only: it has no other). */
    private byte[] acknowledgement() {
        return message("notifications/subscriptions/acknowledged", Map.of("notifications",
                toolsListChanged ? Map.of("toolsListChanged", true) : Map.of()));
    }

    private byte[] message(String method, Map<String, Object> members) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("_meta", Map.of(SUBSCRIPTION_ID, id));
        params.putAll(members);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("jsonrpc", "2.0");
        message.put("method", method);
        message.put("params", params);
        return mapper.writeValueAsBytes(message);
    }

    private byte[] result() {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put(SUBSCRIPTION_ID, id);
        meta.put(ModernRequests.SERVER_INFO, serverInfo);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("resultType", "complete");
        result.put("_meta", meta);
        return mapper.writeValueAsBytes(JsonRpc.result(id, result));
    }
}
