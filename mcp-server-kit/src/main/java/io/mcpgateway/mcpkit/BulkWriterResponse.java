package io.mcpgateway.mcpkit;

import java.io.CharArrayWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Collects what the SDK's servlet writes through {@code getWriter()} and sends it as one UTF-8 byte array. Jetty's
 * writer encodes character by character, which took about half the CPU of a large search in a JFR profile of
 * bench/search-server.sh; encoding the finished string at once is far cheaper.
 */
final class BulkWriterResponse extends HttpServletResponseWrapper {

    private CharArrayWriter buffer;

    BulkWriterResponse(HttpServletResponse response) {
        super(response);
    }

    @Override
    public PrintWriter getWriter() {
        if (buffer == null) {
            buffer = new CharArrayWriter(8192);
        }
        return new PrintWriter(buffer);
    }

    /** Sends what was written, if anything, in one piece. */
    void finish() throws IOException {
        if (buffer == null || buffer.size() == 0) {
            return;
        }
        byte[] bytes = new String(buffer.toCharArray()).getBytes(StandardCharsets.UTF_8);
        HttpServletResponse response = (HttpServletResponse) getResponse();
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
