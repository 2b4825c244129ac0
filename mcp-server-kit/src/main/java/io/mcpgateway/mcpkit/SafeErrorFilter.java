package io.mcpgateway.mcpkit;

import java.io.IOException;


import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
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
        if (safe.isError()) {
            drainUnreadBody(request, safe);
        }
        safe.finish();
    }

    /**
     * A request refused before its body was read (a wrong Host or Origin) leaves that body on the connection, and
     * Jetty then closes the connection after the answer without saying so: a keep-alive client reuses it and finds
     * it closed. So the part of the body that has arrived is read, which keeps the connection usable; when more is
     * still to come, the answer says {@code Connection: close} instead of waiting for it.
     */
    private void drainUnreadBody(ServletRequest request, HttpServletResponse response) {
        try {
            ServletInputStream in = request.getInputStream();
            byte[] buffer = new byte[8192];
            long read = 0;
            while (!in.isFinished() && in.available() > 0 && read <= maxRequestBytes) {
                int n = in.read(buffer, 0, Math.min(buffer.length, in.available()));
                if (n < 0) {
                    return;
                }
                read += n;
            }
            if (!in.isFinished()) {
                response.setHeader("Connection", "close");
            }
        } catch (IllegalStateException e) {
            // the body was read as characters (getReader): nothing is left on the connection
        } catch (IOException e) {
            response.setHeader("Connection", "close");
        }
    }
}
