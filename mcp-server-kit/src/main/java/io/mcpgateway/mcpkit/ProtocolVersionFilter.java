package io.mcpgateway.mcpkit;

import java.io.IOException;
import java.util.List;

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
 * Answers 400 to a request whose {@code MCP-Protocol-Version} header names a version this server does not speak, as
 * the Streamable HTTP transport specification requires; the SDK's stateless servlet does not check it. Requests
 * without the header (the initialize request, older clients) pass.
 */
final class ProtocolVersionFilter implements Filter {

    static final String HEADER = "MCP-Protocol-Version";

    private final List<String> supported;
    private final JsonMapper mapper;

    ProtocolVersionFilter(List<String> supported, JsonMapper mapper) {
        this.supported = List.copyOf(supported);
        this.mapper = mapper;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String version = ((HttpServletRequest) request).getHeader(HEADER);
        if (version == null || supported.contains(version)) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletResponse http = (HttpServletResponse) response;
        http.setStatus(400);
        http.setContentType("application/json");
        http.setCharacterEncoding("UTF-8");
        SafeErrorResponse.writeBody(http, mapper, SafeErrorResponse.error(ErrorCodes.INVALID_REQUEST, "Unsupported "
                + HEADER + " '" + printable(version) + "'. Supported versions: " + String.join(", ", supported)));
    }

    /** The caller's header value, shortened and stripped of control characters before it is echoed back. */
    private static String printable(String value) {
        String clean = value.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "..." : clean;
    }
}
