package io.mcpgateway.gateway.http;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Objects;
import java.util.function.BiConsumer;

import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.util.Attributes;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

/**
 * Runs what follows every request once it ends (its access-log line, its metrics, its leaving the in-flight list),
 * however it ends. Javalin's request logger runs only after the answer was written whole: an answer whose client went
 * away mid-way (a reset, a timeout) was never logged nor counted, and stayed "in flight" for the life of the process.
 * The logger still does it in the usual case; this servlet filter around Javalin
 * does it for the rest, once the request is over.
 */
public final class RequestEnd implements Filter {

    private static final String CONTEXT_ATTRIBUTE = "gateway.requestEnd.context";
    private static final String START_ATTRIBUTE = "gateway.requestEnd.start";
    private static final String ENDED_ATTRIBUTE = "gateway.requestEnd.ended";

    private final BiConsumer<Context, Float> onEnd;

    private RequestEnd(BiConsumer<Context, Float> onEnd) {
        this.onEnd = Objects.requireNonNull(onEnd, "onEnd");
    }

    /**
     * Calls {@code onEnd} with each request the router took and its duration in milliseconds, once. Enable it before
     * the other before-handlers that {@code onEnd} depends on end: its own runs first.
     */
    public static void enable(JavalinConfig config, BiConsumer<Context, Float> onEnd) {
        RequestEnd requestEnd = new RequestEnd(onEnd);
        config.routes.before(RequestEnd::begin);
        config.requestLogger.http(requestEnd::end);
        config.jetty.modifyServletContextHandler(handler -> handler.addFilter(new FilterHolder(requestEnd), "/*",
                EnumSet.of(DispatcherType.REQUEST)));
    }

    /** Whether the router took {@code request}: then its end is recorded here, whatever else answers it. */
    public static boolean took(Attributes request) {
        return request.getAttribute(CONTEXT_ATTRIBUTE) != null;
    }

    private static void begin(Context ctx) {
        ctx.attribute(CONTEXT_ATTRIBUTE, ctx);
        ctx.attribute(START_ATTRIBUTE, System.nanoTime());
    }

    private void end(Context ctx, Float millis) {
        if (ctx.attribute(ENDED_ATTRIBUTE) == null) {
            ctx.attribute(ENDED_ATTRIBUTE, Boolean.TRUE);
            onEnd.accept(ctx, millis);
        }
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } finally {
            if (request.getAttribute(CONTEXT_ATTRIBUTE) instanceof Context ctx
                    && request.getAttribute(START_ATTRIBUTE) instanceof Long start) {
                end(ctx, (System.nanoTime() - start) / 1_000_000f);
            }
        }
    }
}
