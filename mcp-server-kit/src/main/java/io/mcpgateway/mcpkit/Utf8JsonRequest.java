package io.mcpgateway.mcpkit;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request whose body is read as UTF-8 whatever charset its Content-Type names: JSON between systems is UTF-8, and
 * application/json defines no charset parameter, which "has no effect on compliant recipients" (RFC 8259, sections
 * 8.1 and 11). The SDK decodes the body with {@link #getCharacterEncoding()} (as a label's charset the checked bytes
 * would reach the tool changed), and Jetty's {@code getContentType()} throws for a charset it does not know (a 500
 * naming the exception's class); this gives both what the client sent, the label as it came. Its {@code Accept} is
 * in lower case: media types are case-insensitive (RFC 9110 §8.3.1), the SDK's check of them is not.
 */
final class Utf8JsonRequest extends HttpServletRequestWrapper {

    Utf8JsonRequest(HttpServletRequest request) {
        super(request);
    }

    @Override
    public String getHeader(String name) {
        String value = super.getHeader(name);
        return value != null && name.equalsIgnoreCase("Accept") ? value.toLowerCase(Locale.ROOT) : value;
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
