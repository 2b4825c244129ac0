package io.mcpgateway.mcpkit;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * How an MCP server is exposed.
 *
 * @param bindHost the address to listen on; 127.0.0.1 unless deployed behind a network
 * @param port the port; 0 picks a free one (tests)
 * @param allowedHosts {@code Host} header values accepted on {@code /mcp} ({@code name:*} allows any port): the
 *     DNS-rebinding protection of the MCP transport specification
 * @param allowedOrigins {@code Origin} values accepted on {@code /mcp}; requests without an Origin are accepted
 * @param maxRequestBytes the largest request body accepted; larger ones get 413
 * @param shutdownTimeout how long in-flight requests may take to finish at shutdown
 * @param maxConnections the most connections open at once: at that many the server accepts no more and closes those
 *     idle for a second until fewer are open, so clients holding connections cannot take every file descriptor
 */
public record McpServerConfig(String bindHost, int port, List<String> allowedHosts, List<String> allowedOrigins,
        int maxRequestBytes, Duration shutdownTimeout, int maxConnections) {

    public static final String DEFAULT_BIND_HOST = "127.0.0.1";
    public static final List<String> LOCAL_HOSTS = List.of("127.0.0.1:*", "localhost:*", "[::1]:*");
    public static final List<String> LOCAL_ORIGINS = List.of("http://127.0.0.1:*", "http://localhost:*",
            "http://[::1]:*");
    /** 4 MiB: a recommend call with 1000 full restaurant objects is about 1 MiB. */
    public static final int DEFAULT_MAX_REQUEST_BYTES = 4 * 1024 * 1024;
    /** The smallest body limit allowed: below it, ordinary requests would be refused. */
    public static final int MIN_REQUEST_BYTES = 1024;
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);
    /** As the gateway's {@code server.max_connections}: well below the open-file limits processes commonly get. */
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    /** The fewest allowed: below it, a gateway's pool of connections alone could fill the server. */
    public static final int MIN_CONNECTIONS = 16;
    private static final String HOST_AND_PORT = "([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+])(:([0-9]{1,5}|\\*))?";
    private static final Pattern HOST = Pattern.compile(HOST_AND_PORT);
    private static final Pattern ORIGIN = Pattern.compile("https?://" + HOST_AND_PORT);

    public McpServerConfig {
        Objects.requireNonNull(bindHost, "bindHost");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535 but was " + port);
        }
        allowedHosts = List.copyOf(allowedHosts);
        allowedOrigins = List.copyOf(allowedOrigins);
        if (allowedHosts.isEmpty()) {
            throw new IllegalArgumentException("allowedHosts must not be empty: Host validation stays on");
        }
        allowedHosts.forEach(host -> hostProblem(host).ifPresent(problem -> {
            throw new IllegalArgumentException("allowed host " + problem);
        }));
        allowedOrigins.forEach(origin -> originProblem(origin).ifPresent(problem -> {
            throw new IllegalArgumentException("allowed origin " + problem);
        }));
        if (maxRequestBytes < MIN_REQUEST_BYTES) {
            throw new IllegalArgumentException("maxRequestBytes must be at least " + MIN_REQUEST_BYTES + " but was "
                    + maxRequestBytes);
        }
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        if (maxConnections < MIN_CONNECTIONS) {
            throw new IllegalArgumentException("maxConnections must be at least " + MIN_CONNECTIONS + " but was "
                    + maxConnections);
        }
    }

    /**
     * What is wrong with an allowed {@code Host} value, if anything: it must be {@code host}, {@code host:port} or
     * {@code host:*}. Anything else ({@code *}, a URL) matches no request, and every request would be refused (421).
     */
    public static Optional<String> hostProblem(String host) {
        return HOST.matcher(host).matches() ? Optional.empty() : Optional.of("'" + host + "' is not host, host:port"
                + " or host:* (no scheme, no path), such as localhost:* or gateway.example.com:443");
    }

    /**
     * What is wrong with an allowed {@code Origin} value, if anything: one origin as browsers send it, or with
     * {@code :*} for any port. Anything else ({@code *}, a trailing '/', a path) matches no request (403).
     */
    public static Optional<String> originProblem(String origin) {
        return ORIGIN.matcher(origin).matches() ? Optional.empty() : Optional.of("'" + origin + "' is not"
                + " scheme://host[:port] or scheme://host:* (no path, no trailing '/'), such as http://localhost:*");
    }

    /** Local development settings on the given port. */
    public static McpServerConfig local(int port) {
        return new McpServerConfig(DEFAULT_BIND_HOST, port, LOCAL_HOSTS, LOCAL_ORIGINS, DEFAULT_MAX_REQUEST_BYTES,
                DEFAULT_SHUTDOWN_TIMEOUT, DEFAULT_MAX_CONNECTIONS);
    }

    /** These settings with {@code hosts} accepted too, after the ones they name. */
    public McpServerConfig alsoAllowingHosts(List<String> hosts) {
        List<String> all = Stream.concat(allowedHosts.stream(), hosts.stream()).distinct().toList();
        return new McpServerConfig(bindHost, port, all, allowedOrigins, maxRequestBytes, shutdownTimeout,
                maxConnections);
    }

    public McpServerConfig withMaxRequestBytes(int bytes) {
        return new McpServerConfig(bindHost, port, allowedHosts, allowedOrigins, bytes, shutdownTimeout,
                maxConnections);
    }

    public McpServerConfig withMaxConnections(int connections) {
        return new McpServerConfig(bindHost, port, allowedHosts, allowedOrigins, maxRequestBytes, shutdownTimeout,
                connections);
    }
}
