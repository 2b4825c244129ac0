package io.mcpgateway.mcpkit;

import java.io.IOException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Enumeration;

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
 * Hides {@code X-HTTP-Method-Override} from Javalin, which takes it for the request's method: a GET, HEAD, PUT or
 * DELETE carrying {@code X-HTTP-Method-Override: POST} ran the POST routes (tool calls, a configuration reload), past
 * any proxy rule that allows only some methods, and was logged as a POST. Requests are routed by the method they were
 * sent with; the header is ignored, as servers that do not offer it do.
 */
public final class NoMethodOverride implements Filter {

    static final String HEADER = "X-HTTP-Method-Override";

    /** Installs the filter in front of every route of {@code config}'s server. */
    public static void enable(JavalinConfig config) {
        config.jetty.modifyServletContextHandler(handler -> handler.addFilter(new FilterHolder(new NoMethodOverride()),
                "/*", EnumSet.of(DispatcherType.REQUEST)));
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && http.getHeader(HEADER) != null) {
            chain.doFilter(new WithoutOverride(http), response);
            return;
        }
        chain.doFilter(request, response);
    }

    private static final class WithoutOverride extends HttpServletRequestWrapper {

        WithoutOverride(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return HEADER.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HEADER.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                    .filter(name -> !HEADER.equalsIgnoreCase(name)).toList());
        }
    }
}
