package io.mcpgateway.mcpkit;

import java.io.IOException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.jetty.ee10.servlet.FilterHolder;

import io.javalin.config.JavalinConfig;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * Hides from Javalin the headers that ask for what our servers do not offer and that Javalin acts on all the same, so
 * that such a request is served as the plain HTTP request it also is, through every route's checks, as servers that
 * do not offer them ignore them:
 * <ul>
 * <li>{@code X-HTTP-Method-Override}, which Javalin takes for the request's method: a GET, HEAD, PUT or DELETE carrying
 * {@code X-HTTP-Method-Override: POST} ran the POST routes (tool calls, a configuration reload), past any proxy rule
 * that allows only some methods, and was logged as a POST;
 * <li>{@code Sec-WebSocket-Version}, which sends a request down Javalin's WebSocket upgrade instead: no route here is
 * a WebSocket, so each was a 404 made before any handler ran (no Host or Origin check, no access line, no metrics),
 * and each left an HTTP session in memory for half an hour.
 * </ul>
 */
public final class IgnoredHeaders implements Filter {

    static final String METHOD_OVERRIDE = "X-HTTP-Method-Override";
    static final String WEBSOCKET_VERSION = "Sec-WebSocket-Version";
    private static final Set<String> HIDDEN = caseInsensitive(METHOD_OVERRIDE, WEBSOCKET_VERSION);

    /** Installs the filter in front of every route of {@code config}'s server. */
    public static void enable(JavalinConfig config) {
        config.jetty.modifyServletContextHandler(handler -> handler.addFilter(new FilterHolder(new IgnoredHeaders()),
                "/*", EnumSet.of(DispatcherType.REQUEST)));
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http
                && (http.getHeader(METHOD_OVERRIDE) != null || http.getHeader(WEBSOCKET_VERSION) != null)) {
            chain.doFilter(new WithoutHidden(http), response);
            return;
        }
        chain.doFilter(request, response);
    }

    private static Set<String> caseInsensitive(String... names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        Collections.addAll(set, names);
        return Collections.unmodifiableSet(set);
    }

    private static final class WithoutHidden extends HttpServletRequestWrapper {

        WithoutHidden(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return HIDDEN.contains(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HIDDEN.contains(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                    .filter(name -> !HIDDEN.contains(name)).toList());
        }
    }
}
