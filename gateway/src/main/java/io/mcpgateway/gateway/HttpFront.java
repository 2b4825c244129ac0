package io.mcpgateway.gateway;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.compression.Gzip;
import io.javalin.config.JavalinConfig;
import io.javalin.json.JavalinJackson3;
import io.mcpgateway.gateway.config.ServerSettings;
import io.mcpgateway.gateway.error.GatewayException;
import io.mcpgateway.gateway.error.JsonErrorPages;
import io.mcpgateway.gateway.health.Drain;
import io.mcpgateway.gateway.http.AccessLog;
import io.mcpgateway.gateway.http.AdoptingConnector;
import io.mcpgateway.gateway.http.Cors;
import io.mcpgateway.gateway.http.HeadAsGet;
import io.mcpgateway.gateway.http.InFlightRequests;
import io.mcpgateway.gateway.http.ListeningSocket;
import io.mcpgateway.gateway.http.RequestContext;
import io.mcpgateway.gateway.http.RequestEnd;
import io.mcpgateway.gateway.http.VaryList;
import io.mcpgateway.mcpkit.IgnoredHeaders;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP server a gateway answers with: Jetty's and Javalin's settings, what every request passes through (CORS,
 * method and HEAD handling, request context, access log, drain) and the routes, registered in the order given.
 */
final class HttpFront {

    private static final int HEADER_CACHE_CHARS = 512;

    private HttpFront() {
    }

    /**
     * The application, not started: {@code connector} is set to its connector as Jetty makes it, which serves the
     * listening socket {@code socket} gives at start.
     */
    static Javalin create(ServerSettings server, JsonMapper mapper, Clock clock, AccessLog accessLog,
            InFlightRequests inFlight, Drain drain, Supplier<ListeningSocket> socket,
            AtomicReference<AdoptingConnector> connector, List<Consumer<JavalinConfig>> routes) {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(accessLog, "accessLog");
        Objects.requireNonNull(inFlight, "inFlight");
        Objects.requireNonNull(drain, "drain");
        Objects.requireNonNull(connector, "connector");
        List<Consumer<JavalinConfig>> registered = List.copyOf(routes);
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            // a start that fails (a reload whose port is taken) never starts it: no "never started" warning 5 s later
            cfg.startup.startupWatcherEnabled = false;
            cfg.concurrency.useVirtualThreads = true;
            cfg.jsonMapper(new JavalinJackson3(mapper, true));
            cfg.http.maxRequestSize = server.maxRequestBytes();
            cfg.http.prefer405over404 = true;
            int gzipLevel = server.gzipLevel();
            cfg.http.compressionStrategy = gzipLevel == 0 ? CompressionStrategy.NONE
                    : new CompressionStrategy(null, new Gzip(gzipLevel));
            // Jetty keeps each connection's recent header lines in a trie of 48 entries per character: a bearer token
            // (about 900 characters) fitted in the default 1,024 and each request walked it through cold memory, 12%
            // of a cached request's CPU; at 512 only the short, common lines are kept and the token is scanned
            // (perf, bench/gateway.sh --targets cached: header parsing 13.1% -> 10.7% of the gateway's CPU).
            cfg.jetty.modifyHttpConfiguration(httpConfig -> {
                httpConfig.setHeaderCacheSize(HEADER_CACHE_CHARS);
                // a body trickled in (a byte every few seconds, each one restarting the idle timeout) is cut off
                // with 408 instead of holding its request open for as long as the client likes
                httpConfig.setMinRequestDataRate(GatewayException.RequestTimeout.MIN_BODY_BYTES_PER_SECOND);
            });
            cfg.jetty.addConnector((jetty, httpConfig) -> connector.updateAndGet(none -> new AdoptingConnector(jetty,
                    httpConfig, socket.get(), server.maxConnections(), server.headerTimeout())));
            cfg.jetty.modifyServer(jetty -> {
                jetty.setStopTimeout(server.shutdownTimeout().toMillis());
                jetty.setErrorHandler(new JsonErrorPages(clock, mapper, accessLog));
            });
            Cors.enable(cfg, server.corsOrigins());
            IgnoredHeaders.enable(cfg);
            HeadAsGet.enable(cfg);
            VaryList.enable(cfg);
            cfg.routes.before(RequestContext::begin);
            // Any answer may be compressed (Javalin's compression or GzipAnswers), so every one varies with
            // Accept-Encoding: a shared cache must not hand a gzipped copy to a client that cannot read it. Kept
            // beside the CORS plugin's Vary: Origin by VaryList.
            cfg.routes.before(ctx -> ctx.res().addHeader("Vary", "Accept-Encoding"));
            RequestEnd.enable(cfg, (ctx, millis) -> {
                inFlight.end(ctx);
                accessLog.record(ctx, millis);
            });
            cfg.routes.before(inFlight::begin);
            cfg.routes.before(drain::closeConnectionWhileDraining);
            cfg.routes.after(RequestContext::end);
            registered.forEach(route -> route.accept(cfg));
        });
    }
}
