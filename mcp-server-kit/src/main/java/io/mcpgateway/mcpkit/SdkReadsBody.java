package io.mcpgateway.mcpkit;

import java.util.List;

import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Whether the SDK's transport would read a request's body: a POST labelled JSON, accepting JSON and event streams,
 * from an allowed Host and Origin. The filters that read a body before the SDK do so only then, so a request the SDK
 * refuses for its headers is refused as soon as they arrive, its body not waited for.
 */
final class SdkReadsBody {

    private SdkReadsBody() {
    }

    static boolean test(HttpServletRequest request, ServerTransportSecurityValidator hostAndOrigin) {
        if (!"POST".equals(request.getMethod()) || !isJsonMediaType(request.getContentType())) {
            return false; // the SDK refuses a body labelled otherwise (415)
        }
        String accept = request.getHeader("Accept");
        if (accept == null || !accept.contains("application/json") || !accept.contains("text/event-stream")) {
            return false;
        }
        try {
            HostAndOrigin.check(hostAndOrigin, List.of("Host", "Origin"), request);
            return true;
        } catch (ServerTransportSecurityException e) {
            return false;
        }
    }

    /** {@code application/json}, in any case, with or without parameters (a charset). */
    private static boolean isJsonMediaType(String contentType) {
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        return (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip()
                .equalsIgnoreCase("application/json");
    }
}
