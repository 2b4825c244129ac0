package io.mcpgateway.gateway.mcp;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.javalin.http.Context;
import io.mcpgateway.gateway.auth.AuthFailure;
import io.mcpgateway.gateway.auth.BearerAuthenticator;
import io.mcpgateway.gateway.auth.Caller;
import io.mcpgateway.gateway.config.McpEndpointSettings;
import io.mcpgateway.gateway.error.GatewayException;
import io.mcpgateway.gateway.http.ClientHangUp;
import io.mcpgateway.gateway.http.HeaderLines;
import io.mcpgateway.gateway.http.InFlightRequests;
import io.mcpgateway.gateway.http.RequestContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code subscriptions/listen} streams of MCP 2026-07-28 open on {@code /mcp}: the way a client of that revision
 * hears that the tools it may see changed (a backend's listing changed, a tool was held or released by its pin). One
 * thread looks at the catalog every {@link #CHECK_EVERY} while streams are open, and tells each stream whose caller's
 * tools differ from what it last saw; the catalog is the same few tools every request reads, and an unchanged tool is
 * the same object from one listing to the next, so a look costs next to nothing. Streams are bounded in all and per
 * caller, end when their caller's token expires or a reload replaces the gateway (without their result, so that the
 * client subscribes again) and end with their result when the gateway stops. A stream is a request that lasts: it is
 * not counted among the requests in flight, and its access line and timings are under a route of its own.
 */
final class ToolListSubscriptions {

    static final String METHOD = "subscriptions/listen";
    /** The route a stream's access line and timings are counted under, apart from /mcp's requests. */
    static final String ROUTE = McpRoutes.PATH + " " + METHOD;
    /** How soon a change is told, at the latest: the catalog changes at listings, minutes apart. */
    static final Duration CHECK_EVERY = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(ToolListSubscriptions.class);
    private static final Set<String> FLAGS = Set.of("toolsListChanged", "promptsListChanged", "resourcesListChanged");

    private final ToolCatalog catalog;
    private final McpEndpointSettings settings;
    private final JsonMapper mapper;
    private final Map<String, Object> serverInfo;
    private final Clock clock;
    private final Set<ToolListSubscription> open = ConcurrentHashMap.newKeySet();
    /** Guards the counts, which admit or refuse a stream before it is open. */
    private final ReentrantLock admission = new ReentrantLock();
    private final Map<String, Integer> heldByCaller = new HashMap<>();
    private int held;
    /** Started with the first stream (a gateway whose start fails, or that no client subscribes to, has none). */
    private ScheduledExecutorService checker;
    private volatile boolean closed;
    /** Whether the streams were ended because a reload replaced the gateway (set before {@link #closed}). */
    private volatile boolean replaced;

    ToolListSubscriptions(ToolCatalog catalog, McpEndpointSettings settings, JsonMapper mapper,
            Map<String, Object> serverInfo, Clock clock) {
        this.catalog = catalog;
        this.settings = settings;
        this.mapper = mapper;
        this.serverInfo = serverInfo;
        this.clock = clock;
    }

    /** Whether {@code subscriptions/listen} is offered ({@code mcp.max_subscriptions} above 0). */
    boolean offered() {
        return settings.maxSubscriptions() > 0;
    }

    /**
     * Serves a {@code subscriptions/listen} request whose {@code _meta} and headers passed, as an event stream on the
     * calling thread until it ends; or answers null at once with the JSON-RPC error of params that are not a
     * notification filter, or of a client that reads no event stream.
     *
     * @throws GatewayException.RateLimit when the caller holds {@code mcp.max_subscriptions_per_caller} streams
     * @throws GatewayException.ServiceUnavailable when the gateway holds {@code mcp.max_subscriptions}, or stops
     */
    Map<String, Object> listen(Context ctx, McpMessage request, Caller caller) {
        Object filter = request.params() instanceof Map<?, ?> params ? params.get("notifications") : null;
        String problem = filterProblem(filter);
        if (problem != null) {
            return JsonRpc.error(request.id(), JsonRpc.INVALID_PARAMS, problem);
        }
        if (!McpAccept.listsEventStream(HeaderLines.joined(ctx, "Accept"))) {
            return JsonRpc.error(request.id(), JsonRpc.INVALID_REQUEST, METHOD + " answers with an event stream:"
                    + " send Accept: application/json, text/event-stream");
        }
        Instant expires = caller.expiresAt();
        if (expires != null && !clock.instant().isBefore(expires)) {
            // taken within the verifier's leeway, but a stream lasts as long as its token: it would end at once
            throw BearerAuthenticator.refusal(AuthFailure.EXPIRED, "a subscription needs a token that has not");
        }
        admit(caller);
        try {
            boolean tools = Boolean.TRUE.equals(((Map<?, ?>) filter).get("toolsListChanged"));
            ToolListSubscription subscription = new ToolListSubscription(caller, request.id(), tools,
                    catalog.visibleTo(caller), mapper, serverInfo);
            open.add(subscription);
            try {
                if (closed) { // closed while it was admitted: endAll may not have seen it
                    subscription.end(replaced, !replaced);
                }
                serve(ctx, subscription);
            } finally {
                open.remove(subscription);
            }
        } finally {
            release(caller);
        }
        return null;
    }

    private void serve(Context ctx, ToolListSubscription subscription) {
        RequestContext.countAs(ctx, ROUTE);
        InFlightRequests.lasting(ctx);
        EventStream.begin(ctx);
        // a stream's end is the connection's: a client subscribing again comes on a new one, to the gateway serving
        // then (after a reload, not the one it replaced)
        ctx.header("Connection", "close");
        // a client's hang-up is its cancellation: noticed at once, not at the second keep-alive written after it
        try (ClientHangUp.Watching watching = ClientHangUp.onHangUp(ctx, subscription::clientGone)) {
            OutputStream out = ctx.res().getOutputStream();
            subscription.serve(out, settings.keepAlive());
        } catch (IOException e) {
            log.debug("A subscription's client is gone: {}", e.toString()); // the revision's cancellation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Why {@code filter} is no notification filter of the revision; null when it is one. */
    private static String filterProblem(Object filter) {
        if (!(filter instanceof Map<?, ?> members)) {
            return "params.notifications must be an object: the notifications to send, such as"
                    + " {\"toolsListChanged\": true}";
        }
        for (String flag : FLAGS) {
            if (members.containsKey(flag) && !(members.get(flag) instanceof Boolean)) {
                return "params.notifications." + flag + " must be true or false";
            }
        }
        Object uris = members.get("resourceSubscriptions");
        if (members.containsKey("resourceSubscriptions")
                && !(uris instanceof List<?> list && list.stream().allMatch(String.class::isInstance))) {
            return "params.notifications.resourceSubscriptions must be a list of strings";
        }
        return null;
    }

    private void admit(Caller caller) {
        admission.lock();
        try {
            if (closed) { // this connection closes: the next one reaches the gateway serving now, if any
                throw new GatewayException.ServiceUnavailable("SHUTTING_DOWN", "This gateway is being replaced or"
                        + " stopped: subscribe again", Map.of(), Duration.ofSeconds(1));
            }
            if (held >= settings.maxSubscriptions()) {
                throw new GatewayException.ServiceUnavailable("SUBSCRIPTIONS_FULL", "The gateway holds as many"
                        + " subscription streams as it may (" + settings.maxSubscriptions() + ")",
                        Map.of("max_subscriptions", settings.maxSubscriptions()), settings.keepAlive());
            }
            int mine = heldByCaller.getOrDefault(caller.id(), 0);
            if (mine >= settings.maxSubscriptionsPerCaller()) {
                // a stream whose client left is noticed at its next keep-alive, which frees its place
                throw new GatewayException.RateLimit("TOO_MANY_SUBSCRIPTIONS", "This caller holds as many"
                        + " subscription streams as one may (" + settings.maxSubscriptionsPerCaller() + ")",
                        Map.of("max_subscriptions_per_caller", settings.maxSubscriptionsPerCaller()),
                        settings.keepAlive());
            }
            heldByCaller.put(caller.id(), mine + 1);
            held++;
            if (checker == null) {
                checker = Executors.newSingleThreadScheduledExecutor(
                        Thread.ofPlatform().name("mcp-subscriptions").daemon().factory());
                checker.scheduleWithFixedDelay(this::check, CHECK_EVERY.toMillis(), CHECK_EVERY.toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        } finally {
            admission.unlock();
        }
    }

    private void release(Caller caller) {
        admission.lock();
        try {
            heldByCaller.computeIfPresent(caller.id(), (id, count) -> count == 1 ? null : count - 1);
            held--;
        } finally {
            admission.unlock();
        }
    }

    /** How many streams are open now. */
    int openCount() {
        return open.size();
    }

    /** The checker's look: streams whose caller's token expired end; the others hear of a changed catalog. */
    private void check() {
        try {
            if (open.isEmpty()) {
                return;
            }
            // each stream compares with what it saw itself: one opened while the catalog changed cannot miss it
            List<ExposedTool> all = catalog.all();
            Instant now = clock.instant();
            for (ToolListSubscription subscription : open) {
                Instant expires = subscription.caller().expiresAt();
                if (expires != null && !now.isBefore(expires)) {
                    subscription.end(false, false); // the client subscribes again, with a fresh token
                } else {
                    subscription.catalogChanged(all);
                }
            }
        } catch (RuntimeException e) { // a scheduled task that throws is never run again
            log.warn("Looking for tool list changes for subscriptions failed", e);
        }
    }

    /**
     * Ends every stream, and refuses new ones from now on.
     *
     * @param replaced the gateway is replaced by one of another configuration, whose tools may differ: the streams
     *     that asked for list changes are told of one, and all end without their result so that their clients
     *     subscribe again (to the new gateway); else the gateway stops, and they end with it
     */
    void endAll(boolean replaced) {
        admission.lock();
        try {
            this.replaced = replaced;
            closed = true; // under the lock: no stream is admitted, nor the checker started, after this
            if (checker != null) {
                checker.shutdownNow();
            }
        } finally {
            admission.unlock();
        }
        open.forEach(subscription -> subscription.end(replaced, !replaced));
    }
}
