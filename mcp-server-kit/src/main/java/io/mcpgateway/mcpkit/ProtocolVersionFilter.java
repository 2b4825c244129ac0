package io.mcpgateway.mcpkit;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.mcpgateway.json.JsonCursor;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers 400 to a request whose {@code MCP-Protocol-Version} header names a version this server does not speak, as
 * the Streamable HTTP transport specification requires; the SDK's stateless servlet does not check it. Requests
 * without the header (older clients) pass, and so does an {@code initialize} request whatever its header names: the
 * header is for the requests after it, and the body negotiates (the Java SDK's client sends its newest version there).
 */
final class ProtocolVersionFilter implements Filter {

    static final String HEADER = "MCP-Protocol-Version";

    private final List<String> supported;
    private final JsonMapper mapper;
    private final int maxRequestBytes;

    ProtocolVersionFilter(List<String> supported, JsonMapper mapper, int maxRequestBytes) {
        this.supported = List.copyOf(supported);
        this.mapper = mapper;
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // every line: a second one naming another version is no version this server speaks (the gateway's rule too)
        List<String> lines = Collections.list(((HttpServletRequest) request).getHeaders(HEADER));
        String version = lines.isEmpty() ? null : String.join(", ", lines);
        if (version == null || supported.contains(version)) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = body((HttpServletRequest) request);
        if (body != null && isInitialize(body)) {
            chain.doFilter(new BufferedBodyRequest((HttpServletRequest) request, body), response);
            return;
        }
        HttpServletResponse http = (HttpServletResponse) response;
        http.setStatus(400);
        http.setContentType("application/json");
        http.setCharacterEncoding("UTF-8");
        // the request's id, when it has one an answer can carry (JSON-RPC 2.0 §5)
        Object id = body == null ? null : MessageIds.readable(mapper, body);
        // MCP 2026-07-28's error, listing every version spoken (ModernEraFilter serves that revision), which tells a
        // client of both eras to retry with one rather than fall back
        List<String> spoken = ModernRequests.spoken(supported);
        Map<String, Object> error = SafeErrorResponse.error(ModernRequests.UNSUPPORTED_PROTOCOL_VERSION, "Unsupported "
                + HEADER + " '" + printable(version) + "'. Supported versions: " + String.join(", ", spoken));
        error.put("data", Map.of("supported", spoken, "requested", version));
        SafeErrorResponse.writeBody(http, mapper, id, error);
    }

    /**
     * The body, read only on this rare path (a version this server does not speak) and within the size limit; null
     * when it cannot be read whole.
     */
    private byte[] body(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod()) || request.getContentLengthLong() > maxRequestBytes) {
            return null;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(maxRequestBytes + 1);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return body.length <= maxRequestBytes ? body : null;
    }

    private static boolean isInitialize(byte[] body) {
        JsonCursor method = MethodMember.find(body);
        try {
            return method != null && method.consumeScalar("\"initialize\"");
        } catch (JsonCursor.Malformed e) {
            return false;
        }
    }

    /** The caller's header value, shortened and stripped of control characters before it is echoed back. */
    private static String printable(String value) {
        String clean = value.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "..." : clean;
    }
}
