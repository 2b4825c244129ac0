package io.mcpgateway.mcpkit;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityException;
import io.modelcontextprotocol.server.transport.ServerTransportSecurityValidator;

/**
 * The SDK's Host and Origin check (DNS-rebinding protection), with an {@code Origin} first required to be one origin
 * as browsers send it: scheme, host and port, on one line. The SDK matches an allowed {@code http://localhost:*} by
 * its prefix, so {@code http://localhost:3000.evil.com}, {@code http://localhost:@evil.com} or a second Origin line
 * after an allowed one passed.
 */
public final class OneOriginValidator implements ServerTransportSecurityValidator {

    private static final Pattern SERIALIZED_ORIGIN = Pattern.compile(
            "null|[A-Za-z][A-Za-z0-9+.-]*://(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?");

    private final ServerTransportSecurityValidator sdk;

    private OneOriginValidator(ServerTransportSecurityValidator sdk) {
        this.sdk = sdk;
    }

    /** Accepts the {@code Host} values {@code allowedHosts} and the {@code Origin}s {@code allowedOrigins} name. */
    public static OneOriginValidator of(List<String> allowedHosts, List<String> allowedOrigins) {
        return new OneOriginValidator(DefaultServerTransportSecurityValidator.builder()
                .allowedHosts(allowedHosts)
                .allowedOrigins(allowedOrigins)
                .build());
    }

    @Override
    public void validateHeaders(Map<String, List<String>> headers) throws ServerTransportSecurityException {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if ("Origin".equalsIgnoreCase(header.getKey()) && (header.getValue().size() > 1
                    || header.getValue().stream().anyMatch(origin -> !SERIALIZED_ORIGIN.matcher(origin).matches()))) {
                throw new ServerTransportSecurityException(403, "Invalid Origin header");
            }
        }
        sdk.validateHeaders(headers);
    }
}
