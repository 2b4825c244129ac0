package io.mcpgateway.mcpkit;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;
import jakarta.servlet.http.HttpServletRequest;

/** The SDK's Host and Origin check (DNS-rebinding protection) over headers read from any kind of request. */
public final class HostAndOrigin {

    private HostAndOrigin() {
    }

    /**
     * Checks the {@code names} headers (Host, Origin), each with all its lines, which {@code lines} gives.
     *
     * @throws ServerTransportSecurityException when one is not allowed: status 421 for the Host, 403 for the Origin
     */
    public static void check(ServerTransportSecurityValidator validator, List<String> names,
            Function<String, List<String>> lines) throws ServerTransportSecurityException {
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : names) {
            List<String> values = lines.apply(name);
            if (!values.isEmpty()) {
                headers.put(name, values);
            }
        }
        validator.validateHeaders(headers);
    }

    /** Checks the {@code names} headers of {@code request}, each with all its lines. */
    public static void check(ServerTransportSecurityValidator validator, List<String> names,
            HttpServletRequest request) throws ServerTransportSecurityException {
        check(validator, names, name -> Collections.list(request.getHeaders(name)));
    }
}
