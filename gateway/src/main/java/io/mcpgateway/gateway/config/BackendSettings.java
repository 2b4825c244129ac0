package io.mcpgateway.gateway.config;

import java.net.URI;
import java.time.Duration;

/**
 * One backend MCP server.
 *
 * @param url its base URL; the MCP endpoint is {@code url + mcpPath}
 * @param mcpPath the MCP endpoint's path, {@code /mcp} by default
 * @param healthPath the path probed for health, {@code /health} by default
 */
public record BackendSettings(String name, URI url, String mcpPath, String healthPath, Duration connectTimeout,
        Duration requestTimeout) {

    public static final String DEFAULT_MCP_PATH = "/mcp";
    public static final String DEFAULT_HEALTH_PATH = "/health";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    public URI mcpEndpoint() {
        return URI.create(stripSlash(url.toString()) + mcpPath);
    }

    public URI healthEndpoint() {
        return URI.create(stripSlash(url.toString()) + healthPath);
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
