package io.mcpgateway.mcpkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Wraps the MCP transport's response so that its error answers are JSON-RPC error objects with safe messages.
 *
 * <p>The SDK's servlet sends some errors as container error pages ({@code sendError}) and puts exception messages into
 * 500 bodies ({@code "Failed to handle request: " + e.getMessage()}); either could reveal internals. Status codes of
 * 500 and above and every {@code sendError} are therefore captured here, the SDK's body is discarded, and
 * {@link #finish()} writes a fixed message for the status instead.
 */
final class SafeErrorResponse extends HttpServletResponseWrapper {

    private final int maxRequestBytes;
    private int capturedStatus;

    SafeErrorResponse(HttpServletResponse response, int maxRequestBytes) {
        super(response);
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public void setStatus(int sc) {
        super.setStatus(sc);
        if (sc >= 500) {
            capturedStatus = sc;
        }
    }

    @Override
    public void sendError(int sc, String msg) {
        capture(sc);
    }

    @Override
    public void sendError(int sc) {
        capture(sc);
    }

    private void capture(int sc) {
        super.setStatus(sc);
        capturedStatus = sc;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (capturedStatus != 0) {
            return new PrintWriter(new OutputStreamWriter(OutputStream.nullOutputStream(), StandardCharsets.UTF_8));
        }
        return super.getWriter();
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (capturedStatus != 0) {
            return new DiscardingOutputStream();
        }
        return super.getOutputStream();
    }

    /** Writes the safe error body when an error was captured. */
    void finish() throws IOException {
        if (capturedStatus == 0) {
            return;
        }
        HttpServletResponse response = (HttpServletResponse) getResponse();
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(capturedStatus);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        int code = capturedStatus >= 500 ? -32603 : -32600;
        String body = "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":" + code + ",\"message\":\""
                + messageFor(capturedStatus) + "\"}}";
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    private String messageFor(int status) {
        return switch (status) {
            case 403 -> "Origin not allowed";
            case 404 -> "Not found: the MCP endpoint is /mcp";
            case 405 -> "Method not allowed: this stateless MCP endpoint accepts POST only";
            case 413 -> "Request body too large: the limit is " + maxRequestBytes + " bytes";
            case 421 -> "Host not allowed";
            case 503 -> "Server is shutting down";
            default -> status >= 500 ? "Internal error" : "Request rejected";
        };
    }

    private static final class DiscardingOutputStream extends ServletOutputStream {
        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            // writes complete at once; nothing to notify
        }

        @Override
        public void write(int b) {
            // discarded: the safe body replaces it
        }
    }
}
