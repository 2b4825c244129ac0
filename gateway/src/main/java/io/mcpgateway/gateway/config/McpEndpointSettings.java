package io.mcpgateway.gateway.config;

import java.util.List;

/**
 * The gateway's own MCP endpoint ({@code /mcp}) over every backend's tools.
 *
 * @param alwaysPrefix expose every tool as {@code <backend>___<tool>}, not only those whose names collide
 * @param allowedHosts {@code Host} values accepted on {@code /mcp} ({@code name:*} = any port), the DNS-rebinding
 *     protection of the MCP transport specification
 * @param allowedOrigins browser {@code Origin}s accepted on {@code /mcp}; requests without one are accepted
 * @param resourceUrl this endpoint's public URL, named in the protected resource metadata (RFC 9728); derived from
 *     the request when not set (set it behind a proxy)
 */
public record McpEndpointSettings(boolean alwaysPrefix, List<String> allowedHosts, List<String> allowedOrigins,
        String resourceUrl) {

    public static final List<String> LOCAL_HOSTS = List.of("127.0.0.1:*", "localhost:*", "[::1]:*");
    public static final List<String> LOCAL_ORIGINS = List.of("http://127.0.0.1:*", "http://localhost:*",
            "http://[::1]:*");

    public McpEndpointSettings {
        allowedHosts = List.copyOf(allowedHosts);
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    public static McpEndpointSettings defaults() {
        return new McpEndpointSettings(false, LOCAL_HOSTS, LOCAL_ORIGINS, null);
    }
}
