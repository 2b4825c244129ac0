package io.mcpgateway.gateway.http;

import java.io.IOException;
import java.util.EnumSet;

import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * Serves a HEAD request as its GET (RFC 9110 §9.3.2: the same status and header fields, without the content). Javalin
 * answers HEAD on a path with a GET route by itself, with an empty 200 and without running the route, so its
 * authentication and its 404s and 405s were skipped: a HEAD of a protected or unknown path said 200. Jetty, which
 * still sees the HEAD, leaves the body out.
 */
public final class HeadAsGet implements Filter {

    /** Set on a HEAD request served as its GET, so logs and metrics still say HEAD. */
    private static final String HEAD_ATTRIBUTE = "gateway.head";

    public static void enable(JavalinConfig config) {
        config.jetty.modifyServletContextHandler(HeadAsGet::install);
    }

    /** The request's method as the client sent it: HEAD for a HEAD served as its GET. */
    public static String method(Context ctx) {
        return ctx.attribute(HEAD_ATTRIBUTE) != null ? "HEAD" : ctx.method().name();
    }

    private static void install(ServletContextHandler handler) {
        handler.addFilter(new FilterHolder(new HeadAsGet()), "/*", EnumSet.of(DispatcherType.REQUEST));
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && "HEAD".equals(http.getMethod())) {
            http.setAttribute(HEAD_ATTRIBUTE, Boolean.TRUE);
            chain.doFilter(new HttpServletRequestWrapper(http) {
                @Override
                public String getMethod() {
                    return "GET";
                }
            }, response);
            return;
        }
        chain.doFilter(request, response);
    }
}
