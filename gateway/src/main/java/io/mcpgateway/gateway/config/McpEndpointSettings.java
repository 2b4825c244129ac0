package io.mcpgateway.gateway.config;

import java.time.Duration;
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
 * @param keepAlive the longest an answer streamed with a tool's progress stays silent, or a call that asked for
 *     progress goes without an answer begun: a comment line is written then, so that a proxy's or load balancer's idle
 *     timeout does not cut a long call; a subscription's stream gets one as often
 * @param maxSubscriptions how many {@code subscriptions/listen} streams (MCP 2026-07-28) may be open at once; 0 offers
 *     none
 * @param maxSubscriptionsPerCaller how many of them one caller (token subject) may hold open
 */
public record McpEndpointSettings(boolean alwaysPrefix, List<String> allowedHosts, List<String> allowedOrigins,
        String resourceUrl, Duration keepAlive, int maxSubscriptions, int maxSubscriptionsPerCaller) {

    public static final List<String> LOCAL_HOSTS = List.of("127.0.0.1:*", "localhost:*", "[::1]:*");
    public static final List<String> LOCAL_ORIGINS = List.of("http://127.0.0.1:*", "http://localhost:*",
            "http://[::1]:*");

    /** Below the 60 s idle timeout of common load balancers (AWS ALB, nginx's proxy_read_timeout). */
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(15);
    /** Each open stream holds a connection and a virtual thread: a few kilobytes, and a file descriptor. */
    public static final int DEFAULT_MAX_SUBSCRIPTIONS = 1_000;
    /** An agent needs one; a few allow for reconnects that overlap the stream they replace. */
    public static final int DEFAULT_MAX_SUBSCRIPTIONS_PER_CALLER = 10;

    public McpEndpointSettings {
        if (keepAlive == null || !keepAlive.isPositive()) {
            // a writer that waits no time between comments would write them without end
            throw new IllegalArgumentException("keepAlive must be positive but was " + keepAlive);
        }
        if (maxSubscriptions < 0 || maxSubscriptionsPerCaller < 1) {
            throw new IllegalArgumentException("maxSubscriptions must be 0 or more and maxSubscriptionsPerCaller 1 or"
                    + " more but were " + maxSubscriptions + " and " + maxSubscriptionsPerCaller);
        }
        allowedHosts = List.copyOf(allowedHosts);
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    public McpEndpointSettings withResourceUrl(String url) {
        return new McpEndpointSettings(alwaysPrefix, allowedHosts, allowedOrigins, url, keepAlive, maxSubscriptions,
                maxSubscriptionsPerCaller);
    }

    public static McpEndpointSettings defaults() {
        return new McpEndpointSettings(false, LOCAL_HOSTS, LOCAL_ORIGINS, null, DEFAULT_KEEP_ALIVE,
                DEFAULT_MAX_SUBSCRIPTIONS, DEFAULT_MAX_SUBSCRIPTIONS_PER_CALLER);
    }
}
