package io.mcpgateway.gateway.http;

import java.io.IOException;
import java.util.EnumSet;

import org.eclipse.jetty.ee10.servlet.FilterHolder;

import io.javalin.config.JavalinConfig;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Keeps every {@code Vary} an answer is given: each part of the gateway names what its answer varies with
 * ({@code Accept-Encoding} for all, {@code Origin} for the CORS plugin, {@code Host} for the protected resource
 * metadata), and a later {@code setHeader} replaced the earlier ones, so a shared cache could hand a gzipped copy to a
 * browser that cannot read it. Here setting a {@code Vary} adds the names it does not hold yet.
 */
public final class VaryList implements Filter {

    public static void enable(JavalinConfig config) {
        config.jetty.modifyServletContextHandler(handler -> handler.addFilter(new FilterHolder(new VaryList()), "/*",
                EnumSet.of(DispatcherType.REQUEST)));
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(request, response instanceof HttpServletResponse http ? new Merging(http) : response);
    }

    private static final class Merging extends HttpServletResponseWrapper {

        Merging(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setHeader(String name, String value) {
            if (!addedToVary(name, value)) {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (!addedToVary(name, value)) {
                super.addHeader(name, value);
            }
        }

        /** Adds a {@code Vary} value's names; false for any other header, left to the caller. */
        private boolean addedToVary(String name, String value) {
            if (!"Vary".equalsIgnoreCase(name) || value == null) {
                return false;
            }
            add(value);
            return true;
        }

        private void add(String value) {
            for (String field : value.split(",")) {
                String name = field.strip();
                if (!name.isEmpty() && !holds(name)) {
                    super.addHeader("Vary", name);
                }
            }
        }

        private boolean holds(String name) {
            for (String line : getHeaders("Vary")) {
                for (String held : line.split(",")) {
                    if (held.strip().equalsIgnoreCase(name) || held.strip().equals("*")) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
