package io.mcpgateway.gateway.backend.http1;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The bytes of a request: request line, header fields and body in one array, for one write. */
final class Http1Request {

    private Http1Request() {
    }

    static byte[] post(URI uri, Map<String, String> headers, String contentType, String userAgent, byte[] body) {
        StringBuilder head = new StringBuilder(256 + 64 * headers.size());
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        head.append("POST ").append(path);
        if (uri.getRawQuery() != null) {
            head.append('?').append(uri.getRawQuery());
        }
        head.append(" HTTP/1.1\r\n");
        field(head, "Host", uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort());
        field(head, "User-Agent", userAgent);
        field(head, "Content-Type", contentType);
        field(head, "Content-Length", Integer.toString(body.length));
        headers.forEach((name, value) -> field(head, name, value));
        head.append("\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = new byte[start.length + body.length];
        System.arraycopy(start, 0, request, 0, start.length);
        System.arraycopy(body, 0, request, start.length, body.length);
        return request;
    }

    /** Appends one field; a name or value that could end the line early (or is not Latin-1) is refused. */
    private static void field(StringBuilder head, String name, String value) {
        if (name.isEmpty() || !printable(name, false) || !printable(value, true)) {
            throw new IllegalArgumentException("a header field that cannot be sent: " + name);
        }
        head.append(name).append(": ").append(value).append("\r\n");
    }

    private static boolean printable(String text, boolean spaces) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 0xff || c == 0x7f || (c < ' ' && !(spaces && c == '\t')) || (!spaces && (c == ' ' || c == ':'))) {
                return false;
            }
        }
        return true;
    }
}
