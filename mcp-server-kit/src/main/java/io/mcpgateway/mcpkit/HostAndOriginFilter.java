package io.mcpgateway.mcpkit;

import java.io.IOException;
import java.util.List;

import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import io.modelcontextprotocol.spec.McpSchema.ErrorCodes;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses a request to {@code /mcp} whose Host (421) or Origin (403) is not allowed, whatever its method and before
 * any other check, as MCP 2025-11-25 requires of an invalid Origin: the SDK checks POSTs only, and after the protocol
 * version, so a GET from a foreign page got 405 and a bad version 400.
 */
final class HostAndOriginFilter implements Filter {

    private final ServerTransportSecurityValidator hostAndOrigin;
    private final JsonMapper mapper;
    private final int maxRequestBytes;

    HostAndOriginFilter(ServerTransportSecurityValidator hostAndOrigin, JsonMapper mapper, int maxRequestBytes) {
        this.hostAndOrigin = hostAndOrigin;
        this.mapper = mapper;
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            HostAndOrigin.check(hostAndOrigin, List.of("Host", "Origin"), (HttpServletRequest) request);
        } catch (ServerTransportSecurityException e) {
            HttpServletResponse http = (HttpServletResponse) response;
            http.setStatus(e.getStatusCode());
            SafeErrorFilter.drainUnreadBody(request, http, e.getStatusCode(), maxRequestBytes);
            http.setContentType("application/json");
            SafeErrorResponse.writeBody(http, mapper, SafeErrorResponse.error(ErrorCodes.INVALID_REQUEST,
                    e.getStatusCode() == 421 ? "Host not allowed" : "Origin not allowed"));
            return;
        }
        chain.doFilter(request, response);
    }
}
