package io.mcpgateway.mcpkit;

import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request whose body is read as UTF-8 whatever charset its Content-Type names: JSON between systems is UTF-8, and
 * application/json defines no charset parameter, which "has no effect on compliant recipients" (RFC 8259, sections
 * 8.1 and 11). The SDK decodes the body with {@link #getCharacterEncoding()} (as a label's charset the checked bytes
 * would reach the tool changed), and Jetty's {@code getContentType()} throws for a charset it does not know (a 500
 * naming the exception's class); this gives both what the client sent, the label as it came.
 */
final class Utf8JsonRequest extends HttpServletRequestWrapper {

    Utf8JsonRequest(HttpServletRequest request) {
        super(request);
    }

    @Override
    public String getContentType() {
        return getHeader("Content-Type");
    }

    @Override
    public String getCharacterEncoding() {
        return StandardCharsets.UTF_8.name();
    }
}
