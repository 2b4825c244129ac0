package io.mcpgateway.gateway.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One backend MCP server.
 *
 * @param url its base URL; the MCP endpoint is {@code url + mcpPath}. A URL given as the endpoint itself (one whose
 *     path ends with {@code mcpPath}, as {@code http://search:8081/mcp}) is taken for what it means: its base is
 *     the rest ({@code http://search:8081}), so the endpoint is not {@code /mcp/mcp}, a 404 that no probe would pass
 * @param mcpPath the MCP endpoint's path, {@code /mcp} by default
 * @param healthPath the path probed for health, {@code /health} by default; empty for a backend without a health
 *     page ({@link #NO_HEALTH_PAGE}), which is probed with {@code tools/list} instead
 * @param enabled false to keep it configured but out of service: not probed, not called, its tools not listed
 * @param requestTimeout how long one attempt may take, answer body included (the read timeout)
 * @param totalTimeout how long a call may take including retries
 * @param pool the keep-alive connections kept to it
 * @param credentials what the gateway presents to it (never the caller's token)
 * @param requiredScopes scopes (or groups) a caller needs for every tool of this backend, on its REST routes and on
 *     {@code /mcp} alike, on top of a route's own
 * @param sendCaller whether each {@code tools/call} tells the backend whom it is for (the caller's subject, client and
 *     scopes in {@code _meta}); false for a backend that need not learn who calls (a third party's, say)
 */
public record BackendSettings(String name, URI url, String mcpPath, String healthPath, boolean enabled,
        Duration connectTimeout, Duration requestTimeout, Duration totalTimeout, ConnectionPoolSettings pool,
        OutboundCredentials credentials, List<String> requiredScopes, boolean sendCaller) {

    public static final String DEFAULT_MCP_PATH = "/mcp";
    public static final String DEFAULT_HEALTH_PATH = "/health";
    /**
     * The {@code health_path} of a backend that has no health page: most third-party MCP servers answer 404 there,
     * so the gateway asks for its tools instead, which tells whether it serves MCP.
     */
    public static final String NO_HEALTH_PAGE = "";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_TOTAL_TIMEOUT = Duration.ofSeconds(45);

    public BackendSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(mcpPath, "mcpPath");
        Objects.requireNonNull(healthPath, "healthPath");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(credentials, "credentials");
        url = baseOf(url, mcpPath);
        requiredScopes = List.copyOf(requiredScopes);
    }

    /** A backend at {@code url} with every other setting at its default. */
    public static BackendSettings withDefaults(String name, URI url) {
        return new BackendSettings(name, url, DEFAULT_MCP_PATH, DEFAULT_HEALTH_PATH, true, DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_REQUEST_TIMEOUT, DEFAULT_TOTAL_TIMEOUT, ConnectionPoolSettings.defaults(),
                OutboundCredentials.none(), List.of(), true);
    }

    public BackendSettings withUrl(URI newUrl) {
        return new BackendSettings(name, newUrl, mcpPath, healthPath, enabled, connectTimeout, requestTimeout,
                totalTimeout, pool, credentials, requiredScopes, sendCaller);
    }

    public URI mcpEndpoint() {
        return URI.create(stripSlash(url.toString()) + mcpPath);
    }

    /** Its health page; empty for a backend probed with {@code tools/list} ({@link #NO_HEALTH_PAGE}). */
    public Optional<URI> healthEndpoint() {
        return healthPath.equals(NO_HEALTH_PAGE) ? Optional.empty()
                : Optional.of(URI.create(stripSlash(url.toString()) + healthPath));
    }

    /** The URL as shown to callers and in warnings: without user information, which may hold a password. */
    public String shownUrl() {
        try {
            return new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            return url.getScheme() + "://" + url.getHost();
        }
    }

    /** {@code url} without {@code mcpPath} at the end of its path, where it ends so; else {@code url}. */
    private static URI baseOf(URI url, String mcpPath) {
        String path = url.getRawPath() == null ? "" : stripSlash(url.getRawPath());
        String endpoint = stripSlash(mcpPath);
        if (endpoint.isEmpty() || !path.endsWith(endpoint) || url.getRawQuery() != null
                || url.getRawFragment() != null) { // no query or fragment is let through: the path ends the URL
            return url;
        }
        String base = url.toString();
        int pathStart = base.length() - url.getRawPath().length();
        return URI.create(base.substring(0, pathStart) + path.substring(0, path.length() - endpoint.length()));
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
