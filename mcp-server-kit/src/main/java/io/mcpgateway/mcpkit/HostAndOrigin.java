package io.mcpgateway.mcpkit;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import jakarta.servlet.http.HttpServletRequest;

/** The SDK's Host and Origin check (DNS-rebinding protection) over a request's headers, every line of each. */
public final class HostAndOrigin {

    private HostAndOrigin() {
    }

    /**
     * Checks the {@code names} headers (Host, Origin) of {@code request}, each with all its lines.
     *
     * @throws ServerTransportSecurityException when one is not allowed: status 421 for the Host, 403 for the Origin
     */
    public static void check(ServerTransportSecurityValidator validator, List<String> names,
            HttpServletRequest request) throws ServerTransportSecurityException {
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : names) {
            List<String> lines = Collections.list(request.getHeaders(name));
            if (!lines.isEmpty()) {
                headers.put(name, lines);
            }
        }
        validator.validateHeaders(headers);
    }
}
