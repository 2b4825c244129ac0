package io.mcpgateway.mcpkit;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request that keeps a copy of the body its readers take, up to a bound, so that an error answer can tell a body
 * that was not JSON at all (JSON-RPC's parse error) from one that was JSON but not a message. The reader is made over
 * the same recorded stream.
 */
final class RecordingBodyRequest extends HttpServletRequestWrapper {

    private final int limit;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
    private boolean truncated;
    private ServletInputStream stream;

    RecordingBodyRequest(HttpServletRequest request, int limit) {
        super(request);
        this.limit = limit;
    }

    /**
     * The body read so far, or null when nobody read it (a request refused for its headers: its body is unknown, not
     * empty) or it went beyond the bound (then nothing can be said of it).
     */
    byte[] recorded() {
        return truncated || stream == null ? null : copy.toByteArray();
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (stream == null) {
            stream = new RecordingStream(super.getInputStream());
        }
        return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
        String encoding = getCharacterEncoding();
        Charset charset;
        try {
            charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedEncodingException(encoding); // as the container's own reader would
        }
        return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }

    private void record(byte[] bytes, int offset, int length) {
        if (truncated || length <= 0) {
            return;
        }
        if (copy.size() + length > limit) {
            truncated = true;
            copy.reset();
            return;
        }
        copy.write(bytes, offset, length);
    }

    private final class RecordingStream extends ServletInputStream {

        private final ServletInputStream in;

        RecordingStream(ServletInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                record(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            record(b, off, n);
            return n;
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }
    }
}
