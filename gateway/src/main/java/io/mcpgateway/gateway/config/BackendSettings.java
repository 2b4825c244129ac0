package io.mcpgateway.gateway.config;

import java.net.URI;
import java.time.Duration;

/**
 * One backend MCP server.
 *
 * @param url its base URL; the MCP endpoint is {@code url + mcpPath}
 * @param mcpPath the MCP endpoint's path, {@code /mcp} by default
 * @param healthPath the path probed for health, {@code /health} by default
 * @param requestTimeout how long one attempt may wait for its answer (the read timeout)
 * @param totalTimeout how long a call may take including retries
 */
public record BackendSettings(String name, URI url, String mcpPath, String healthPath, Duration connectTimeout,
        Duration requestTimeout, Duration totalTimeout) {

    public static final String DEFAULT_MCP_PATH = "/mcp";
    public static final String DEFAULT_HEALTH_PATH = "/health";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_TOTAL_TIMEOUT = Duration.ofSeconds(45);

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
