package io.mcpgateway.mcpkit;

import java.io.IOException;
import java.util.Collections;

import org.slf4j.MDC;

import io.mcpgateway.text.RequestIds;
import io.mcpgateway.text.TraceContext;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Gives every request an id (MCP's and those of the server's pages): the caller's {@code X-Request-ID} when it is a
 * sensible token (the gateway sends the id of the request it is serving), else a new one. The answer carries it and
 * the request's log lines have it in their MDC, so one call can be followed from the gateway's log into the server's;
 * so do the trace id and span of a W3C {@code traceparent} the request carries ({@link TraceContext}).
 */
final class RequestIdFilter implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        String id = RequestIds.acceptOrCreate(http.getHeader(RequestIds.HEADER));
        ((HttpServletResponse) response).setHeader(RequestIds.HEADER, id);
        MDC.put(RequestIds.MDC_KEY, id);
        if (http.getHeader(TraceContext.TRACEPARENT) != null) {
            // every line (one given twice is no context); for the log only: a server sends nothing on, so it has no
            // use for a tracestate
            TraceContext.enter(String.join(",", Collections.list(http.getHeaders(TraceContext.TRACEPARENT))), null);
        }
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
            TraceContext.leave();
        }
    }
}
