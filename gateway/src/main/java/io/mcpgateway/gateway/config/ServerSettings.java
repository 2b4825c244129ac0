package io.mcpgateway.gateway.config;

import java.time.Duration;
import java.util.List;

/**
 * Where the gateway listens and how much it accepts.
 *
 * @param maxRequestBytes the largest request body; larger ones get 413
 * @param shutdownTimeout how long a stopping gateway waits for in-flight requests before it closes their connections
 * @param drain how long a stopping gateway first goes on serving while telling load balancers it is not ready
 *     ({@code /health/ready} 503) and clients not to reuse their connections, so traffic moves elsewhere before it
 *     stops accepting; zero stops at once
 * @param gzipLevel how hard answers are compressed for clients that accept gzip: 1 (fastest) to 9, 0 not at all
 * @param corsOrigins the web origins whose pages may call the gateway from a browser (CORS), {@code *} for any;
 *     empty for none. Callers authenticate with bearer tokens, never cookies, so credentials are not allowed.
 * @param configWatch how often the configuration file is read to see whether it changed, and a change applied as
 *     {@code POST /config/reload} applies it; zero never
 * @param maxConnections the most client connections open at once: at that many the gateway accepts no more, and
 *     closes those idle for a second, until fewer are open (connections held open by slow clients cannot exhaust
 *     its file descriptors and shut everyone else out)
 * @param headerTimeout how long a request's headers may take to arrive, from its first byte: a connection whose
 *     headers come slower (a line every few seconds, which Jetty's idle timeout lets through) is closed
 */
public record ServerSettings(String host, int port, int maxRequestBytes, Duration shutdownTimeout, Duration drain,
        int gzipLevel, List<String> corsOrigins, Duration configWatch, int maxConnections,
        Duration headerTimeout) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    /** 2 MiB: a recommend call with the whole real data set (1,849 restaurants as search answers them) is 1 MB. */
    public static final int DEFAULT_MAX_REQUEST_BYTES = 2 * 1024 * 1024;
    /**
     * Level 1: a 100 KB search answer takes 240 µs to compress instead of 575 µs at Javalin's default 6, for 15 KB
     * instead of 13 KB (java.util.zip on this project's benchmark machine); at level 6 compressing cost more CPU than
     * everything else the gateway does for a call.
     */
    public static final int DEFAULT_GZIP_LEVEL = 1;
    /** Any origin, as the original gateway allowed. */
    public static final List<String> DEFAULT_CORS_ORIGINS = List.of("*");
    /** Well below the open-file limits processes commonly get (a few tens of thousands to a million). */
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    /** Added to the longest backend total timeout: time to write the last answers after their backends replied. */
    static final Duration SHUTDOWN_MARGIN = Duration.ofSeconds(5);

    public ServerSettings {
        corsOrigins = List.copyOf(corsOrigins);
    }

    public ServerSettings withHost(String newHost) {
        return new ServerSettings(newHost, port, maxRequestBytes, shutdownTimeout, drain, gzipLevel, corsOrigins,
                configWatch, maxConnections, headerTimeout);
    }

    public ServerSettings withPort(int newPort) {
        return new ServerSettings(host, newPort, maxRequestBytes, shutdownTimeout, drain, gzipLevel, corsOrigins,
                configWatch, maxConnections, headerTimeout);
    }

    public ServerSettings withDrain(Duration newDrain) {
        return new ServerSettings(host, port, maxRequestBytes, shutdownTimeout, newDrain, gzipLevel, corsOrigins,
                configWatch, maxConnections, headerTimeout);
    }

    public ServerSettings withGzipLevel(int newLevel) {
        return new ServerSettings(host, port, maxRequestBytes, shutdownTimeout, drain, newLevel, corsOrigins,
                configWatch, maxConnections, headerTimeout);
    }

    public ServerSettings withMaxConnections(int newMax) {
        return new ServerSettings(host, port, maxRequestBytes, shutdownTimeout, drain, gzipLevel, corsOrigins,
                configWatch, newMax, headerTimeout);
    }

    public ServerSettings withHeaderTimeout(Duration newTimeout) {
        return new ServerSettings(host, port, maxRequestBytes, shutdownTimeout, drain, gzipLevel, corsOrigins,
                configWatch, maxConnections, newTimeout);
    }

    /**
     * The default wait on shutdown: long enough for a call that started just before to run out its whole backend
     * budget (the longest {@code total_timeout_ms} of an enabled backend), so a deploy never cuts one short.
     */
    static Duration defaultShutdownTimeout(List<BackendSettings> backends) {
        return backends.stream().filter(BackendSettings::enabled).map(BackendSettings::totalTimeout)
                .max(Duration::compareTo).orElse(BackendSettings.DEFAULT_TOTAL_TIMEOUT).plus(SHUTDOWN_MARGIN);
    }
}
