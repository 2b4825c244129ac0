package io.mcpgateway.mcpkit;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** Puts {@link SafeErrorResponse} around every request to the MCP servlet. */
final class SafeErrorFilter implements Filter {

    private final JsonMapper mapper;
    private final int maxRequestBytes;

    SafeErrorFilter(JsonMapper mapper, int maxRequestBytes) {
        this.mapper = mapper;
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        SafeErrorResponse safe = new SafeErrorResponse((HttpServletResponse) response, mapper, maxRequestBytes);
        chain.doFilter(request, safe);
        safe.finish();
    }
}
