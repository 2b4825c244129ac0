package io.mcpgateway.gateway.http;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import io.javalin.http.Context;
import io.mcpgateway.gateway.metrics.Rounding;

/**
 * The requests being served, so that a stop whose timeout cuts some off can say which: such a request gets no
 * access-log line, its handler being still at work when the process ends.
 */
public final class InFlightRequests {

    private static final String KEY_ATTRIBUTE = "gateway.inFlight";

    private record Running(String id, String method, String path, long startNanos) {
    }

    /** A request's key in the map (its ids are the client's and may repeat); a lasting one is not counted. */
    private static final class Key {
        private volatile boolean lasting;
    }

    private final Map<Key, Running> running = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    public InFlightRequests() {
        this(System::nanoTime);
    }

    InFlightRequests(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Before-handler, after {@link RequestContext#begin}: the request is running. */
    public void begin(Context ctx) {
        Key key = new Key();
        ctx.attribute(KEY_ATTRIBUTE, key);
        running.put(key, new Running(RequestContext.id(ctx), HeadAsGet.method(ctx), ctx.path(), nanoTime.getAsLong()));
    }

    /** When its access-log line is written: the request has ended. */
    public void end(Context ctx) {
        Object key = ctx.attribute(KEY_ATTRIBUTE);
        if (key != null) {
            running.remove(key);
        }
    }

    /**
     * Marks the request as one that lasts by design (a subscription's event stream, open for as long as its client
     * listens): {@link #count} leaves it out, so that requests in flight stay a measure of load and of stuck calls.
     */
    public static void lasting(Context ctx) {
        if (ctx.attribute(KEY_ATTRIBUTE) instanceof Key key) {
            key.lasting = true;
        }
    }

    /** How many requests are running now, the lasting ones aside. */
    public int count() {
        return (int) running.keySet().stream().filter(key -> !key.lasting).count();
    }

    /** At most {@code limit} requests still running, longest first: "POST /mcp (request 1f2e..., for 31.2 s)". */
    public List<String> describe(int limit) {
        long now = nanoTime.getAsLong();
        return running.values().stream()
                .sorted(Comparator.comparingLong(Running::startNanos))
                .limit(limit)
                .map(r -> r.method() + " " + r.path() + " (request " + r.id() + ", for "
                        + Rounding.decimals((now - r.startNanos()) / 1e9, 1) + " s)")
                .toList();
    }
}
