package io.mcpgateway.mcpkit;

import java.io.IOException;
import java.util.Collections;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mcpgateway.http.UnreadBody;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** Puts {@link SafeErrorResponse} around every request to the MCP servlet. */
final class SafeErrorFilter implements Filter {

    private static final Logger log = LoggerFactory.getLogger(SafeErrorFilter.class);

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
        RecordingBodyRequest recording = new RecordingBodyRequest((HttpServletRequest) request, maxRequestBytes);
        try {
            String method = ((HttpServletRequest) request).getMethod();
            if (!method.equals("POST") && !method.equals("GET")) {
                // The servlet would answer TRACE by echoing the request's headers (Authorization too) past the Host
                // and Origin checks, OPTIONS with methods it refuses, PATCH with 501: one answer for all, as for GET.
                safe.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
            } else if (coded((HttpServletRequest) request)) {
                safe.sendError(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE);
            } else {
                chain.doFilter(recording, safe);
            }
        } catch (RuntimeException | ServletException e) {
            // Left to Jetty, its error page would show the exception's message (class names included).
            log.error("Request to {} failed", ((HttpServletRequest) request).getRequestURI(), e);
            safe.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        } catch (IOException e) {
            // The body could not be read: the client stopped sending (idle timeout) or closed mid-body. Answered as
            // the SDK answers a body it cannot parse (400, -32700), not with Jetty's page naming the exception. A
            // failed write of an answer lands here too; that client is gone, and nothing more is written to it.
            log.debug("Request to {} could not be read: {}", ((HttpServletRequest) request).getRequestURI(),
                    e.toString());
            safe.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        }
        if (safe.isError()) {
            drainUnreadBody(request, safe, safe.errorStatus(), maxRequestBytes);
        }
        safe.finish(recording.recorded());
    }

    /**
     * Whether the body comes with a content coding, or a transfer coding other than chunked: nothing here decodes
     * them, so a gzip body would be read as garbage and a plain one labelled gzip taken as it is.
     */
    static boolean coded(HttpServletRequest request) {
        // every line: a second one must not slip past a check of the first
        for (String content : Collections.list(request.getHeaders("Content-Encoding"))) {
            if (!content.isBlank() && !content.strip().equalsIgnoreCase("identity")) {
                return true;
            }
        }
        for (String transfer : Collections.list(request.getHeaders("Transfer-Encoding"))) {
            if (!transfer.strip().equalsIgnoreCase("chunked")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A request refused before its body was read leaves that body on the connection, and Jetty then closes the
     * connection after the answer without saying so: a keep-alive client reuses it and finds it closed, and a client
     * still sending a large body never reads the answer. So the body is read and dropped first: all of it for a 413
     * (the client is most likely still sending) up to {@link UnreadBody#LIMIT_FACTOR} times the limit, only what has
     * already arrived for other refusals (a wrong Host or Origin). When more is left, the answer says
     * {@code Connection: close} instead.
     */
    static void drainUnreadBody(ServletRequest request, HttpServletResponse response, int status,
            int maxRequestBytes) {
        long limit = (long) maxRequestBytes * UnreadBody.LIMIT_FACTOR;
        boolean hasBody = request.getContentLengthLong() > 0
                || ((HttpServletRequest) request).getHeader("Transfer-Encoding") != null;
        if (!hasBody) {
            return; // a GET or DELETE refused with 405: nothing on the connection, which stays open
        }
        if (!RefusedServletBody.drop(request, limit, status == 413)) {
            response.setHeader("Connection", "close");
        }
    }
}
