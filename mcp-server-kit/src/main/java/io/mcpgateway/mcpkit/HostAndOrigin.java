package io.mcpgateway.mcpkit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;

/** The SDK's Host and Origin check (DNS-rebinding protection) over headers read from any kind of request. */
public final class HostAndOrigin {

    private HostAndOrigin() {
    }

    /**
     * Checks the {@code names} headers (Host, Origin) that {@code header} gives.
     *
     * @throws ServerTransportSecurityException when one is not allowed: status 421 for the Host, 403 for the Origin
     */
    public static void check(ServerTransportSecurityValidator validator, List<String> names,
            UnaryOperator<String> header) throws ServerTransportSecurityException {
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : names) {
            String value = header.apply(name);
            if (value != null) {
                headers.put(name, List.of(value));
            }
        }
        validator.validateHeaders(headers);
    }
}
