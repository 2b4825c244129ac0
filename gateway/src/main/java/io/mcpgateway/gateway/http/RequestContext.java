package io.mcpgateway.gateway.http;

import org.slf4j.MDC;

import io.javalin.http.Context;
import io.mcpgateway.gateway.error.GatewayException;
import io.mcpgateway.text.RequestIds;
import io.mcpgateway.text.TraceContext;

/**
 * The request id and start time of each request: an incoming {@code X-Request-ID} is echoed when it is a sensible
 * token, otherwise a new one is made; it goes on every response and in the MDC of every log line of the request, with
 * the caller's W3C trace context ({@link TraceContext}), which the backend calls send on.
 */
public final class RequestContext {

    public static final String HEADER = RequestIds.HEADER;
    public static final String MDC_KEY = RequestIds.MDC_KEY;

    private static final String ID_ATTRIBUTE = "gateway.requestId";
    private static final String START_ATTRIBUTE = "gateway.startNanos";
    private static final String TRACE_ATTRIBUTE = "gateway.traceId";

    private RequestContext() {
    }

    /** Before-handler: assigns the id, starts the clock. */
    public static void begin(Context ctx) {
        String id = RequestIds.acceptOrCreate(ctx.header(HEADER));
        ctx.attribute(ID_ATTRIBUTE, id);
        ctx.attribute(START_ATTRIBUTE, System.nanoTime());
        ctx.header(HEADER, id);
        MDC.put(MDC_KEY, id);
        if (ctx.header(TraceContext.TRACEPARENT) != null) {
            // every line: a traceparent given twice is no context (joined, it is not well-formed)
            TraceContext.enter(HeaderLines.joined(ctx, TraceContext.TRACEPARENT),
                    HeaderLines.joined(ctx, TraceContext.TRACESTATE));
            ctx.attribute(TRACE_ATTRIBUTE, MDC.get(TraceContext.TRACE_ID));
        }
    }

    /** After-handler: the thread may serve another request next. */
    public static void end(Context ctx) {
        MDC.remove(MDC_KEY);
        TraceContext.leave();
    }

    private static final String FACTS_ATTRIBUTE = "gateway.logFacts";
    /** The note of the status a failed tool call inside a 200 stands for. */
    public static final String ERROR_STATUS = "error_status";
    /** The note of a refusal's code ({@code NOT_FOUND}, ...). */
    public static final String ERROR_CODE = "error_code";
    private static final String BATCH_REFUSALS_ATTRIBUTE = "gateway.batchRefusals";
    private static final String ROUTE_ATTRIBUTE = "gateway.route";

    /**
     * Counts the request under {@code route} instead of its endpoint's path, in its access line and meters: a stream
     * that lasts minutes, apart from the quick requests of the same path, whose timings it would swamp; a 405, which
     * no endpoint served, under its path's route.
     */
    public static void countAs(Context ctx, String route) {
        ctx.attribute(ROUTE_ATTRIBUTE, route);
    }

    /** The route {@link #countAs} gave the request; null when none. */
    public static String countedAs(Context ctx) {
        return ctx.attribute(ROUTE_ATTRIBUTE);
    }

    /** Notes a refusal's type and code, which the access log, the status page and recent requests count. */
    public static void noteRefusal(Context ctx, GatewayException refusal) {
        note(ctx, "error_type", refusal.type());
        note(ctx, ERROR_CODE, refusal.code());
    }

    /**
     * Notes a tool call that failed inside an answer of status 200 (an MCP tool error the gateway made: the backend
     * down, its breaker open, the arguments refused): its type, code and the status it stands for
     * ({@code error_status}), so the access log, the metrics and the status page count it as the failure it is.
     */
    public static void noteToolFailure(Context ctx, GatewayException failure) {
        String noted = notes(ctx).get(ERROR_STATUS);
        if (noted != null && Integer.parseInt(noted) >= failure.status()) {
            return; // a batch's calls: the most severe failure stands for it (a 503 before a 400)
        }
        noteRefusal(ctx, failure);
        note(ctx, ERROR_STATUS, Integer.toString(failure.status()));
    }

    /**
     * The status a request stands for: {@code error_status} when a tool call of it failed inside an answer that
     * is no error itself, else its own.
     */
    public static int outcomeStatus(java.util.Map<String, String> notes, int status) {
        String noted = notes.get(ERROR_STATUS);
        return noted == null || status >= 400 ? status : Integer.parseInt(noted);
    }

    /**
     * Notes a refusal of one message of a batch (a rate limit's): the request itself succeeds, so its status does
     * not show it, and the security events record it from this note.
     */
    public static void noteBatchRefusal(Context ctx, GatewayException refusal) {
        java.util.List<GatewayException> refusals = ctx.attribute(BATCH_REFUSALS_ATTRIBUTE);
        if (refusals == null) {
            refusals = new java.util.ArrayList<>();
            ctx.attribute(BATCH_REFUSALS_ATTRIBUTE, refusals);
        }
        refusals.add(refusal);
    }

    /** The refusals of messages of a batch, in their order. */
    public static java.util.List<GatewayException> batchRefusals(Context ctx) {
        java.util.List<GatewayException> refusals = ctx.attribute(BATCH_REFUSALS_ATTRIBUTE);
        return refusals == null ? java.util.List.of() : refusals;
    }

    /**
     * Notes the backend and tool the request is for, once it reaches the tool (its arguments passed, or its answer
     * came from the cache): the access log counts such requests as calls of the backend unless the cache answered.
     */
    public static void noteTool(Context ctx, String backend, String tool) {
        note(ctx, "backend", backend);
        note(ctx, "tool", tool);
    }

    /**
     * Records a fact about this request for its access log line (for example {@code backend}, {@code backend_ms},
     * {@code error_type}); the line is written when the request ends.
     */
    public static void note(Context ctx, String key, String value) {
        java.util.Map<String, String> facts = ctx.attribute(FACTS_ATTRIBUTE);
        if (facts == null) {
            facts = new java.util.LinkedHashMap<>();
            ctx.attribute(FACTS_ATTRIBUTE, facts);
        }
        facts.put(key, value);
    }

    /** The facts noted about this request, in the order noted. */
    public static java.util.Map<String, String> notes(Context ctx) {
        java.util.Map<String, String> facts = ctx.attribute(FACTS_ATTRIBUTE);
        return facts == null ? java.util.Map.of() : facts;
    }

    public static String id(Context ctx) {
        String id = ctx.attribute(ID_ATTRIBUTE);
        return id == null ? "unknown" : id;
    }

    /** The trace id of the caller's well-formed {@code traceparent}, or null. */
    public static String traceId(Context ctx) {
        return ctx.attribute(TRACE_ATTRIBUTE);
    }

    /** Milliseconds since the request began, with microsecond precision. */
    public static double elapsedMillis(Context ctx) {
        Long start = ctx.attribute(START_ATTRIBUTE);
        return start == null ? 0 : Math.round((System.nanoTime() - start) / 1_000.0) / 1_000.0;
    }
}
